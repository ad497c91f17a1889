import { toKopecks } from '@polar/money';

/** Change of a figure against the previous period, in %, one decimal; null when there was nothing before. */
export function changePercent(value: string | number, previous: string | number): number | null {
  const v = typeof value === 'number' ? BigInt(Math.round(value * 100)) : toKopecks(value);
  const p = typeof previous === 'number' ? BigInt(Math.round(previous * 100)) : toKopecks(previous);
  if (p === 0n) return null;
  return Number(((v - p) * 1000n) / p) / 10;
}

/** Actual against plan for a progress bar: 0–100 (the label still shows 140 %). */
export function progressOf(percent: number | null): number {
  if (percent === null) return 0;
  return Math.max(0, Math.min(100, percent));
}

/** A money string as a plain number for a chart axis (display only; sums stay exact strings). */
export function chartNumber(value: string): number {
  return Number(value);
}

/** 'YYYY-MM' → «апрель 2026» / "April 2026". */
export function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  const text = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
  return text.replace(/\s*г\.$/, '');
}

/** A percent with one decimal in the user's locale: «38,5 %». */
export function formatPercent(value: number | null, locale: string): string {
  if (value === null) return '—';
  return `${new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 }).format(value)}\u00a0%`;
}
