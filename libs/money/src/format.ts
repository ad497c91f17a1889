/**
 * Money as Russian people read and type it.
 *
 * `1 234 567,89 ₽`: thousands grouped with U+00A0 NO-BREAK SPACE and the same space
 * before the currency sign, so an amount never wraps; a decimal comma; always two
 * decimals. Formatting works on the digits of the decimal string (never through a
 * float), so amounts past 2^53 keep every kopeck.
 */

/** U+00A0 NO-BREAK SPACE: the thousands separator and the space before `₽`. */
export const NBSP = '\u00a0';

/** What an absent amount is shown as. */
export const EMPTY = '—';

const DECIMAL = /^([+-])?(\d*)(?:[.,](\d*))?$/;

/** A decimal split into its sign, integer digits and exactly two fraction digits. */
export interface DecimalParts {
  negative: boolean;
  integer: string;
  fraction: string;
}

/** Adds one to a string of decimal digits ("199" → "200", "99" → "100"). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/** "1234567" → "1 234 567" (U+00A0). */
export function groupThousands(integer: string): string {
  const head = integer.length % 3 || 3;
  const groups = [integer.slice(0, head)];
  for (let i = head; i < integer.length; i += 3) groups.push(integer.slice(i, i + 3));
  return groups.join(NBSP);
}

function plainNumberText(value: number): string | null {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return null;
  const text = String(value);
  const dot = text.indexOf('.');
  const decimals = dot < 0 || text.includes('e') ? 2 : text.length - dot - 1;
  return value.toFixed(Math.min(20, Math.max(2, decimals)));
}

/**
 * Splits a decimal (string, bigint, or — for legacy callers — a number) into sign,
 * integer digits and two fraction digits, rounding half away from zero on the
 * digits. Spaces are ignored; `.` or `,` separate decimals. Null for anything that
 * is not a plain decimal number (no exponents, no letters).
 */
export function parseDecimal(value: string | number | bigint): DecimalParts | null {
  const text = typeof value === 'number' ? plainNumberText(value) : String(value).trim().replace(/[\s\u00a0\u202f]/g, '');
  if (text === null) return null;
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

/**
 * `1 234 567,89 ₽`. An empty `currency` gives just the number. Null, undefined, an
 * empty string or a non-number give {@link EMPTY}.
 */
export function formatMoney(value: string | number | bigint | null | undefined, currency = '₽'): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const parsed = parseDecimal(value);
  if (!parsed) return EMPTY;
  const amount = `${parsed.negative ? '-' : ''}${groupThousands(parsed.integer)},${parsed.fraction}`;
  return currency ? `${amount}${NBSP}${currency}` : amount;
}

// ---------------------------------------------------------------- typed input

/**
 * What a typed value must be:
 * - `money`: a price or an amount of a document, up to 12 integer digits;
 * - `largeMoney`: a figure such as a client's annual revenue, up to 16 integer digits;
 * - `quantity`: above zero, up to 9 integer digits and 3 decimals;
 * - `percent`: 0–100 with up to 2 decimals.
 */
export type DecimalKind = 'money' | 'largeMoney' | 'quantity' | 'percent';

const PATTERNS: Record<DecimalKind, RegExp> = {
  money: /^\d{1,12}(\.\d{1,2})?$/,
  largeMoney: /^\d{1,16}(\.\d{1,2})?$/,
  quantity: /^\d{1,9}(\.\d{1,3})?$/,
  percent: /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/,
};

/**
 * What a person typed ("1 234,5", "33,33", "10") → the API's decimal string
 * ("1234.5", "33.33", "10"), or null when it is not a valid value of that kind.
 * Spaces (also no-break ones) are ignored and a comma is a decimal separator.
 * Lenient while typing: a trailing separator is dropped and a leading one gets a
 * zero ("5," → "5", ",5" → "0.5"); `strict` refuses both. A quantity must be above zero.
 */
export function parseDecimalInput(input: string | null | undefined, kind: DecimalKind, strict = false): string | null {
  if (input === null || input === undefined) return null;
  let text = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!strict) {
    if (text.endsWith('.')) text = text.slice(0, -1);
    if (text.startsWith('.')) text = `0${text}`;
  }
  if (!PATTERNS[kind].test(text)) return null;
  if (kind === 'quantity' && /^[0.]+$/.test(text)) return null;
  return text;
}

/** A decimal string as people type it in Russian: "33.33" → "33,33"; other locales keep the point. */
export function toInputDecimal(value: string | null | undefined, locale = 'ru'): string {
  if (value === null || value === undefined) return '';
  return locale === 'ru' ? value.replace('.', ',') : value;
}

/** "10.00" → "10", "7.50" → "7,5": a percent or a quantity without needless zeros. */
export function trimDecimal(value: string, locale = 'ru'): string {
  const trimmed = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  return toInputDecimal(trimmed, locale);
}
