import type { Schemas } from '@polar/api-client';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** Short names for the generated calendar schemas (no hand-written API types). */
export type CalendarYearDto = Schemas['CalendarYearDto'];
export type CalendarYearsDto = Schemas['CalendarYearsDto'];
export type CalendarDayDto = Schemas['CalendarDayDto'];
export type CalendarDayKind = Schemas['CalendarDayKind'];

export const DAY_KINDS: readonly CalendarDayKind[] = ['working', 'short', 'day_off'];

export function fetchYears(): Promise<CalendarYearsDto> {
  return unwrap(api.GET('/api/calendar'));
}

export function fetchYear(year: number): Promise<CalendarYearDto> {
  return unwrap(api.GET('/api/calendar/{year}', { params: { path: { year: String(year) } } }));
}

/** Sets a day (working / short / day off); setting the shipped kind removes the override. */
export function setDay(date: string, kind: CalendarDayKind, reason: string | null): Promise<CalendarDayDto> {
  return unwrap(api.PUT('/api/calendar/days/{date}', { params: { path: { date } }, body: { kind, reason } }));
}

/** Back to what the shipped production calendar says. */
export function resetDay(date: string): Promise<CalendarDayDto> {
  return unwrap(api.DELETE('/api/calendar/days/{date}', { params: { path: { date } } }));
}
