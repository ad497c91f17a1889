/**
 * The monthly report per manager (seed 002) and the 11 Green Wave KPIs (seed 004).
 *
 * Reads (never writes): users (names, roles), deals, deal_lines, products (product
 * groups for cross-sales), proposals, analytics_revenue_days (this module's summary of
 * payments), invoices, clients (responsible manager),
 * monthly_plans, tasks, installation_jobs (hand-over deadlines).
 *
 * `$1` is the scope (NULL = everyone). A deal counts for its manager only when both the
 * deal's manager and its client's manager are in scope, so no row or total ever shows a
 * figure from outside it. The client's manager is read from the deal's trigger-kept copy
 * (`deals.client_manager_id`, always equal to `clients.manager_id`): at 1M clients the
 * join to clients cost a lookup (or a scan of clients) per deal. The month comes as days (payments, proposals, invoices) or as
 * Moscow instants (deals, tasks), from @polar/business-time.
 */
import type { EntityManager } from 'typeorm';

const MONEY = 'numeric(16,2)::text';
const IN_SCOPE = (column: string) => `($1::uuid[] IS NULL OR ${column} = ANY($1::uuid[]))`;

export interface MonthBounds {
  first: string;
  next: string;
  from: Date;
  to: Date;
  /** The day debts are judged on: today inside the current month, the month's end for a past one. */
  asOfDay: string;
}

/** Who gets a row: active sales managers in scope, plus anyone in scope with a plan for the month. */
export function managers(em: EntityManager, scope: string[] | null, b: MonthBounds): Promise<Array<{ id: string; name: string }>> {
  return em.query(
    `SELECT u.id, u.full_name AS name FROM users u
      WHERE ${IN_SCOPE('u.id')}
        AND ((u.role = 'sales_manager' AND u.is_active) OR EXISTS (SELECT 1 FROM monthly_plans p WHERE p.manager_id = u.id AND p.month = $2::date))
      ORDER BY u.full_name`,
    [scope, b.first],
  );
}

export function plans(em: EntityManager, scope: string[] | null, b: MonthBounds) {
  return em.query(
    `SELECT manager_id, revenue_target::${MONEY} AS revenue, won_deals_target AS won, calls_target AS calls, meetings_target AS meetings
       FROM monthly_plans WHERE month = $2::date AND ${IN_SCOPE('manager_id')}`,
    [scope, b.first],
  ) as Promise<Array<{ manager_id: string; revenue: string; won: number; calls: number; meetings: number }>>;
}

/**
 * New interests (deals created in the month) and the deals decided in it. Two index ranges
 * added up (`deals_created_at_idx`, `deals_closed_at_idx`) rather than one OR of both: the
 * OR made PostgreSQL read every deal (a sequential scan of 400k deals at 1M clients). A
 * deal created and decided in the same month is in both branches, each giving its own
 * figures only.
 */
export function dealFigures(em: EntityManager, scope: string[] | null, b: MonthBounds) {
  return em.query(
    `SELECT x.manager_id,
            sum(x.new_count)::int AS new_count,
            coalesce(sum(x.new_amount), 0)::${MONEY} AS new_amount,
            sum(x.won)::int AS won,
            coalesce(sum(x.won_amount), 0)::${MONEY} AS won_amount,
            round((avg(x.won_seconds) / 86400)::numeric, 1)::text AS won_days,
            sum(x.lost)::int AS lost,
            sum(x.lost_reasoned)::int AS lost_reasoned
       FROM (SELECT d.manager_id, 1 AS new_count, d.amount AS new_amount, 0 AS won, NULL AS won_amount, NULL AS won_seconds, 0 AS lost, 0 AS lost_reasoned
               FROM deals d
              WHERE d.created_at >= $2 AND d.created_at < $3
                AND ${IN_SCOPE('d.manager_id')} AND ${IN_SCOPE('d.client_manager_id')}
             UNION ALL
             SELECT d.manager_id, 0, NULL, (d.status = 'won')::int,
                    CASE WHEN d.status = 'won' THEN d.amount END,
                    CASE WHEN d.status = 'won' THEN extract(epoch FROM d.closed_at - d.created_at) END,
                    (d.status = 'lost')::int,
                    (d.status = 'lost' AND d.loss_reason_id IS NOT NULL AND coalesce(btrim(d.loss_comment), '') <> '')::int
               FROM deals d
              WHERE d.status <> 'open' AND d.closed_at >= $2 AND d.closed_at < $3
                AND ${IN_SCOPE('d.manager_id')} AND ${IN_SCOPE('d.client_manager_id')}) x
      GROUP BY x.manager_id`,
    [scope, b.from, b.to],
  ) as Promise<Array<{ manager_id: string; new_count: number; new_amount: string; won: number; won_amount: string; won_days: string | null; lost: number; lost_reasoned: number }>>;
}

/**
 * Proposals prepared (issued) in the month, by the deal's manager: a range of
 * `proposals_issue_date_idx`, each proposal's deal looked up by its key (the lateral
 * subquery with OFFSET 0 is not merged into a join: as one, PostgreSQL hashed every deal).
 */
export function proposalFigures(em: EntityManager, scope: string[] | null, b: MonthBounds) {
  return em.query(
    `SELECT d.manager_id, count(*)::int AS count, coalesce(sum(p.total), 0)::${MONEY} AS amount
       FROM proposals p
            CROSS JOIN LATERAL (SELECT d.manager_id, d.client_manager_id FROM deals d WHERE d.id = p.deal_id OFFSET 0) d
      WHERE p.issue_date >= $2::date AND p.issue_date < $3::date
        AND ${IN_SCOPE('d.manager_id')} AND ${IN_SCOPE('d.client_manager_id')}
      GROUP BY d.manager_id`,
    [scope, b.first, b.next],
  ) as Promise<Array<{ manager_id: string; count: number; amount: string }>>;
}

/**
 * Revenue: payments received in the month on the manager's clients' invoices (as plan
 * actuals count it), from the summary rows per day × client's manager (analytics-totals.ts).
 */
export function revenue(em: EntityManager, scope: string[] | null, b: MonthBounds) {
  return em.query(
    `SELECT r.client_manager_id AS manager_id, sum(r.amount)::${MONEY} AS amount
       FROM analytics_revenue_days r
      WHERE r.day >= $2::date AND r.day < $3::date AND ${IN_SCOPE('r.client_manager_id')}
      GROUP BY r.client_manager_id HAVING sum(r.payments) > 0`,
    [scope, b.first, b.next],
  ) as Promise<Array<{ manager_id: string; amount: string }>>;
}

/**
 * Cross-sales: deals won in the month whose lines span more than one product group, or
 * that bring the client a group its earlier won deals did not have.
 */
export function crossSales(em: EntityManager, scope: string[] | null, b: MonthBounds) {
  return em.query(
    `WITH won AS (
       SELECT d.id, d.manager_id, d.client_id, d.closed_at FROM deals d
        WHERE d.status = 'won' AND d.closed_at >= $2 AND d.closed_at < $3
          AND ${IN_SCOPE('d.manager_id')} AND ${IN_SCOPE('d.client_manager_id')}
     ), groups AS (
       SELECT w.id, array_agg(DISTINCT pr.group_id) AS g
         FROM won w JOIN deal_lines l ON l.deal_id = w.id JOIN products pr ON pr.id = l.product_id
        GROUP BY w.id
     )
     SELECT w.manager_id, count(*)::int AS count
       FROM won w JOIN groups g ON g.id = w.id
      WHERE cardinality(g.g) > 1
         OR (EXISTS (SELECT 1 FROM deals d2 WHERE d2.client_id = w.client_id AND d2.status = 'won' AND d2.closed_at < w.closed_at)
             AND EXISTS (SELECT 1 FROM unnest(g.g) AS x(group_id)
                          WHERE NOT EXISTS (SELECT 1 FROM deals d2 JOIN deal_lines l2 ON l2.deal_id = d2.id JOIN products p2 ON p2.id = l2.product_id
                                             WHERE d2.client_id = w.client_id AND d2.status = 'won' AND d2.closed_at < w.closed_at AND p2.group_id = x.group_id)))
      GROUP BY w.manager_id`,
    [scope, b.from, b.to],
  ) as Promise<Array<{ manager_id: string; count: number }>>;
}

/**
 * Calls and meetings done in the month, by assignee: an index-only range of
 * `tasks_done_contacts_idx` (done calls and meetings by completion time, with the assignee
 * and type in the key). At 10M tasks a month holds ~400k done tasks, each a heap fetch
 * through `tasks_done_at_idx` before (seconds). An index rather than event-kept rows: the
 * figure stays exact for tasks written by bulk SQL (imports, restores) without a rebuild.
 */
export function contactFigures(em: EntityManager, scope: string[] | null, b: MonthBounds) {
  return em.query(
    `SELECT t.assignee_id AS manager_id,
            count(*) FILTER (WHERE t.type = 'call')::int AS calls,
            count(*) FILTER (WHERE t.type = 'meeting')::int AS meetings
       FROM tasks t
      WHERE t.status = 'done' AND t.type IN ('call', 'meeting') AND t.completed_at >= $2 AND t.completed_at < $3 AND ${IN_SCOPE('t.assignee_id')}
      GROUP BY t.assignee_id`,
    [scope, b.from, b.to],
  ) as Promise<Array<{ manager_id: string; calls: number; meetings: number }>>;
}

/**
 * Debts on the manager's clients' invoices issued by the end of the month and still
 * unpaid now; "overdue more than 5 days" is judged on `asOfDay`. Left a join: at 1M
 * clients PostgreSQL looks each unpaid invoice's client up by key in parallel workers
 * (0.4–0.6 s for 50k unpaid invoices at load 12); a per-invoice scalar lookup, tried,
 * runs in one process and was slower there (0.6–0.7 s), though faster at 100k clients.
 */
export function debtFigures(em: EntityManager, scope: string[] | null, b: MonthBounds) {
  return em.query(
    `SELECT c.manager_id,
            count(*)::int AS unpaid, sum(i.amount - i.paid_amount)::${MONEY} AS unpaid_amount,
            count(*) FILTER (WHERE i.due_date < $3::date - 5)::int AS overdue5,
            coalesce(sum(i.amount - i.paid_amount) FILTER (WHERE i.due_date < $3::date - 5), 0)::${MONEY} AS overdue5_amount
       FROM invoices i JOIN clients c ON c.id = i.client_id
      WHERE i.status IN ('issued', 'partly_paid', 'overdue') AND i.paid_amount < i.amount AND i.issue_date < $2::date
        AND ${IN_SCOPE('c.manager_id')}
      GROUP BY c.manager_id`,
    [scope, b.next, b.asOfDay],
  ) as Promise<Array<{ manager_id: string; unpaid: number; unpaid_amount: string; overdue5: number; overdue5_amount: string }>>;
}

/** Projects whose installation deadline fell in the month and was missed (finished late or not yet), with the reasons given. */
export function lateProjects(em: EntityManager, scope: string[] | null, b: MonthBounds) {
  return em.query(
    `SELECT d.manager_id, count(*)::int AS count,
            coalesce(array_agg(j.slip_reason ORDER BY j.deadline) FILTER (WHERE coalesce(btrim(j.slip_reason), '') <> ''), '{}') AS reasons
       FROM installation_jobs j JOIN deals d ON d.id = j.deal_id JOIN clients c ON c.id = j.client_id
      WHERE j.deadline >= $2::date AND j.deadline < $3::date AND j.deadline < $4::date AND j.status <> 'cancelled'
        AND (j.finished_on IS NULL OR j.finished_on > j.deadline)
        AND ${IN_SCOPE('d.manager_id')} AND ${IN_SCOPE('c.manager_id')}
      GROUP BY d.manager_id`,
    [scope, b.first, b.next, b.asOfDay],
  ) as Promise<Array<{ manager_id: string; count: number; reasons: string[] }>>;
}
