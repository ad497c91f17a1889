/** Display helpers of the scheduled jobs screen (pure, unit-tested). */
import { t } from '@/i18n';
import type { JobDto } from './types';


export type CronSummary =
  | { kind: 'daily' | 'weekdays'; time: string }
  | { kind: 'weekly'; time: string; weekday: number }
  | { kind: 'monthly'; time: string; day: number }
  | { kind: 'everyMinutes'; minutes: number }
  | { kind: 'hourly'; minute: number };

const num = (part: string | undefined, max: number): number | null =>
  part !== undefined && /^\d{1,2}$/.test(part) && Number(part) <= max ? Number(part) : null;

/**
 * A cron expression of the shapes our jobs use, as words to show (people see «ежедневно
 * в 09:00», not `0 9 * * *`): daily, weekdays, weekly, monthly, every N minutes, hourly;
 * null for anything else (the screen then says «по особому расписанию»).
 */
export function describeCron(cron: string): CronSummary | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [minute, hour, dom, month, dow] = parts;
  if (month !== '*') return null;
  const every = /^\*\/(\d{1,2})$/.exec(minute ?? '');
  if (every && hour === '*' && dom === '*' && dow === '*') return { kind: 'everyMinutes', minutes: Number(every[1]) };
  const m = num(minute, 59);
  if (m === null) return null;
  if (hour === '*' && dom === '*' && dow === '*') return { kind: 'hourly', minute: m };
  const h = num(hour, 23);
  if (h === null) return null;
  const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  if (dom === '*' && dow === '*') return { kind: 'daily', time };
  if (dom === '*' && (dow === '1-5' || dow === 'MON-FRI')) return { kind: 'weekdays', time };
  const weekday = num(dow, 7);
  if (dom === '*' && weekday !== null) return { kind: 'weekly', time, weekday: weekday % 7 };
  const day = num(dom, 31);
  if (dow === '*' && day !== null && day >= 1) return { kind: 'monthly', time, day };
  return null;
}

/** The keys of a run's counts in display order (known ones first, `skipped` only when set). */
export function countEntries(counts: Record<string, number> | null | undefined): Array<[string, number]> {
  const ORDER = ['tasksCreated', 'invoicesMarkedOverdue', 'windowDays'];
  const entries = Object.entries(counts ?? {}).filter(([key, value]) => typeof value === 'number' && !(key === 'skipped' && !value));
  return entries.sort(([a], [b]) => {
    const ia = ORDER.indexOf(a);
    const ib = ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
}

/**
 * A job's schedule as people say it, in the current language: «Ежедневно в 09:00
 * (Москва), по рабочим дням» / «Every day at 09:00 (Moscow), on working days».
 */
export function scheduleWords(job: Pick<JobDto, 'schedule' | 'timeZone' | 'runsOn'>): string {
  const summary = describeCron(job.schedule);
  let text: string;
  if (!summary) text = t('jobs.custom');
  else if (summary.kind === 'weekly') text = t('jobs.weekly', { time: summary.time, weekday: t(`jobs.weekdayNames.d${summary.weekday}`) });
  else text = t(`jobs.${summary.kind}`, summary);
  const zone = job.timeZone === 'Europe/Moscow' ? t('jobs.moscowTime') : job.timeZone;
  const days = job.runsOn === 'every_day' ? '' : `, ${t(`jobs.runsOn.${job.runsOn}`)}`;
  return `${text} (${zone})${days}`;
}
