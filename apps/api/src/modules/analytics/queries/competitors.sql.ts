/**
 * Losses by competitor. Reads only this module's tables: the funnel summary's deals
 * (status, amount, closed instant, scope) and deal_competitor_losses / competitors.
 * Parameters as in funnel.sql.ts.
 */
import type { EntityManager } from 'typeorm';
import { DEALS_IN_SIGHT } from './funnel.sql';

/** Deals lost in the period by the competitor they went to; id null = no competitor named. */
export function competitorLosses(em: EntityManager, scope: string[] | null, b: { from: Date; to: Date }, managerId: string | null) {
  return em.query(
    `SELECT k.id, coalesce(k.name, '') AS name, count(*)::int AS count, sum(f.amount)::numeric(16,2)::text AS amount
       FROM analytics_funnel_deals f
       LEFT JOIN deal_competitor_losses l ON l.deal_id = f.deal_id LEFT JOIN competitors k ON k.id = l.competitor_id
      WHERE f.status = 'lost' AND f.closed_at >= $2 AND f.closed_at < $3 AND ${DEALS_IN_SIGHT}
      GROUP BY k.id, k.name
      ORDER BY (k.id IS NULL), count(*) DESC, sum(f.amount) DESC, k.name`,
    [scope, b.from, b.to, managerId],
  ) as Promise<Array<{ id: string | null; name: string; count: number; amount: string }>>;
}
