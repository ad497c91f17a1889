/**
 * Monthly plan helpers: the revenue target travels as a decimal string (`3500000.00`)
 * and is edited as text — never through a float.
 */

const AMOUNT = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/**
 * What a person typed as an amount of roubles → the API's decimal string, or null when
 * it is not an amount. Spaces (incl. no-break) are thousands separators, a comma or a
 * dot the decimal mark; leading zeros are dropped; at most 12 integer digits and 2 decimals.
 */
export function normalizeAmount(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const text = input.replace(/[\s\u00a0\u202f]/g, '').replace(/₽$/, '').replace(',', '.');
  if (!text) return null;
  const m = AMOUNT.exec(text);
  if (!m) return null;
  const integer = (m[1] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = m[2] ?? '';
  return fraction ? `${integer}.${fraction.padEnd(2, '0')}` : integer;
}

/** The API's decimal string → text for the input: `2500000.00` → `2 500 000`, `10.50` → `10,50`. */
export function amountToInput(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const integer = (m[1] ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  return fraction ? `${integer},${fraction.padEnd(2, '0')}` : integer;
}

/** Whether two decimal strings are the same amount (`2500000` = `2500000.00`). */
export function sameAmount(a: string | null | undefined, b: string | null | undefined): boolean {
  const canon = (v: string | null | undefined) => {
    const n = normalizeAmount(v ?? '');
    if (n === null) return v ?? '';
    const [i, f = ''] = n.split('.');
    return `${i}.${f.padEnd(2, '0')}`;
  };
  return canon(a) === canon(b);
}

/** '2026-11' → 'ноябрь 2026' (ru) / 'November 2026' (en): the month as people name it. */
export function monthTitle(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const name = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
  return `${name} ${y}`;
}

/** '2026-01' → '2025-12'; `step` months away (negative: back). */
export function shiftMonth(month: string, step: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + step;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whether a typed amount is negative («-5», «−5 000»): it gets its own message. */
export function isNegativeAmount(input: string | null | undefined): boolean {
  return /^\s*[-\u2212]/.test(input ?? '');
}
