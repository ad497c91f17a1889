import type { Schemas } from '@polar/api-client';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/**
 * Active competitors for a choice list (the lose-deal dialog). Here rather than in
 * analytics, which keeps the competitors screen: nothing may depend on analytics.
 */
export function listActiveCompetitors(): Promise<Schemas['CompetitorDto'][]> {
  return unwrap(api.GET('/api/competitors', {}));
}
