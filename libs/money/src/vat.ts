/**
 * VAT (НДС) on amounts, exact to the kopeck.
 *
 * Russian documents either include VAT in the price («в том числе НДС 20 %») or
 * charge it on top; a company on the simplified system writes «Без НДС». The VAT
 * amount is rounded half away from zero to the kopeck once, on the amount it is
 * computed from (the document total, or a line when a form lists VAT per line), and
 * the other figure is derived by subtraction/addition so that
 * net + VAT = gross holds to the kopeck.
 */
import { fromKopecks, roundHalfAwayFromZero, toKopecks } from './decimal';

/**
 * The VAT rates a document may carry: the general rate (22 % since 1 January 2026,
 * 20 % before), the reduced 10 %, 0 % (export), and `none` for «Без НДС».
 */
export const VAT_RATES = ['22', '20', '10', '0', 'none'] as const;

export type VatRate = (typeof VAT_RATES)[number];

export function isVatRate(value: unknown): value is VatRate {
  return typeof value === 'string' && (VAT_RATES as readonly string[]).includes(value);
}

function ratePercent(rate: VatRate): bigint {
  if (!isVatRate(rate)) throw new RangeError(`not a VAT rate: ${String(rate)}`);
  return rate === 'none' ? 0n : BigInt(rate);
}

/** The VAT contained in an amount that includes it: gross × r / (100 + r). «Без НДС» and 0 % give "0.00". */
export function vatIncluded(gross: string, rate: VatRate): string {
  const r = ratePercent(rate);
  return fromKopecks(roundHalfAwayFromZero(toKopecks(gross) * r, 100n + r));
}

/** The amount without VAT, for an amount that includes it (gross − the VAT it contains). */
export function amountWithoutVat(gross: string, rate: VatRate): string {
  return fromKopecks(toKopecks(gross) - toKopecks(vatIncluded(gross, rate)));
}

/** The VAT charged on top of an amount without VAT: net × r / 100. */
export function vatOnTop(net: string, rate: VatRate): string {
  const r = ratePercent(rate);
  return fromKopecks(roundHalfAwayFromZero(toKopecks(net) * r, 100n));
}

/** The amount with VAT for an amount without it (net + VAT on top). */
export function amountWithVat(net: string, rate: VatRate): string {
  return fromKopecks(toKopecks(net) + toKopecks(vatOnTop(net, rate)));
}

/** The line a Russian print form shows: «В том числе НДС 20 %» or «Без НДС». */
export function vatLabel(rate: VatRate, included = true): string {
  if (rate === 'none') return 'Без НДС';
  return `${included ? 'В том числе НДС' : 'НДС'} ${rate}\u00a0%`;
}
