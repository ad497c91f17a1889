/**
 * Pure helpers of the planning screens: ordering and grouping of a day's tasks,
 * due times in Moscow time, Moscow wall-clock ↔ instants, plan progress display.
 * No Vue, no API: unit-tested in tests/unit/planning.
 */
import { addDays, moscowDay, moscowInstant as businessInstant, moscowMonth } from '@polar/business-time';
import { formatDate, formatDateTime, formatTime, moscowToday, NBSP } from '@/utils/format';
import type { DayTaskDto, MyDayDto, TaskPriority } from '@/features/planning/lib/types';

/** Display order of priorities: high first. */
export const PRIORITY_RANK: Readonly<Record<TaskPriority, number>> = { high: 0, normal: 1, low: 2 };

function time(value: string | null | undefined): number {
  if (!value) return Number.POSITIVE_INFINITY;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** By priority (high → low), then due time, then subject. */
export function compareByPriorityThenTime(a: DayTaskDto, b: DayTaskDto): number {
  return (
    (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9) ||
    time(a.dueAt) - time(b.dueAt) ||
    a.subject.localeCompare(b.subject, 'ru')
  );
}

/** Oldest due first (what has waited longest comes first). */
export function compareByDue(a: DayTaskDto, b: DayTaskDto): number {
  return time(a.dueAt) - time(b.dueAt) || (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9);
}

/** In the order the work was done. */
export function compareByCompletion(a: DayTaskDto, b: DayTaskDto): number {
  return time(a.completedAt) - time(b.completedAt) || time(a.dueAt) - time(b.dueAt);
}

export interface DaySections {
  /** Planned for the day, by priority then time. */
  planned: DayTaskDto[];
  /** Planned before the day and still not done (carried over), oldest first. */
  overdue: DayTaskDto[];
  /** Done on the day, in completion order. */
  done: DayTaskDto[];
  /** Each list's full count (the server's totals: a list shows its first tasks only). */
  counts: { planned: number; overdue: number; done: number };
}

/**
 * The day plan as shown: three sections, each sorted for display. A task is shown
 * once (a task the server listed in two sections keeps the first of overdue → planned
 * → done), and a planned list never shows closed tasks.
 */
export function groupDay(day: Pick<MyDayDto, 'planned' | 'overdue' | 'done'> & { totals?: MyDayDto['totals'] }): DaySections {
  const seen = new Set<string>();
  const take = (list: readonly DayTaskDto[], keep: (t: DayTaskDto) => boolean): DayTaskDto[] =>
    list.filter((task) => {
      if (seen.has(task.id) || !keep(task)) return false;
      seen.add(task.id);
      return true;
    });
  const overdue = take(day.overdue, (t) => t.status === 'planned').sort(compareByDue);
  const planned = take(day.planned, (t) => t.status === 'planned').sort(compareByPriorityThenTime);
  const done = take(day.done, (t) => t.status === 'done').sort(compareByCompletion);
  const counts = day.totals ?? { planned: planned.length, overdue: overdue.length, done: done.length };
  return { planned, overdue, done, counts: { planned: counts.planned, overdue: counts.overdue, done: counts.done } };
}

/** The Moscow calendar day (`YYYY-MM-DD`) of an instant. */
export function moscowDateOf(value: string | Date): string {
  return moscowDay(value);
}

/**
 * When a task is due, in Moscow time: just `HH:mm` on the day being viewed,
 * `dd.mm.yyyy HH:mm` on any other day.
 */
export function formatDue(dueAt: string | null | undefined, day: string): string {
  if (!dueAt) return formatDateTime(dueAt);
  return moscowDateOf(dueAt) === day ? formatTime(dueAt) : formatDateTime(dueAt);
}

/** `YYYY-MM-DD` + `HH:mm` on the Moscow wall clock → an ISO instant (UTC). */
export function moscowInstant(day: string, hhmm: string): string {
  return businessInstant(day, hhmm).toISOString();
}

/** An instant → its Moscow `{ date: YYYY-MM-DD, time: HH:mm }` (for the reschedule form). */
export function moscowWallClock(value: string): { date: string; time: string } {
  return { date: moscowDateOf(value), time: formatTime(value) };
}

/**
 * The time a new task gets by default: 10:00, or on today the next full hour still
 * within the working day (07:00–21:00).
 */
export function defaultTime(day: string, now: Date = new Date()): string {
  if (day !== moscowToday(now)) return '10:00';
  const hour = Number(formatTime(now).slice(0, 2)) + 1;
  const clamped = Math.min(21, Math.max(10, hour));
  return `${String(clamped).padStart(2, '0')}:00`;
}

/** A `YYYY-MM-DD` day shifted by whole calendar days (no time zones involved). */
export function shiftDay(day: string, days: number): string {
  return addDays(day, days);
}

/** `dd.mm.yyyy` of a `YYYY-MM-DD` day. */
export function formatDay(day: string): string {
  return formatDate(day);
}

/** The month `YYYY-MM` of today in Moscow. */
export function currentMonth(now: Date = new Date()): string {
  return moscowMonth(now);
}

// ---------------------------------------------------------------- plan progress

/**
 * A progress percent as text: at most one decimal, Russian `45,5 %` (no-break space
 * before the sign) or English `45.5%`. Over-fulfilment is shown as is (`120 %`).
 */
export function formatPercent(percent: number | null | undefined, locale: 'ru' | 'en' = 'ru'): string {
  const value = typeof percent === 'number' && Number.isFinite(percent) ? Math.round(percent * 10) / 10 : 0;
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return locale === 'en' ? `${text}%` : `${text.replace('.', ',')}${NBSP}%`;
}

/** The width of a progress bar, 0–100 (over-fulfilment fills the bar). */
export function progressBarValue(percent: number | null | undefined): number {
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0) return 0;
  return Math.min(100, Math.round(percent * 10) / 10);
}

/** The bar's colour: green once the target is met. */
export function progressStatus(percent: number | null | undefined): 'success' | '' {
  return typeof percent === 'number' && Number.isFinite(percent) && percent >= 100 ? 'success' : '';
}
