/**
 * Exact money arithmetic. Amounts are decimal strings in JSON and `numeric` in the
 * database; in code they are BigInt kopecks — never JavaScript floats.
 *
 * Rounding: half away from zero to the kopeck, once per line (the line total is
 * what the document shows; document totals are sums of line totals).
 */

export type Kopecks = bigint;

const MONEY = /^-?\d{1,16}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,9}(\.\d{1,3})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

export function isMoney(value: string): boolean {
  return MONEY.test(value);
}

/** "1234.5" → 123450n */
export function toKopecks(value: string): Kopecks {
  if (!MONEY.test(value)) throw new RangeError(`not an amount: ${value}`);
  return scaled(value, 2);
}

/** 123450n → "1234.50" */
export function fromKopecks(k: Kopecks): string {
  const negative = k < 0n;
  const abs = negative ? -k : k;
  const rub = abs / 100n;
  const kop = abs % 100n;
  return `${negative ? '-' : ''}${rub}.${kop.toString().padStart(2, '0')}`;
}

export function sumMoney(values: readonly string[]): string {
  return fromKopecks(values.reduce((acc, v) => acc + toKopecks(v), 0n));
}

/** Compares two amounts: -1, 0, 1. */
export function compareMoney(a: string, b: string): number {
  const d = toKopecks(a) - toKopecks(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * quantity × price × (1 − discount %), rounded half away from zero to the kopeck.
 * quantity: up to 3 decimals; discount: percent with up to 2 decimals.
 */
export function lineTotal(quantity: string, unitPrice: string, discountPercent = '0'): string {
  if (!QUANTITY.test(quantity)) throw new RangeError(`not a quantity: ${quantity}`);
  if (!PERCENT.test(discountPercent)) throw new RangeError(`not a percent: ${discountPercent}`);
  const qtyMilli = scaled(quantity, 3); // ×1000
  const priceKop = toKopecks(unitPrice); // ×100
  const keepBasisPoints = 10000n - scaled(discountPercent, 2); // ×10000, share kept after discount
  const numerator = qtyMilli * priceKop * keepBasisPoints; // kopecks × 10^7
  const divisor = 10_000_000n;
  return fromKopecks(roundHalfAway(numerator, divisor));
}

/** probability % of an amount, to the kopeck (weighted pipeline). */
export function percentOf(amount: string, percent: number): string {
  return fromKopecks(roundHalfAway(toKopecks(amount) * BigInt(percent), 100n));
}

function roundHalfAway(numerator: bigint, divisor: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = abs / divisor;
  const r = abs % divisor;
  const rounded = r * 2n >= divisor ? q + 1n : q;
  return negative ? -rounded : rounded;
}

function scaled(value: string, decimals: number): bigint {
  const negative = value.startsWith('-');
  const [int, frac = ''] = (negative ? value.slice(1) : value).split('.');
  const v = BigInt(int + frac.padEnd(decimals, '0'));
  return negative ? -v : v;
}
