/**
 * The funnel report, read-only SQL.
 *
 * Reads this module's summary rows (summaries/funnel-summary.ts: analytics_funnel_deals,
 * one per deal; analytics_funnel_stays, one per stay of a deal in a stage — kept from the
 * deals and deal_stage_history by the deal events), pipeline_stages (kind and order, read
 * now: stages may be reordered), reference_items (loss reasons).
 *
 * `$1` is the scope (NULL = everyone), `$2`/`$3` the Moscow instants of the period
 * [from, to), `$4` an optional manager filter. A deal counts only when both its manager
 * and its client's manager are in scope, as in the monthly report.
 */
import type { EntityManager } from 'typeorm';

const MONEY = 'numeric(16,2)::text';
const IN_SCOPE = (column: string) => `($1::uuid[] IS NULL OR ${column} = ANY($1::uuid[]))`;
const inSight = (t: string) => `${IN_SCOPE(`${t}.manager_id`)} AND ${IN_SCOPE(`${t}.client_manager_id`)} AND ($4::uuid IS NULL OR ${t}.manager_id = $4::uuid)`;
export const DEALS_IN_SIGHT = inSight('f');

export interface FunnelBounds {
  from: Date;
  to: Date;
}

type Params = [string[] | null, Date, Date, string | null];
const params = (scope: string[] | null, b: FunnelBounds, managerId: string | null): Params => [scope, b.from, b.to, managerId];

/**
 * The deals created in the period (the cohort) and how far each got: the furthest open
 * stage it ever entered (from the history, or its current stage for a deal without
 * history, e.g. imported). A won deal passed every open stage: only the last one may win.
 * Per open stage: how many reached it, how many of those dropped out there (lost with it
 * as their furthest stage) and the cohort's won deals.
 */
export function stageReach(em: EntityManager, scope: string[] | null, b: FunnelBounds, managerId: string | null) {
  return em.query(
    `WITH paths AS (
       SELECT f.status, f.reached_stage_ids, count(*)::int AS n, sum(f.amount) AS amount
         FROM analytics_funnel_deals f
        WHERE f.created_at >= $2 AND f.created_at < $3 AND ${DEALS_IN_SIGHT}
        GROUP BY f.status, f.reached_stage_ids
     ), furthest AS (
       SELECT p.status, p.n, p.amount,
              (SELECT max(s.sort_order) FROM pipeline_stages s WHERE s.kind = 'open' AND s.id = ANY(p.reached_stage_ids)) AS max_order
         FROM paths p
     )
     SELECT s.id, s.code, s.name, s.sort_order,
            coalesce(sum(f.n) FILTER (WHERE f.status = 'won' OR f.max_order >= s.sort_order), 0)::int AS reached,
            coalesce(sum(f.n) FILTER (WHERE f.status = 'lost' AND f.max_order = s.sort_order), 0)::int AS dropped,
            coalesce(sum(f.amount) FILTER (WHERE f.status = 'lost' AND f.max_order = s.sort_order), 0)::${MONEY} AS dropped_amount
       FROM pipeline_stages s LEFT JOIN furthest f ON true
      WHERE s.kind = 'open'
      GROUP BY s.id, s.code, s.name, s.sort_order, s.is_active
     HAVING s.is_active OR coalesce(sum(f.n) FILTER (WHERE f.status = 'won' OR f.max_order >= s.sort_order), 0) > 0
      ORDER BY s.sort_order`,
    params(scope, b, managerId),
  ) as Promise<Array<{ id: string; code: string; name: string; sort_order: number; reached: number; dropped: number; dropped_amount: string }>>;
}

/** The cohort in numbers: deals created, and of them won (count, sum) and lost. */
export async function cohortTotals(em: EntityManager, scope: string[] | null, b: FunnelBounds, managerId: string | null) {
  const [row] = await em.query(
    `SELECT count(*)::int AS created, coalesce(sum(f.amount), 0)::${MONEY} AS created_amount,
            count(*) FILTER (WHERE f.status = 'won')::int AS won,
            coalesce(sum(f.amount) FILTER (WHERE f.status = 'won'), 0)::${MONEY} AS won_amount,
            count(*) FILTER (WHERE f.status = 'lost')::int AS lost
       FROM analytics_funnel_deals f
      WHERE f.created_at >= $2 AND f.created_at < $3 AND ${DEALS_IN_SIGHT}`,
    params(scope, b, managerId),
  );
  return row as { created: number; created_amount: string; won: number; won_amount: string; lost: number };
}

/**
 * Time in each open stage, in days: every stay that ended in the period (the deal moved
 * on, back, or was closed), from entering the stage to the next move. Median and 90th
 * percentile, continuous.
 */
export function timeInStage(em: EntityManager, scope: string[] | null, b: FunnelBounds, managerId: string | null) {
  return em.query(
    `SELECT st.stage_id, count(*)::int AS stays,
            round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM st.left_at - st.entered_at)) / 86400)::numeric, 1)::text AS median_days,
            round((percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM st.left_at - st.entered_at)) / 86400)::numeric, 1)::text AS p90_days
       FROM analytics_funnel_stays st JOIN pipeline_stages s ON s.id = st.stage_id
      WHERE s.kind = 'open' AND st.left_at >= $2 AND st.left_at < $3
        AND (st.deal_status = 'open' OR st.deal_closed_at >= $2) AND st.deal_created_at < $3 AND ${inSight('st')}
      GROUP BY st.stage_id`,
    params(scope, b, managerId),
  ) as Promise<Array<{ stage_id: string; stays: number; median_days: string; p90_days: string }>>;
}

/** Deals lost in the period by loss reason: count and sum, the biggest first. */
export function lossReasons(em: EntityManager, scope: string[] | null, b: FunnelBounds, managerId: string | null) {
  return em.query(
    `SELECT r.id, coalesce(r.name, '') AS name, count(*)::int AS count, sum(f.amount)::${MONEY} AS amount
       FROM analytics_funnel_deals f LEFT JOIN reference_items r ON r.id = f.loss_reason_id
      WHERE f.status = 'lost' AND f.closed_at >= $2 AND f.closed_at < $3 AND ${DEALS_IN_SIGHT}
      GROUP BY r.id, r.name
      ORDER BY count(*) DESC, sum(f.amount) DESC, r.name`,
    params(scope, b, managerId),
  ) as Promise<Array<{ id: string | null; name: string; count: number; amount: string }>>;
}
