/**
 * Business time of the company: Moscow wall-clock time, whatever the server's or
 * the browser's zone. Instants (`Date`, ISO strings with an offset, epoch ms) map
 * to Moscow days and back through Intl and the IANA zone `Europe/Moscow`, so a
 * future change of Moscow's offset is a tzdata update, not a code change.
 *
 * A "day" is an ISO date string `YYYY-MM-DD`; a "month" is `YYYY-MM`. Ranges of
 * instants are half-open: [from, to).
 */

export const BUSINESS_TIME_ZONE = 'Europe/Moscow';

/** Anything that names an instant. */
export type InstantInput = Date | string | number;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MS_PER_DAY = 86_400_000;

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Moscow wall-clock reading of an instant. */
export interface MoscowWallClock {
  /** `YYYY-MM-DD` */
  day: string;
  hour: number;
  minute: number;
  second: number;
}

/** The instant as a Date; throws RangeError for an unparseable value (never a silent NaN). */
export function toInstant(value: InstantInput): Date {
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(value)}`);
  return date;
}

/** Checks a `YYYY-MM-DD` string names a real day and returns its UTC day number. */
function dayNumber(day: string): number {
  const m = typeof day === 'string' ? DAY.exec(day) : null;
  if (!m) throw new RangeError(`not a day (YYYY-MM-DD): ${String(day)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`no such day: ${day}`);
  return ms / MS_PER_DAY;
}

function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True for an existing day written `YYYY-MM-DD`. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function moscowWallClock(instant: InstantInput): MoscowWallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(toInstant(instant))) parts[p.type] = p.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    // Some ICU builds print midnight as 24 even with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The Moscow day of an instant: 2026-03-01T22:30:00Z is `2026-03-02` in Moscow. */
export function moscowDay(instant: InstantInput): string {
  return moscowWallClock(instant).day;
}

/** Today in Moscow. */
export function moscowToday(now: InstantInput = new Date()): string {
  return moscowDay(now);
}

/** The Moscow month of an instant, `YYYY-MM`. */
export function moscowMonth(instant: InstantInput): string {
  return moscowDay(instant).slice(0, 7);
}

/**
 * The instant of a Moscow wall-clock time on a day (`2026-03-02`, `09:00` →
 * 2026-03-02T06:00:00Z). The zone's offset is read from Intl at that moment.
 */
export function moscowInstant(day: string, time = '00:00'): Date {
  const base = dayNumber(day) * MS_PER_DAY;
  const t = TIME.exec(time);
  if (!t) throw new RangeError(`not a time (HH:mm): ${time}`);
  const wall = base + (Number(t[1]) * 60 + Number(t[2])) * 60_000;
  // Offset of Moscow at (about) that moment; a second pass settles a guess that fell across an offset change.
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const c = moscowWallClock(guess);
    const seen = dayNumber(c.day) * MS_PER_DAY + ((c.hour * 60 + c.minute) * 60 + c.second) * 1000;
    guess = wall - (seen - guess);
  }
  return new Date(guess);
}

/** The instant a Moscow day starts. */
export function moscowDayStart(day: string): Date {
  return moscowInstant(day, '00:00');
}

/** A Moscow day as instants [from, to). */
export function moscowDayRange(day: string): { from: Date; to: Date } {
  return { from: moscowDayStart(day), to: moscowDayStart(addDays(day, 1)) };
}

/**
 * The instants [from, to) of the Moscow days `fromDay`..`toDay` inclusive — the
 * usual "created from … to …" filter. Either end may be omitted (open).
 */
export function moscowDaysRange(fromDay?: string | null, toDay?: string | null): { from: Date | null; to: Date | null } {
  return { from: fromDay ? moscowDayStart(fromDay) : null, to: toDay ? moscowDayStart(addDays(toDay, 1)) : null };
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`day count must be an integer, got ${n}`);
  return fromDayNumber(dayNumber(day) + n);
}

/** Calendar days from `a` to `b` (negative if b is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(day: string): number {
  return ((new Date(dayNumber(day) * MS_PER_DAY).getUTCDay() + 6) % 7) + 1;
}

/** `dd.mm.yyyy` for a day (`2026-03-02` → `02.03.2026`); an instant is shown as its Moscow day. */
export function formatRuDate(value: string | Date | number): string {
  const day = typeof value === 'string' && DAY.test(value) ? value : moscowDay(value);
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}
