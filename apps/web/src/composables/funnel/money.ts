/**
 * Exact money arithmetic for display: amounts are decimal strings, computed here as
 * BigInt kopecks (never floats). Mirrors the API's `common/money/money.ts`:
 *
 *   line total = quantity × unit price × (1 − discount %),
 *   rounded half away from zero to the kopeck, once per line;
 *   document total = the sum of the line totals.
 *
 * The client's totals are for display only: the server prices every saved line and
 * its totals are the authoritative ones.
 */

export type Kopecks = bigint;

/** Limits of the API's DTO validation. */
const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const SIGNED_MONEY = /^-?\d{1,16}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,9}(\.\d{1,3})?$/;
const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

function scaled(value: string, decimals: number): bigint {
  const negative = value.startsWith('-');
  const [int = '0', frac = ''] = (negative ? value.slice(1) : value).split('.');
  const v = BigInt((int || '0') + frac.padEnd(decimals, '0'));
  return negative ? -v : v;
}

function roundHalfAway(numerator: bigint, divisor: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = abs / divisor;
  const r = abs % divisor;
  const rounded = r * 2n >= divisor ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/** "1234.5" → 123450n; null for anything that is not a plain amount. */
export function toKopecks(value: string | null | undefined): Kopecks | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (!SIGNED_MONEY.test(text)) return null;
  return scaled(text, 2);
}

/** 123450n → "1234.50" (the API's decimal-string form). */
export function fromKopecks(k: Kopecks): string {
  const negative = k < 0n;
  const abs = negative ? -k : k;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** Sum of decimal strings; invalid entries are skipped. */
export function sumMoney(values: ReadonlyArray<string | null | undefined>): string {
  let total = 0n;
  for (const v of values) total += toKopecks(v) ?? 0n;
  return fromKopecks(total);
}

/** a − b for decimal strings (invalid values count as zero). */
export function subtractMoney(a: string, b: string): string {
  return fromKopecks((toKopecks(a) ?? 0n) - (toKopecks(b) ?? 0n));
}

/** -1, 0 or 1. */
export function compareMoney(a: string, b: string): number {
  const d = (toKopecks(a) ?? 0n) - (toKopecks(b) ?? 0n);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * quantity × price × (1 − discount %), rounded half away from zero to the kopeck.
 * Returns null when an input is not valid for the API (quantity up to 3 decimals,
 * price up to 2, discount 0–100 with up to 2).
 */
export function lineTotal(quantity: string, unitPrice: string, discountPercent = '0'): string | null {
  const q = quantity.trim();
  const p = unitPrice.trim();
  const d = discountPercent.trim() || '0';
  if (!QUANTITY.test(q) || !MONEY.test(p) || !PERCENT.test(d)) return null;
  const qtyMilli = scaled(q, 3); // ×1000
  const priceKop = scaled(p, 2); // ×100
  const keepBasisPoints = 10000n - scaled(d, 2); // ×10000: the share kept after the discount
  return fromKopecks(roundHalfAway(qtyMilli * priceKop * keepBasisPoints, 10_000_000n));
}

/** probability % of an amount, to the kopeck (the weighted pipeline). */
export function percentOf(amount: string, percent: number): string {
  const k = toKopecks(amount) ?? 0n;
  return fromKopecks(roundHalfAway(k * BigInt(Math.round(percent)), 100n));
}

// ---------------------------------------------------------------- typed input

export type DecimalKind = 'money' | 'quantity' | 'percent';

const PATTERNS: Record<DecimalKind, RegExp> = { money: MONEY, quantity: QUANTITY, percent: PERCENT };

/**
 * What a person typed ("1 234,5", "33,33", "10") → the API's decimal string
 * ("1234.5", "33.33", "10"), or null when it is not a valid value of that kind.
 * Spaces (also U+00A0) are ignored, a comma is a decimal separator, a trailing
 * separator is dropped. A quantity must be above zero.
 */
export function parseDecimalInput(input: string | null | undefined, kind: DecimalKind): string | null {
  if (input === null || input === undefined) return null;
  let text = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (text.startsWith('.')) text = `0${text}`;
  if (!PATTERNS[kind].test(text)) return null;
  if (kind === 'quantity' && scaled(text, 3) === 0n) return null;
  return text;
}

/** A decimal string as people type it in Russian: "33.33" → "33,33". */
export function toInputDecimal(value: string | null | undefined, locale = 'ru'): string {
  if (value === null || value === undefined) return '';
  return locale === 'ru' ? value.replace('.', ',') : value;
}

/** "10.00" → "10", "7.50" → "7,5" (percent and quantity without needless zeros). */
export function trimDecimal(value: string, locale = 'ru'): string {
  const trimmed = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  return toInputDecimal(trimmed, locale);
}
