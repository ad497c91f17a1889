/**
 * Exact money arithmetic. Amounts are decimal strings in JSON and `numeric` in the
 * database; in code they are BigInt kopecks — never JavaScript floats.
 *
 * The rounding rule of every document (proposal, invoice, contract): a line total is
 * quantity × unit price × (1 − discount %), rounded half away from zero to the
 * kopeck, once per line; a document total is the sum of its line totals (no second
 * rounding). Anything else derived from an amount (a weighted pipeline, VAT) is
 * rounded the same way, half away from zero, once.
 */

export type Kopecks = bigint;

/** An amount as the API stores it: up to 16 integer digits, up to 2 decimals, optional minus. */
const MONEY = /^-?\d{1,16}(\.\d{1,2})?$/;
/** A quantity: positive or zero, up to 9 integer digits and 3 decimals. */
const QUANTITY = /^\d{1,9}(\.\d{1,3})?$/;
/** A discount: 0–100 % with up to 2 decimals. */
const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

/** True if `value` is an amount string the API accepts ("1234.5", "-0.05", "10"). */
export function isMoney(value: unknown): value is string {
  return typeof value === 'string' && MONEY.test(value);
}

/** "1234.5" → 123450n; throws RangeError for anything that is not an amount (no commas, no spaces, no exponents). */
export function toKopecks(value: string): Kopecks {
  if (!isMoney(value)) throw new RangeError(`not an amount: ${String(value)}`);
  return scaled(value, 2);
}

/** Like {@link toKopecks} but forgiving: surrounding spaces are trimmed; null for null, undefined or a non-amount. */
export function parseKopecks(value: string | null | undefined): Kopecks | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  return MONEY.test(text) ? scaled(text, 2) : null;
}

/** 123450n → "1234.50" (always two decimals, a point, no grouping). */
export function fromKopecks(k: Kopecks): string {
  const negative = k < 0n;
  const abs = negative ? -k : k;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** The canonical two-decimal form of an amount: "10" → "10.00", "-0.5" → "-0.50". */
export function normalizeMoney(value: string): string {
  return fromKopecks(toKopecks(value));
}

/** Sum of amounts; absent values (null/undefined) are skipped, malformed ones throw. */
export function sumMoney(values: ReadonlyArray<string | null | undefined>): string {
  let total = 0n;
  for (const v of values) if (v !== null && v !== undefined) total += toKopecks(v);
  return fromKopecks(total);
}

/** a − b. */
export function subtractMoney(a: string, b: string): string {
  return fromKopecks(toKopecks(a) - toKopecks(b));
}

/** Compares two amounts: -1, 0 or 1 ("10" equals "10.00"). */
export function compareMoney(a: string, b: string): -1 | 0 | 1 {
  const d = toKopecks(a) - toKopecks(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** True for a zero amount ("0", "0.00", "-0.00"). */
export function isZeroMoney(value: string): boolean {
  return toKopecks(value) === 0n;
}

/**
 * numerator / divisor rounded half away from zero (0.5 → 1, −0.5 → −1), exact.
 * The one rounding primitive every money rule here goes through.
 */
export function roundHalfAwayFromZero(numerator: bigint, divisor: bigint): bigint {
  if (divisor <= 0n) throw new RangeError('divisor must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = abs / divisor;
  const rounded = (abs % divisor) * 2n >= divisor ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/**
 * quantity × unit price × (1 − discount %), rounded half away from zero to the kopeck.
 * quantity: up to 3 decimals; unit price: an amount; discount: 0–100 % with up to
 * 2 decimals. Throws RangeError on anything else.
 */
export function lineTotal(quantity: string, unitPrice: string, discountPercent = '0'): string {
  if (!QUANTITY.test(quantity)) throw new RangeError(`not a quantity: ${quantity}`);
  if (!PERCENT.test(discountPercent)) throw new RangeError(`not a percent: ${discountPercent}`);
  const qtyMilli = scaled(quantity, 3); // ×1000
  const priceKop = toKopecks(unitPrice); // ×100
  const keepBasisPoints = 10_000n - scaled(discountPercent, 2); // ×10000: the share kept after the discount
  return fromKopecks(roundHalfAwayFromZero(qtyMilli * priceKop * keepBasisPoints, 10_000_000n));
}

/** {@link lineTotal} for what a person is still typing: null instead of an error. */
export function tryLineTotal(quantity: string, unitPrice: string, discountPercent = '0'): string | null {
  try {
    return lineTotal(quantity.trim(), unitPrice.trim(), discountPercent.trim() || '0');
  } catch {
    return null;
  }
}

/** `percent` % of an amount, to the kopeck (the weighted pipeline: amount × probability). */
export function percentOf(amount: string, percent: number): string {
  if (!Number.isSafeInteger(percent)) throw new RangeError(`percent must be a whole number, got ${percent}`);
  return fromKopecks(roundHalfAwayFromZero(toKopecks(amount) * BigInt(percent), 100n));
}

/** A plain non-negative decimal string scaled to an integer: ("1.5", 3) → 1500n. The caller validated it. */
export function scaled(value: string, decimals: number): bigint {
  const negative = value.startsWith('-');
  const [int = '', frac = ''] = (negative ? value.slice(1) : value).split('.');
  const v = BigInt((int || '0') + frac.padEnd(decimals, '0').slice(0, decimals));
  return negative ? -v : v;
}
