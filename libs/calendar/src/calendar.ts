import { CALENDAR_YEARS, type CalendarYearData } from './data';

/**
 * Working-day arithmetic over the Russian production calendar.
 *
 * Dates are plain ISO strings `YYYY-MM-DD`. Internally a date is a "day
 * number" (days since 1970-01-01, computed with Date.UTC), so there is no
 * local-time zone or DST shift anywhere: a calendar day is a calendar day.
 *
 * Every function that has to look at a day outside the years we have data
 * for throws CalendarYearNotSupportedError instead of guessing with plain
 * weekends: a task scheduled on a guessed day is worse than a loud failure.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class CalendarYearNotSupportedError extends Error {
  readonly year: number;

  constructor(year: number) {
    super(
      `Production calendar has no data for ${year}; supported years: ${supportedYears().join(', ')}. ` +
        `Add src/data/${year}.json to @polar/calendar.`,
    );
    this.name = 'CalendarYearNotSupportedError';
    this.year = year;
  }
}

export class InvalidCalendarDateError extends Error {
  readonly input: unknown;

  constructor(input: unknown, reason: string) {
    super(`Invalid calendar date ${JSON.stringify(input)}: ${reason} (expected an existing date as YYYY-MM-DD)`);
    this.name = 'InvalidCalendarDateError';
    this.input = input;
  }
}

interface YearIndex {
  data: CalendarYearData;
  holidays: ReadonlySet<number>;
  workingWeekends: ReadonlySet<number>;
  shortDays: ReadonlySet<number>;
  workingDays: number;
}

/** Parses `YYYY-MM-DD` into a UTC day number, rejecting anything else (no Date.parse leniency). */
function toDayNumber(date: string): number {
  if (typeof date !== 'string') {
    throw new InvalidCalendarDateError(date, 'not a string');
  }
  const match = ISO_DATE.exec(date);
  if (!match) {
    throw new InvalidCalendarDateError(date, 'wrong format');
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC silently rolls 2025-02-30 over to March; a round trip catches it.
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new InvalidCalendarDateError(date, 'no such day');
  }
  return ms / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

function isWeekend(dayNumber: number): boolean {
  const weekday = new Date(dayNumber * MS_PER_DAY).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Builds the lookup tables and checks the JSON for mistakes that would
 * otherwise silently skew the arithmetic (a date in the wrong year, a
 * "working weekend" that is a weekday, a short day that is a day off, ...).
 */
function indexYear(data: CalendarYearData): YearIndex {
  const where = `src/data/${data.year}.json`;
  const toSet = (field: 'holidays' | 'workingWeekends' | 'shortDays'): Set<number> => {
    const set = new Set<number>();
    for (const date of data[field]) {
      const dayNumber = toDayNumber(date);
      if (yearOf(dayNumber) !== data.year) {
        throw new Error(`${where}: ${field} contains ${date}, which is not in ${data.year}`);
      }
      if (set.has(dayNumber)) {
        throw new Error(`${where}: ${field} lists ${date} twice`);
      }
      set.add(dayNumber);
    }
    return set;
  };
  const holidays = toSet('holidays');
  const workingWeekends = toSet('workingWeekends');
  const shortDays = toSet('shortDays');

  for (const dayNumber of workingWeekends) {
    if (!isWeekend(dayNumber)) {
      throw new Error(`${where}: workingWeekends contains weekday ${fromDayNumber(dayNumber)}`);
    }
    if (holidays.has(dayNumber)) {
      throw new Error(`${where}: ${fromDayNumber(dayNumber)} is both a holiday and a working weekend`);
    }
  }
  const isWorking = (dayNumber: number): boolean =>
    !holidays.has(dayNumber) && (workingWeekends.has(dayNumber) || !isWeekend(dayNumber));
  for (const dayNumber of shortDays) {
    if (!isWorking(dayNumber)) {
      throw new Error(`${where}: short day ${fromDayNumber(dayNumber)} is not a working day`);
    }
  }

  let workingDays = 0;
  const first = Date.UTC(data.year, 0, 1) / MS_PER_DAY;
  const last = Date.UTC(data.year, 11, 31) / MS_PER_DAY;
  for (let d = first; d <= last; d++) {
    if (isWorking(d)) workingDays++;
  }
  return { data, holidays, workingWeekends, shortDays, workingDays };
}

const YEARS: ReadonlyMap<number, YearIndex> = (() => {
  const map = new Map<number, YearIndex>();
  for (const data of CALENDAR_YEARS) {
    if (map.has(data.year)) {
      throw new Error(`Production calendar year ${data.year} is registered twice`);
    }
    map.set(data.year, indexYear(data));
  }
  return map;
})();

function yearIndex(year: number): YearIndex {
  const index = YEARS.get(year);
  if (!index) throw new CalendarYearNotSupportedError(year);
  return index;
}

function isWorkingDayNumber(dayNumber: number): boolean {
  const index = yearIndex(yearOf(dayNumber));
  if (index.holidays.has(dayNumber)) return false;
  if (index.workingWeekends.has(dayNumber)) return true;
  return !isWeekend(dayNumber);
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Working-day count must be a non-negative integer, got ${n}`);
  }
}

/** Years that have production-calendar data, ascending. */
export function supportedYears(): number[] {
  return [...YEARS.keys()].sort((a, b) => a - b);
}

/** True if `date` is a working day (including shortened pre-holiday days). */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(toDayNumber(date));
}

/** True if `date` is a working day shortened by one hour before a holiday (art. 95 of the Labour Code). */
export function isShortDay(date: string): boolean {
  const dayNumber = toDayNumber(date);
  return yearIndex(yearOf(dayNumber)).shortDays.has(dayNumber);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string): string {
  let d = toDayNumber(date) + 1;
  while (!isWorkingDayNumber(d)) d++;
  return fromDayNumber(d);
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: string): string {
  let d = toDayNumber(date) - 1;
  while (!isWorkingDayNumber(d)) d--;
  return fromDayNumber(d);
}

/**
 * The n-th working day after `date` (n >= 0).
 *
 * - n > 0: counts working days strictly after `date`, so the result does not
 *   depend on whether `date` itself is working (Saturday + 1 = Monday,
 *   Friday + 1 = Monday).
 * - n = 0: "the date, moved onto a working day": `date` itself if it is
 *   working, otherwise the next working day. This is the usual reading of a
 *   deadline that falls on a day off (cf. art. 193 of the Civil Code).
 *
 * Consequently workingDaysBetween(date, addWorkingDays(date, n)) === n for any
 * date and n > 0.
 */
export function addWorkingDays(date: string, n: number): string {
  assertCount(n);
  let d = toDayNumber(date);
  if (n === 0) {
    while (!isWorkingDayNumber(d)) d++;
    return fromDayNumber(d);
  }
  for (let left = n; left > 0; ) {
    d++;
    if (isWorkingDayNumber(d)) left--;
  }
  return fromDayNumber(d);
}

/**
 * The n-th working day before `date` (n >= 0); the mirror of addWorkingDays.
 *
 * - n > 0: counts working days strictly before `date`. "Three working days
 *   before the due date" is subtractWorkingDays(due, 3), whether or not the
 *   due date itself is a working day.
 * - n = 0: `date` itself if it is working, otherwise the previous working day
 *   (the latest working day not after `date`).
 *
 * For a working `date`, subtractWorkingDays(addWorkingDays(date, n), n) === date.
 */
export function subtractWorkingDays(date: string, n: number): string {
  assertCount(n);
  let d = toDayNumber(date);
  if (n === 0) {
    while (!isWorkingDayNumber(d)) d--;
    return fromDayNumber(d);
  }
  for (let left = n; left > 0; ) {
    d--;
    if (isWorkingDayNumber(d)) left--;
  }
  return fromDayNumber(d);
}

/**
 * Number of working days in the half-open interval (from, to]: `from` is not
 * counted, `to` is. Half-open so that intervals add up
 * (between(a, b) + between(b, c) === between(a, c)) and so that it inverts
 * addWorkingDays. If `to` is before `from` the result is the negated count
 * of (to, from], keeping between(a, b) === -between(b, a). Equal dates give 0.
 */
export function workingDaysBetween(from: string, to: string): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  if (end < start) return -workingDaysBetween(to, from);
  let count = 0;
  for (let d = start + 1; d <= end; d++) {
    if (isWorkingDayNumber(d)) count++;
  }
  return count;
}

/** Total working days (shortened days included) in `year` for a five-day week. */
export function workingDaysInYear(year: number): number {
  if (!Number.isInteger(year)) {
    throw new RangeError(`Year must be an integer, got ${year}`);
  }
  return yearIndex(year).workingDays;
}
