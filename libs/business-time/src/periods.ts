/**
 * Period boundaries in business time: the day, ISO week (Monday first), month,
 * quarter and year that contain a Moscow day, as days and as instants [from, to).
 */
import { addDays, type InstantInput, isoWeekday, moscowDay, moscowDayStart } from './moscow';

export const PERIOD_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;

export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** A period as days: `first` and `last` inclusive, `next` = the first day after it. */
export interface PeriodDates {
  first: string;
  last: string;
  next: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The period of `unit` that contains the Moscow day `day`. */
export function periodDates(day: string, unit: PeriodUnit): PeriodDates {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  let first: string;
  let next: string;
  switch (unit) {
    case 'day':
      first = addDays(day, 0);
      next = addDays(day, 1);
      break;
    case 'week':
      first = addDays(day, 1 - isoWeekday(day));
      next = addDays(first, 7);
      break;
    case 'month':
      first = `${year}-${pad(month)}-01`;
      next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
      break;
    case 'quarter': {
      const q = Math.floor((month - 1) / 3);
      first = `${year}-${pad(q * 3 + 1)}-01`;
      next = q === 3 ? `${year + 1}-01-01` : `${year}-${pad(q * 3 + 4)}-01`;
      break;
    }
    case 'year':
      first = `${year}-01-01`;
      next = `${year + 1}-01-01`;
      break;
    default:
      throw new RangeError(`not a period unit: ${String(unit)}`);
  }
  addDays(day, 0); // validates `day` for every unit
  return { first, last: addDays(next, -1), next };
}

/** The period containing an instant (read in Moscow) or a day, as instants [from, to). */
export function periodRange(at: InstantInput, unit: PeriodUnit): { from: Date; to: Date } {
  const day = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : moscowDay(at);
  const { first, next } = periodDates(day, unit);
  return { from: moscowDayStart(first), to: moscowDayStart(next) };
}

/** A month `YYYY-MM` as days and instants. */
export function monthPeriod(month: string): PeriodDates & { from: Date; to: Date } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const dates = periodDates(`${month}-01`, 'month');
  return { ...dates, from: moscowDayStart(dates.first), to: moscowDayStart(dates.next) };
}
