import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { DayListName } from '@/features/planning/lib/types';

/**
 * «Мой день»: the signed-in user's tasks of a Moscow date (YYYY-MM-DD): each list's first
 * 50, the `expand`ed ones up to 500 («Показать все»).
 */
export const fetchMyDay = (date: string, expand: readonly DayListName[] = []) =>
  unwrap(api.GET('/api/planning/my-day', { params: { query: { date, ...(expand.length ? { expand: [...expand] } : {}) } } }));

/** The team's day: each member's tasks of a Moscow date. */
export const fetchTeamDay = (date: string) => unwrap(api.GET('/api/planning/team-day', { params: { query: { date } } }));
