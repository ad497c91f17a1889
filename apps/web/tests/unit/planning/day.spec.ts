import { describe, expect, it } from 'vitest';
import {
  compareByPriorityThenTime,
  defaultTime,
  formatDue,
  formatPercent,
  groupDay,
  moscowDateOf,
  moscowInstant,
  moscowWallClock,
  progressBarValue,
  progressStatus,
  shiftDay,
} from '@/features/planning/lib/day';
import type { TaskDto } from '@/features/planning/lib/types';

let seq = 0;
function task(overrides: Partial<TaskDto> = {}): TaskDto {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type: 'call',
    subject: `Задача ${seq}`,
    description: null,
    goal: null,
    clientId: null,
    clientName: null,
    contactId: null,
    dealId: null,
    invoiceId: null,
    assigneeId: 'me',
    assigneeName: 'Я',
    authorId: 'me',
    authorName: 'Я',
    dueAt: '2026-11-23T07:00:00.000Z',
    priority: 'normal',
    status: 'planned',
    overdue: false,
    result: null,
    completedAt: null,
    templateCode: null,
    source: 'manual',
    createdAt: '2026-11-20T07:00:00.000Z',
    version: 1,
    canChange: true,
    ...overrides,
  };
}

describe('day plan grouping and ordering', () => {
  it('orders the planned tasks by priority, then by due time', () => {
    const lowEarly = task({ priority: 'low', dueAt: '2026-11-23T06:00:00.000Z', subject: 'low early' });
    const normalLate = task({ priority: 'normal', dueAt: '2026-11-23T13:00:00.000Z', subject: 'normal late' });
    const highLate = task({ priority: 'high', dueAt: '2026-11-23T15:00:00.000Z', subject: 'high late' });
    const normalEarly = task({ priority: 'normal', dueAt: '2026-11-23T07:00:00.000Z', subject: 'normal early' });
    const highEarly = task({ priority: 'high', dueAt: '2026-11-23T07:00:00.000Z', subject: 'high early' });

    const { planned } = groupDay({ planned: [lowEarly, normalLate, highLate, normalEarly, highEarly], overdue: [], done: [] });

    expect(planned.map((t) => t.subject)).toEqual(['high early', 'high late', 'normal early', 'normal late', 'low early']);
  });

  it('breaks ties of priority and time by subject, so the order is stable', () => {
    const b = task({ subject: 'Б' });
    const a = task({ subject: 'А' });
    expect([b, a].sort(compareByPriorityThenTime).map((t) => t.subject)).toEqual(['А', 'Б']);
  });

  it('lists the carried-over tasks oldest first and the done ones in completion order', () => {
    const older = task({ dueAt: '2026-11-18T12:00:00.000Z', subject: 'older', overdue: true });
    const newer = task({ dueAt: '2026-11-20T12:00:00.000Z', subject: 'newer', overdue: true });
    const doneLate = task({ status: 'done', completedAt: '2026-11-23T14:30:00.000Z', subject: 'done late' });
    const doneEarly = task({ status: 'done', completedAt: '2026-11-23T08:30:00.000Z', subject: 'done early' });

    const day = groupDay({ planned: [], overdue: [newer, older], done: [doneLate, doneEarly] });

    expect(day.overdue.map((t) => t.subject)).toEqual(['older', 'newer']);
    expect(day.done.map((t) => t.subject)).toEqual(['done early', 'done late']);
    expect(day.counts).toEqual({ planned: 0, overdue: 2, done: 2 });
  });

  it('shows a task once and keeps closed tasks out of the planned lists', () => {
    const carried = task({ overdue: true });
    const cancelled = task({ status: 'cancelled' });
    const justDone = task({ status: 'done', completedAt: '2026-11-23T09:00:00.000Z' });

    const day = groupDay({ planned: [carried, cancelled, justDone], overdue: [carried], done: [justDone] });

    expect(day.overdue).toEqual([carried]);
    expect(day.planned).toEqual([]);
    expect(day.done).toEqual([justDone]);
    expect(day.counts).toEqual({ planned: 0, overdue: 1, done: 1 });
  });

  it('counts each list in full from the server’s totals (a list shows only its first tasks)', () => {
    const day = groupDay({ planned: [task({})], overdue: [task({ dueAt: '2026-11-20T07:00:00.000Z' })], done: [], totals: { planned: 120, overdue: 7, done: 0 } });
    expect(day.planned).toHaveLength(1);
    expect(day.counts).toEqual({ planned: 120, overdue: 7, done: 0 });
  });

  it('does not change the lists it was given', () => {
    const list = [task({ priority: 'low' }), task({ priority: 'high' })];
    const copy = [...list];
    groupDay({ planned: list, overdue: [], done: [] });
    expect(list).toEqual(copy);
  });
});

describe('due times in Moscow time', () => {
  it('shows only HH:mm for a task due on the day being viewed', () => {
    // 07:00 UTC is 10:00 in Moscow (UTC+3)
    expect(formatDue('2026-11-23T07:00:00.000Z', '2026-11-23')).toBe('10:00');
  });

  it('shows the date as well for another day, in the Moscow calendar', () => {
    expect(formatDue('2026-11-20T12:00:00.000Z', '2026-11-23')).toBe('20.11.2026 15:00');
    // 22:30 UTC on the 22nd is already 01:30 on the 23rd in Moscow
    expect(formatDue('2026-11-22T22:30:00.000Z', '2026-11-23')).toBe('01:30');
    expect(formatDue('2026-11-22T20:59:00.000Z', '2026-11-23')).toBe('22.11.2026 23:59');
  });

  it('shows a dash when there is no due time', () => {
    expect(formatDue(null, '2026-11-23')).toBe('—');
  });

  it('converts the Moscow wall clock to an instant and back', () => {
    expect(moscowInstant('2026-11-24', '10:00')).toBe('2026-11-24T07:00:00.000Z');
    expect(moscowInstant('2026-01-01', '00:15')).toBe('2025-12-31T21:15:00.000Z');
    expect(moscowWallClock('2025-12-31T21:15:00.000Z')).toEqual({ date: '2026-01-01', time: '00:15' });
    expect(moscowDateOf('2026-11-22T21:00:00.000Z')).toBe('2026-11-23');
  });

  it('shifts calendar days across month and year ends', () => {
    expect(shiftDay('2026-11-30', 1)).toBe('2026-12-01');
    expect(shiftDay('2026-01-01', -1)).toBe('2025-12-31');
    expect(shiftDay('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('suggests 10:00, or on today the next full hour of the working day', () => {
    const now = new Date('2026-11-23T09:20:00.000Z'); // 12:20 in Moscow
    expect(defaultTime('2026-11-24', now)).toBe('10:00');
    expect(defaultTime('2026-11-23', now)).toBe('13:00');
    expect(defaultTime('2026-11-23', new Date('2026-11-23T04:00:00.000Z'))).toBe('10:00'); // 07:00
    expect(defaultTime('2026-11-23', new Date('2026-11-23T19:30:00.000Z'))).toBe('21:00'); // 22:30
  });
});

describe('plan progress percent display', () => {
  it('shows at most one decimal with a Russian comma and a no-break space before the sign', () => {
    expect(formatPercent(45.5)).toBe('45,5\u00a0%');
    expect(formatPercent(45)).toBe('45\u00a0%');
    expect(formatPercent(33.33)).toBe('33,3\u00a0%');
    expect(formatPercent(99.96)).toBe('100\u00a0%');
    expect(formatPercent(0)).toBe('0\u00a0%');
  });

  it('shows over-fulfilment as it is, and English without the space', () => {
    expect(formatPercent(123.4)).toBe('123,4\u00a0%');
    expect(formatPercent(123.4, 'en')).toBe('123.4%');
  });

  it('treats a missing or broken percent as zero', () => {
    expect(formatPercent(undefined)).toBe('0\u00a0%');
    expect(formatPercent(Number.NaN)).toBe('0\u00a0%');
  });

  it('fills the bar up to 100 and never below 0', () => {
    expect(progressBarValue(45.5)).toBe(45.5);
    expect(progressBarValue(250)).toBe(100);
    expect(progressBarValue(-5)).toBe(0);
    expect(progressBarValue(null)).toBe(0);
  });

  it('turns the bar green once the target is met', () => {
    expect(progressStatus(100)).toBe('success');
    expect(progressStatus(130)).toBe('success');
    expect(progressStatus(99.9)).toBe('');
  });
});
