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

/** What a day is: an ordinary working day, a working day shortened by an hour, or a day off. */
export type DayKind = 'working' | 'short' | 'day_off';

export const DAY_KINDS: readonly DayKind[] = ['working', 'short', 'day_off'];

/** One day set by hand over the shipped data (e.g. by an admin when a decree changes a provisional year). */
export interface CalendarOverride {
  date: string;
  kind: DayKind;
}

/**
 * The override layer: days whose kind was set over the shipped year files. Module
 * state on purpose: every caller of the arithmetic (jobs, deadlines, seeds) sees
 * the same calendar, and the API replaces the whole layer when its database copy
 * changes (see setCalendarOverrides).
 */
let overrides: ReadonlyMap<number, DayKind> = new Map();
let overridesRevision: string | null = null;

/** The shipped kind of a day (ignoring overrides). */
function shippedKindOf(dayNumber: number): DayKind {
  const index = yearIndex(yearOf(dayNumber));
  if (index.holidays.has(dayNumber)) return 'day_off';
  if (index.shortDays.has(dayNumber)) return 'short';
  if (index.workingWeekends.has(dayNumber)) return 'working';
  return isWeekend(dayNumber) ? 'day_off' : 'working';
}

function kindOf(dayNumber: number): DayKind {
  const shipped = shippedKindOf(dayNumber); // also throws for an unsupported year
  return overrides.get(dayNumber) ?? shipped;
}

function isWorkingDayNumber(dayNumber: number): boolean {
  return kindOf(dayNumber) !== 'day_off';
}

/**
 * Replaces the override layer with `list` (an empty list restores the shipped
 * data). Every date must be an existing day of a supported year and every kind
 * known; otherwise nothing changes and the error says which entry is wrong.
 * `revision` is an opaque marker of where the list came from (the API keeps the
 * database revision there to know when to reload).
 */
export function setCalendarOverrides(list: readonly CalendarOverride[], revision: string | null = null): void {
  const next = new Map<number, DayKind>();
  for (const entry of list) {
    const dayNumber = toDayNumber(entry.date);
    yearIndex(yearOf(dayNumber));
    if (!DAY_KINDS.includes(entry.kind)) throw new RangeError(`Unknown day kind ${JSON.stringify(entry.kind)} for ${entry.date}`);
    next.set(dayNumber, entry.kind);
  }
  overrides = next;
  overridesRevision = revision;
}

/** The override layer now in force, by date. */
export function calendarOverrides(): CalendarOverride[] {
  return [...overrides.entries()].sort(([a], [b]) => a - b).map(([d, kind]) => ({ date: fromDayNumber(d), kind }));
}

/** The revision passed with the last setCalendarOverrides (null when none). */
export function calendarOverridesRevision(): string | null {
  return overridesRevision;
}

/** What `date` is, overrides included. */
export function dayKind(date: string): DayKind {
  return kindOf(toDayNumber(date));
}

/** What `date` is in the shipped data, ignoring overrides. */
export function shippedDayKind(date: string): DayKind {
  return shippedKindOf(toDayNumber(date));
}

/** True if the year's shipped data is not yet based on a signed decree. Throws for an unsupported year. */
export function isProvisionalYear(year: number): boolean {
  if (!Number.isInteger(year)) throw new RangeError(`Year must be an integer, got ${year}`);
  return yearIndex(year).data.provisional === true;
}

/** A year as the admin screen shows it. */
export interface CalendarYearView {
  year: number;
  provisional: boolean;
  source: string;
  notes: string | null;
  /** Working days with the overrides applied. */
  workingDays: number;
  /** Every day of the year with its kind, whether it was overridden, and its shipped kind. */
  days: Array<{ date: string; kind: DayKind; shippedKind: DayKind; overridden: boolean }>;
}

export function calendarYear(year: number): CalendarYearView {
  const index = yearIndex(year);
  const days: CalendarYearView['days'] = [];
  const first = Date.UTC(year, 0, 1) / MS_PER_DAY;
  const last = Date.UTC(year, 11, 31) / MS_PER_DAY;
  for (let d = first; d <= last; d++) {
    const shippedKind = shippedKindOf(d);
    const kind = kindOf(d);
    days.push({ date: fromDayNumber(d), kind, shippedKind, overridden: overrides.has(d) });
  }
  return {
    year,
    provisional: index.data.provisional === true,
    source: index.data.source,
    notes: index.data.notes ?? null,
    workingDays: days.filter((day) => day.kind !== 'day_off').length,
    days,
  };
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
  return dayKind(date) === 'short';
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

/** Total working days (shortened days included) in `year` for a five-day week, overrides included. */
export function workingDaysInYear(year: number): number {
  if (!Number.isInteger(year)) {
    throw new RangeError(`Year must be an integer, got ${year}`);
  }
  const index = yearIndex(year);
  if (overrides.size === 0) return index.workingDays;
  return calendarYear(year).workingDays;
}
