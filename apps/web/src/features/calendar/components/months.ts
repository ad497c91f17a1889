import type { CalendarDayDto } from '../api/calendar';

/** A cell of a month grid: a day of the month or an empty slot before the 1st. */
export type MonthCell = CalendarDayDto | null;

/**
 * The days of a year split into months, each padded at the start so that the
 * 1st falls under its weekday (weeks start on Monday, as in Russia).
 */
export function monthsOf(days: readonly CalendarDayDto[]): MonthCell[][] {
  const months: MonthCell[][] = Array.from({ length: 12 }, () => []);
  for (const day of days) {
    const month = Number(day.date.slice(5, 7)) - 1;
    const cells = months[month]!;
    if (cells.length === 0) {
      const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
      for (let i = 0; i < (weekday + 6) % 7; i++) cells.push(null);
    }
    cells.push(day);
  }
  return months;
}

/** Working days of a month, shortened ones included. */
export function workingDaysOf(cells: readonly MonthCell[]): number {
  return cells.filter((c) => c !== null && c.kind !== 'day_off').length;
}
