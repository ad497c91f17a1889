/**
 * Losses by competitor. Reads deals and clients (scope) and this module's own
 * deal_competitor_losses / competitors. Parameters as in funnel.sql.ts.
 */
import type { EntityManager } from 'typeorm';

const IN_SCOPE = (column: string) => `($1::uuid[] IS NULL OR ${column} = ANY($1::uuid[]))`;

/** Deals lost in the period by the competitor they went to; id null = no competitor named. */
export function competitorLosses(em: EntityManager, scope: string[] | null, b: { from: Date; to: Date }, managerId: string | null) {
  return em.query(
    `SELECT k.id, coalesce(k.name, '') AS name, count(*)::int AS count, sum(d.amount)::numeric(16,2)::text AS amount
       FROM deals d JOIN clients c ON c.id = d.client_id
       LEFT JOIN deal_competitor_losses l ON l.deal_id = d.id LEFT JOIN competitors k ON k.id = l.competitor_id
      WHERE d.status = 'lost' AND d.closed_at >= $2 AND d.closed_at < $3
        AND ${IN_SCOPE('d.manager_id')} AND ${IN_SCOPE('c.manager_id')} AND ($4::uuid IS NULL OR d.manager_id = $4::uuid)
      GROUP BY k.id, k.name
      ORDER BY (k.id IS NULL), count(*) DESC, sum(d.amount) DESC, k.name`,
    [scope, b.from, b.to, managerId],
  ) as Promise<Array<{ id: string | null; name: string; count: number; amount: string }>>;
}
