import { parseDecimalInput, toInputDecimal } from '@polar/money';

/**
 * The annual revenue field: typed as text (never a float), `1234567,89` or
 * `1234567.89`, spaces allowed between thousands; sent as a decimal string with a point.
 * The rules are @polar/money's (`largeMoney`: up to 16 integer digits), strict: a
 * dangling separator is refused rather than guessed.
 */
export type RevenueInput = { ok: true; value: string | null } | { ok: false };

/** `"1 234 567,8"` → `{ ok: true, value: "1234567.8" }`; empty → `null`; anything else → `{ ok: false }`. */
export function parseRevenueInput(text: string | null | undefined): RevenueInput {
  if ((text ?? '').trim() === '') return { ok: true, value: null };
  const value = parseDecimalInput(text, 'largeMoney', true);
  return value === null ? { ok: false } : { ok: true, value };
}

/** The API's `"48500000.00"` as the form shows it: `"48500000,00"`. */
export function revenueToInput(value: string | null | undefined): string {
  return toInputDecimal(value);
}
