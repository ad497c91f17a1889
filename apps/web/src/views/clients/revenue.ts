/**
 * The annual revenue field: typed as text (never a float), `1234567,89` or
 * `1234567.89`, spaces allowed between thousands; sent as a decimal string with a point.
 */
export const REVENUE_PATTERN = /^\d{1,16}([.,]\d{1,2})?$/;

export type RevenueInput = { ok: true; value: string | null } | { ok: false };

/** `"1 234 567,8"` → `{ ok: true, value: "1234567.8" }`; empty → `null`; anything else → `{ ok: false }`. */
export function parseRevenueInput(text: string | null | undefined): RevenueInput {
  const compact = (text ?? '').replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return { ok: true, value: null };
  if (!REVENUE_PATTERN.test(compact)) return { ok: false };
  return { ok: true, value: compact.replace(',', '.') };
}

/** The API's `"48500000.00"` as the form shows it: `"48500000,00"`. */
export function revenueToInput(value: string | null | undefined): string {
  return value ? value.replace('.', ',') : '';
}
