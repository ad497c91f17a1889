import { describe, expect, it } from 'vitest';
import { countEntries, describeCron, scheduleWords } from '@/features/jobs/lib/jobs';
import { setLocale } from '@/i18n';
import { amountToInput, isNegativeAmount, monthTitle, normalizeAmount, sameAmount, shiftMonth } from '@/features/planning/lib/plans';
import { chartHeight, chartMembers, shortName, teamChartOption } from '@/features/planning/lib/teamChart';
import type { TeamMemberDayDto } from '@/features/planning/lib/types';

describe('revenue target input (decimal strings, never floats)', () => {
  it('accepts spaces, a comma or a dot and gives the API decimal string', () => {
    expect(normalizeAmount('3 500 000')).toBe('3500000');
    expect(normalizeAmount('3\u00a0500\u00a0000,5')).toBe('3500000.50');
    expect(normalizeAmount('2500000.25')).toBe('2500000.25');
    expect(normalizeAmount('007')).toBe('7');
    expect(normalizeAmount('999999999999.99')).toBe('999999999999.99');
  });

  it('keeps amounts past 2^53 exact', () => {
    expect(normalizeAmount('900719925474,09')).toBe('900719925474.09');
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', '  ', 'abc', '-5', '1.234', '1e6', '1 000 000 000 000', '12,3,4']) {
      expect(normalizeAmount(bad)).toBeNull();
    }
  });

  it('shows a stored target for editing and compares amounts', () => {
    expect(amountToInput('2500000.00')).toBe('2 500 000');
    expect(amountToInput('2500000.50')).toBe('2 500 000,50');
    expect(amountToInput('999.05')).toBe('999,05');
    expect(normalizeAmount(amountToInput('2750000.00'))).toBe('2750000');
    expect(sameAmount('2500000', '2500000.00')).toBe(true);
    expect(sameAmount('2500000.01', '2500000.00')).toBe(false);
  });
});

describe('monthly plans: months and negative amounts', () => {
  it('names a month as people do, in both languages', () => {
    expect(monthTitle('2026-11', 'ru')).toBe('ноябрь 2026');
    expect(monthTitle('2026-11', 'en')).toBe('November 2026');
    expect(monthTitle('2027-01', 'ru')).toBe('январь 2027');
  });

  it('steps months across a year', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2026-11', 0)).toBe('2026-11');
  });

  it('tells a negative amount apart (it gets its own message)', () => {
    expect(isNegativeAmount('-5')).toBe(true);
    expect(isNegativeAmount(' \u22121 000')).toBe(true);
    expect(isNegativeAmount('5')).toBe(false);
    expect(isNegativeAmount('')).toBe(false);
  });
});

describe('scheduled jobs display', () => {
  it('says the schedule in words with the zone and the working days, in both languages', () => {
    const job = { schedule: '0 9 * * *', timeZone: 'Europe/Moscow', runsOn: 'working_days' as const };
    setLocale('ru');
    expect(scheduleWords(job)).toBe('Ежедневно в 09:00 (Москва), по рабочим дням');
    expect(scheduleWords({ ...job, runsOn: 'every_day' })).toBe('Ежедневно в 09:00 (Москва)');
    setLocale('en');
    expect(scheduleWords(job)).toBe('Every day at 09:00 (Moscow), on working days');
    setLocale('ru');
  });

  it('describes simple daily crons', () => {
    expect(describeCron('0 9 * * *')).toEqual({ kind: 'daily', time: '09:00' });
    expect(describeCron('30 7 * * 1-5')).toEqual({ kind: 'weekdays', time: '07:30' });
    expect(describeCron('*/5 * * * *')).toEqual({ kind: 'everyMinutes', minutes: 5 });
    expect(describeCron('0 9 1 * *')).toEqual({ kind: 'monthly', time: '09:00', day: 1 });
    expect(describeCron('15 3 * * 0')).toEqual({ kind: 'weekly', time: '03:15', weekday: 0 });
    expect(describeCron('5 * * * *')).toEqual({ kind: 'hourly', minute: 5 });
    expect(describeCron('0 9 1 1 *')).toBeNull();
    expect(describeCron('0 25 * * *')).toBeNull();
  });

  it('lists the counts of a run, known ones first, without a zero "skipped"', () => {
    expect(countEntries({ windowDays: 3, tasksCreated: 12, invoicesMarkedOverdue: 1 })).toEqual([
      ['tasksCreated', 12],
      ['invoicesMarkedOverdue', 1],
      ['windowDays', 3],
    ]);
    expect(countEntries({ tasksCreated: 0, skipped: 0 })).toEqual([['tasksCreated', 0]]);
    expect(countEntries({ skipped: 1, tasksCreated: 0 })).toEqual([
      ['tasksCreated', 0],
      ['skipped', 1],
    ]);
    expect(countEntries(null)).toEqual([]);
  });
});

describe('team chart', () => {
  const member = (fullName: string, planned: number, done: number, overdue: number): TeamMemberDayDto => ({
    userId: fullName,
    fullName,
    role: 'sales_manager',
    planned,
    done,
    overdue,
    items: [],
  });

  it('charts only employees with something to show, with short names', () => {
    const members = [member('Иванов Иван Иванович', 3, 1, 1), member('Петрова Анна', 0, 0, 0), member('Сидоров', 0, 2, 0)];
    expect(chartMembers(members).map((m) => m.fullName)).toEqual(['Иванов Иван Иванович', 'Сидоров']);
    expect(shortName('Иванов Иван Иванович')).toBe('Иванов И. И.');
    const option = teamChartOption(members, { planned: 'План', done: 'Сделано', overdue: 'Просрочено' }) as {
      yAxis: { data: string[] };
      series: Array<{ name: string; data: number[] }>;
    };
    expect(option.yAxis.data).toEqual(['Иванов И. И.', 'Сидоров']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['План', [3, 0]],
      ['Сделано', [1, 2]],
      ['Просрочено', [1, 0]],
    ]);
    expect(chartHeight(10)).toBeGreaterThan(chartHeight(2));
  });
});
