/**
 * Russian display formats used across the staff client.
 *
 * - Dates `dd.mm.yyyy` and times `HH:mm`, always in Moscow time (the company works
 *   on Moscow time whatever the browser's zone is). A date-only value `YYYY-MM-DD`
 *   is a calendar date, not an instant: it is re-arranged as text and never shifted.
 * - Money `1 234 567,89 ₽` (U+00A0 spaces) from the API's decimal strings: the
 *   formatter of @polar/money, re-exported here.
 * - Phones `+7 (XXX) XXX-XX-XX` from whatever was typed, and INN check digits:
 *   the rules of @polar/ru-ids, re-exported here.
 */
import { formatRuDate, moscowDayStart as businessDayStart, moscowDayRange, moscowWallClock } from '@polar/business-time';
import { formatPhone as formatAnyPhone } from '@polar/ru-ids';

/** What an absent value is shown as. */
export const EMPTY = '—';

/** U+00A0 NO-BREAK SPACE: the thousands separator and the space before `₽`. */
export { NBSP } from '@polar/money';

/** The business time zone (the dates and times below are read in it): @polar/business-time's. */
export { BUSINESS_TIME_ZONE as MOSCOW_TZ, moscowToday } from '@polar/business-time';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

type DateInput = string | number | Date | null | undefined;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `dd.mm.yyyy`. A `YYYY-MM-DD` string is formatted as is, without any time-zone shift. */
export function formatDate(value: DateInput): string {
  if (typeof value === 'string' && DATE_ONLY.test(value.trim())) return formatRuDate(value.trim());
  const date = toDate(value);
  return date ? formatRuDate(date) : EMPTY;
}

/** `HH:mm` in Moscow time. */
export function formatTime(value: DateInput, withSeconds = false): string {
  const date = toDate(value);
  if (!date) return EMPTY;
  const c = moscowWallClock(date);
  const hhmm = `${pad2(c.hour)}:${pad2(c.minute)}`;
  return withSeconds ? `${hhmm}:${pad2(c.second)}` : hhmm;
}

/** `dd.mm.yyyy HH:mm` in Moscow time; a date-only string gives just the date. */
export function formatDateTime(value: DateInput, withSeconds = false): string {
  if (typeof value === 'string' && DATE_ONLY.test(value.trim())) return formatDate(value);
  const date = toDate(value);
  if (!date) return EMPTY;
  return `${formatDate(date)} ${formatTime(date, withSeconds)}`;
}

/** The instant a Moscow calendar day starts, as an ISO string with the Moscow offset (for API filters). */
export function moscowDayStart(day: string): string {
  return withMoscowOffset(businessDayStart(day));
}

/** The last millisecond of a Moscow calendar day. */
export function moscowDayEnd(day: string): string {
  return withMoscowOffset(new Date(moscowDayRange(day).to.getTime() - 1));
}

/** `2026-03-04T21:00:00Z` → `2026-03-05T00:00:00+03:00`: the same instant, written on the Moscow clock. */
function withMoscowOffset(instant: Date): string {
  const c = moscowWallClock(instant);
  const wall = Date.parse(`${c.day}T${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}Z`) + instant.getUTCMilliseconds();
  const offset = Math.round((wall - instant.getTime()) / 60_000);
  const ms = instant.getUTCMilliseconds();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${c.day}T${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}${ms ? `.${String(ms).padStart(3, '0')}` : ''}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

// ---------------------------------------------------------------- money

// One money formatter for the API's print forms and the web client: @polar/money.
export { formatMoney, parseDecimal } from '@polar/money';

// ---------------------------------------------------------------- phone and INN

// One rule for phones and taxpayer numbers in the API and the web client: @polar/ru-ids.
export { isPhone, isValidInn, normalizePhone } from '@polar/ru-ids';

/** `+7 (XXX) XXX-XX-XX` (another country's number in its international form); other input trimmed; a dash for nothing. */
export function formatPhone(input: string | null | undefined): string {
  if (input === null || input === undefined || input.trim() === '') return EMPTY;
  return formatAnyPhone(input);
}
