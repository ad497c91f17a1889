/**
 * Russian display formats used across the staff client.
 *
 * - Dates `dd.mm.yyyy` and times `HH:mm`, always in Moscow time (the company works
 *   on Moscow time whatever the browser's zone is). A date-only value `YYYY-MM-DD`
 *   is a calendar date, not an instant: it is re-arranged as text and never shifted.
 * - Money `1 234 567,89 ₽` from the API's decimal strings, computed on the digits
 *   (never through a float, so `0.1 + 0.2` problems and precision loss past 2^53
 *   cannot occur). Thousands are grouped with U+00A0 NO-BREAK SPACE, the same
 *   space separates the amount from the currency sign, so an amount never wraps.
 * - Phones `+7 (XXX) XXX-XX-XX` from whatever was typed.
 * - INN (taxpayer number) check digits.
 */

/** What an absent value is shown as. */
export const EMPTY = '—';

/** U+00A0 NO-BREAK SPACE: the thousands separator and the space before `₽`. */
export const NBSP = '\u00a0';

export const MOSCOW_TZ = 'Europe/Moscow';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateTimeFormatter = new Intl.DateTimeFormat('ru-RU', {
  timeZone: MOSCOW_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

type DateInput = string | number | Date | null | undefined;

interface MoscowParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function moscowParts(date: Date): MoscowParts {
  const parts: Record<string, string> = {};
  for (const part of dateTimeFormatter.formatToParts(date)) parts[part.type] = part.value;
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    // Some ICU versions print midnight as "24" even with h23; normalise.
    hour: parts.hour === '24' ? '00' : (parts.hour ?? ''),
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/** `dd.mm.yyyy`. A `YYYY-MM-DD` string is formatted as is, without any time-zone shift. */
export function formatDate(value: DateInput): string {
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value.trim());
    if (m) return `${m[3]}.${m[2]}.${m[1]}`;
  }
  const date = toDate(value);
  if (!date) return EMPTY;
  const p = moscowParts(date);
  return `${p.day}.${p.month}.${p.year}`;
}

/** `HH:mm` in Moscow time. */
export function formatTime(value: DateInput, withSeconds = false): string {
  const date = toDate(value);
  if (!date) return EMPTY;
  const p = moscowParts(date);
  return withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

/** `dd.mm.yyyy HH:mm` in Moscow time; a date-only string gives just the date. */
export function formatDateTime(value: DateInput, withSeconds = false): string {
  if (typeof value === 'string' && DATE_ONLY.test(value.trim())) return formatDate(value);
  const date = toDate(value);
  if (!date) return EMPTY;
  return `${formatDate(date)} ${formatTime(date, withSeconds)}`;
}

/**
 * The UTC instant at which a Moscow calendar day starts. Moscow has been UTC+3 all
 * year since 2014, so this is `YYYY-MM-DDT00:00:00+03:00`.
 */
export function moscowDayStart(day: string): string {
  return `${day}T00:00:00+03:00`;
}

/** The last millisecond of a Moscow calendar day. */
export function moscowDayEnd(day: string): string {
  return `${day}T23:59:59.999+03:00`;
}

/** Today's date in Moscow as `YYYY-MM-DD`. */
export function moscowToday(now: Date = new Date()): string {
  const p = moscowParts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

// ---------------------------------------------------------------- money

const DECIMAL = /^([+-])?(\d*)(?:[.,](\d*))?$/;

/** Adds one to a string of decimal digits ("199" → "200", "99" → "100"). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '9') {
      out[i] = '0';
    } else {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
  }
  return `1${out.join('')}`;
}

function groupThousands(integer: string): string {
  let out = '';
  for (let i = 0; i < integer.length; i++) {
    const fromEnd = integer.length - i;
    out += integer[i];
    if (fromEnd > 1 && fromEnd % 3 === 1) out += NBSP;
  }
  return out;
}

/**
 * Splits a decimal string into sign, integer digits and exactly two fraction digits,
 * rounding half away from zero on the digits. Returns null for anything that is not
 * a plain decimal number.
 */
export function parseDecimal(
  value: string | number | bigint,
): { negative: boolean; integer: string; fraction: string } | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // Plain decimal notation for numbers that JS would print with an exponent.
    text = Math.abs(value) < 1e21 ? value.toFixed(Math.min(20, Math.max(2, fractionLength(value)))) : '';
    if (!text) return null;
  } else {
    text = String(value).trim().replace(/[\s\u00a0\u202f]/g, '');
  }
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [, sign, rawInteger = '', rawFraction = ''] = m;
  if (rawInteger === '' && rawFraction === '') return null;

  let integer = rawInteger.replace(/^0+(?=\d)/, '') || '0';
  const padded = (rawFraction + '000').slice(0, 3);
  let fraction = padded.slice(0, 2);
  if (Number(padded[2]) >= 5) {
    const rounded = incrementDigits(integer + fraction);
    integer = rounded.slice(0, -2).replace(/^0+(?=\d)/, '') || '0';
    fraction = rounded.slice(-2);
  }
  const isZero = /^0+$/.test(integer) && fraction === '00';
  return { negative: sign === '-' && !isZero, integer, fraction };
}

function fractionLength(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** `1 234 567,89 ₽` (U+00A0 spaces). Returns {@link EMPTY} for null or non-numbers. */
export function formatMoney(
  value: string | number | bigint | null | undefined,
  currency = '₽',
): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const parsed = parseDecimal(value);
  if (!parsed) return EMPTY;
  const amount = `${parsed.negative ? '-' : ''}${groupThousands(parsed.integer)},${parsed.fraction}`;
  return currency ? `${amount}${NBSP}${currency}` : amount;
}

// ---------------------------------------------------------------- phone

/**
 * The 10 national digits of a Russian phone number, or null when the input does
 * not hold one (accepts `8XXXXXXXXXX`, `+7…`, `7…`, 10 digits, any punctuation).
 */
export function phoneDigits(input: string | null | undefined): string | null {
  if (!input) return null;
  const digits = input.replace(/\D/g, '');
  if (digits.length === 10) return digits;
  if (digits.length === 11 && (digits[0] === '7' || digits[0] === '8')) return digits.slice(1);
  return null;
}

/** `+7 (XXX) XXX-XX-XX`; input that is not a Russian number is returned trimmed. */
export function formatPhone(input: string | null | undefined): string {
  if (input === null || input === undefined || input.trim() === '') return EMPTY;
  const d = phoneDigits(input);
  if (!d) return input.trim();
  return `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8, 10)}`;
}

/** `+7XXXXXXXXXX` for storing, or null when the input is not a Russian number. */
export function normalizePhone(input: string | null | undefined): string | null {
  const d = phoneDigits(input);
  return d ? `+7${d}` : null;
}

// ---------------------------------------------------------------- INN

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN11_WEIGHTS = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
  return (sum % 11) % 10;
}

/**
 * Checks an INN: 10 digits (organisation) or 12 digits (individual / sole
 * proprietor) with the Federal Tax Service check-digit weights.
 */
export function isValidInn(value: string | null | undefined): boolean {
  if (!value) return false;
  const text = value.trim();
  if (!/^\d{10}$|^\d{12}$/.test(text)) return false;
  const d = text.split('').map(Number);
  if (d.length === 10) return checkDigit(d, INN10_WEIGHTS) === d[9];
  return checkDigit(d, INN11_WEIGHTS) === d[10] && checkDigit(d, INN12_WEIGHTS) === d[11];
}
