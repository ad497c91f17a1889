import { addDays } from '@polar/business-time';

/** Monday of the week a day (YYYY-MM-DD) falls in: the calendar is Russian, weeks start on Monday. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, weekday === 0 ? -6 : 1 - weekday);
}

export function weekOf(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/**
 * How busy an engineer's week looks: jobs and visits against the working days in it.
 * Up to one a day is normal, up to two busy, more is overloaded.
 */
export function loadLevel(load: number, workingDays: number): 'free' | 'normal' | 'busy' | 'over' {
  if (load === 0) return 'free';
  const perDay = load / Math.max(workingDays, 1);
  if (perDay <= 1) return 'normal';
  if (perDay <= 2) return 'busy';
  return 'over';
}
