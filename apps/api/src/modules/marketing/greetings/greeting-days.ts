import { CalendarYearNotSupportedError, isWorkingDay, previousWorkingDay } from '@polar/calendar';

/** A date an occasion can fall on, with the `MM-DD` a birthday must have to be that date. */
export interface OccasionDay {
  day: string;
  md: string;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The dates whose greetings go out on `today`.
 *
 * Without the shift rule: today only. With it (Russian production calendar, libs/calendar):
 * nothing on a weekend or public holiday, and on a working day every date since the
 * previous working day — so on Monday the greetings of Saturday, Sunday and Monday.
 * For a year the calendar does not know yet, dates are greeted on the day itself.
 */
export function dueDays(today: string, shiftToWorkingDay: boolean): string[] {
  if (!shiftToWorkingDay) return [today];
  try {
    if (!isWorkingDay(today)) return [];
    const days: string[] = [];
    for (let d = addDays(previousWorkingDay(today), 1); d <= today; d = addDays(d, 1)) days.push(d);
    return days;
  } catch (e) {
    if (e instanceof CalendarYearNotSupportedError) return [today];
    throw e;
  }
}

/** Birthdays on `days`; someone born on 29 February is greeted on 28 February in other years. */
export function birthdayDays(days: readonly string[]): OccasionDay[] {
  return days.flatMap((day) => {
    const md = day.slice(5);
    return md === '02-28' && !isLeap(Number(day.slice(0, 4))) ? [{ day, md }, { day, md: '02-29' }] : [{ day, md }];
  });
}

/** The holiday's date among `days`, if it is one of them. */
export function holidayDays(days: readonly string[], month: number, dayOfMonth: number): OccasionDay[] {
  const md = `${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
  return days.filter((d) => d.slice(5) === md).map((day) => ({ day, md }));
}
