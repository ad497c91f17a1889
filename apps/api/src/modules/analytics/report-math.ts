import { addDays, moscowDayStart } from '@polar/business-time';
import { toKopecks } from '@polar/money';

/** part / whole in %, one decimal, from exact kopecks; null when the whole is zero. */
export function percentOfMoney(part: string, whole: string): number | null {
  const w = toKopecks(whole);
  if (w === 0n) return null;
  return Number((toKopecks(part) * 1000n) / w) / 10;
}

/** a / b in %, one decimal; null when b is zero. */
export function percentOfCount(a: number, b: number): number | null {
  return b === 0 ? null : Math.round((a * 1000) / b) / 10;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The first day of the month `delta` months from the one of `day`. */
export function monthStart(day: string, delta = 0): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + delta;
  const year = y + Math.floor(m / 12);
  return `${year}-${pad((((m % 12) + 12) % 12) + 1)}-01`;
}

/** The same day of the month one month earlier, clipped to that month's last day (31.03 → 28/29.02). */
export function sameDayPrevMonth(day: string): string {
  const first = monthStart(day, -1);
  const last = addDays(monthStart(day), -1);
  const candidate = `${first.slice(0, 8)}${day.slice(8, 10)}`;
  return candidate > last ? last : candidate;
}

/** A Moscow day as the instant it starts. */
export const dayStart = (day: string): Date => moscowDayStart(day);
