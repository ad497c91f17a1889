import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** «Мой день»: the signed-in user's tasks of a Moscow date (YYYY-MM-DD). */
export const fetchMyDay = (date: string) => unwrap(api.GET('/api/planning/my-day', { params: { query: { date } } }));

/** The team's day: each member's tasks of a Moscow date. */
export const fetchTeamDay = (date: string) => unwrap(api.GET('/api/planning/team-day', { params: { query: { date } } }));
