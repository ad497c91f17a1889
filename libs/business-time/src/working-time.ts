/**
 * Working days and working hours in business time, over the production calendar
 * of @polar/calendar (with whatever override layer it has loaded: a day an admin
 * made working or shortened counts at once).
 *
 * The working window is 09:00–18:00 Moscow time by default; a shortened
 * pre-holiday day (art. 95 of the Labour Code) ends one hour earlier. Deadlines
 * such as "answer a complaint within 3 working days" and SLA hours for service and
 * quality are computed here, never by hand in a module.
 */
import { addWorkingDays, isShortDay, isWorkingDay, nextWorkingDay } from '@polar/calendar';
import { addDays, type InstantInput, moscowDay, moscowInstant, toInstant } from './moscow';

/** A daily working window in Moscow wall-clock time. */
export interface WorkingHours {
  start: string;
  end: string;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '09:00', end: '18:00' };

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export { addWorkingDays, isShortDay, isWorkingDay, nextWorkingDay, previousWorkingDay, subtractWorkingDays, workingDaysBetween } from '@polar/calendar';

/** The working window of a Moscow day as instants, or null on a day off. A short day ends an hour earlier. */
export function workingWindow(day: string, hours: WorkingHours = DEFAULT_WORKING_HOURS): { start: Date; end: Date } | null {
  if (!isWorkingDay(day)) return null;
  const endMinutes = minutesOf(hours.end) - (isShortDay(day) ? 60 : 0);
  if (endMinutes <= minutesOf(hours.start)) throw new RangeError(`empty working window ${hours.start}–${hours.end}`);
  return { start: moscowInstant(day, hours.start), end: moscowInstant(day, hhmmOf(endMinutes)) };
}

/** True while the company works: a working day, inside its window [start, end). */
export function isWorkingTime(at: InstantInput, hours: WorkingHours = DEFAULT_WORKING_HOURS): boolean {
  const t = toInstant(at).getTime();
  const w = workingWindow(moscowDay(at), hours);
  return !!w && t >= w.start.getTime() && t < w.end.getTime();
}

/** `at` itself during working time, otherwise the start of the next working window. */
export function nextWorkingMoment(at: InstantInput, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const t = toInstant(at);
  let day = moscowDay(t);
  const w = workingWindow(day, hours);
  if (w && t < w.end) return t < w.start ? w.start : t;
  day = nextWorkingDay(day);
  return workingWindow(day, hours)!.start;
}

/**
 * The instant `minutes` working minutes after `at` (SLA clocks): time outside the
 * working windows does not count. A result that lands exactly on a window's end
 * stays there (a 9-hour SLA from 09:00 ends at 18:00 the same day).
 */
export function addWorkingMinutes(at: InstantInput, minutes: number, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  if (!Number.isSafeInteger(minutes) || minutes < 0) throw new RangeError(`working minutes must be a non-negative integer, got ${minutes}`);
  let cursor = nextWorkingMoment(at, hours);
  let left = minutes * 60_000;
  for (;;) {
    const w = workingWindow(moscowDay(cursor), hours)!;
    const room = w.end.getTime() - cursor.getTime();
    if (left <= room) return new Date(cursor.getTime() + left);
    left -= room;
    cursor = workingWindow(nextWorkingDay(moscowDay(cursor)), hours)!.start;
  }
}

/** {@link addWorkingMinutes} in hours (whole or fractional to the minute). */
export function addWorkingHours(at: InstantInput, hoursToAdd: number, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  return addWorkingMinutes(at, Math.round(hoursToAdd * 60), hours);
}

/** Working minutes in [from, to); 0 when `to` is not after `from`. */
export function workingMinutesBetween(from: InstantInput, to: InstantInput, hours: WorkingHours = DEFAULT_WORKING_HOURS): number {
  const a = toInstant(from).getTime();
  const b = toInstant(to).getTime();
  if (b <= a) return 0;
  let total = 0;
  for (let day = moscowDay(a); day <= moscowDay(b); day = addDays(day, 1)) {
    const w = workingWindow(day, hours);
    if (!w) continue;
    const start = Math.max(a, w.start.getTime());
    const end = Math.min(b, w.end.getTime());
    if (end > start) total += end - start;
  }
  return Math.floor(total / 60_000);
}

/**
 * A deadline of `n` working days after something arrived at `received` (a
 * complaint, a service request): the n-th working day after the Moscow day of
 * arrival, at the end of that day's working window. n = 0: the end of the arrival
 * day if it is working, else of the next working day.
 */
export function workingDaysDeadline(received: InstantInput, n: number, hours: WorkingHours = DEFAULT_WORKING_HOURS): { day: string; at: Date } {
  const day = addWorkingDays(moscowDay(received), n);
  return { day, at: workingWindow(day, hours)!.end };
}
