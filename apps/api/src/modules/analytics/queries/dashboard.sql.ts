/**
 * The director's day, read-only SQL.
 *
 * Reads (never writes): analytics_revenue_days and analytics_open_deals (this module's
 * summary rows, see analytics-totals.ts), analytics_unpaid_invoices (summaries/unpaid-invoices.ts), payments, invoices, clients (the responsible
 * manager decides whose a payment, deal or invoice is — the same fact record scope uses),
 * deals, pipeline_stages, monthly_plans, tasks, users (names).
 *
 * `$1` is always the scope: NULL = everyone, else the responsible managers / assignees.
 * Money leaves the database as numeric text, never as a float.
 */
import type { EntityManager } from 'typeorm';

const MONEY = 'numeric(16,2)::text';

export interface DashboardBounds {
  /** The day asked for and the day before it. */
  day: string;
  prevDay: string;
  /** First day of the month and of the previous month; the same day-of-month last month (clipped). */
  monthFirst: string;
  prevMonthFirst: string;
  prevMonthSameDay: string;
  /** Moscow instants: the day [dayFrom, dayTo), the month so far [monthFrom, dayTo), last month's same span. */
  dayFrom: Date;
  dayTo: Date;
  monthFrom: Date;
  prevMonthFrom: Date;
  prevMonthTo: Date;
  /** Tasks planned before this instant and not done are overdue: now for today, the day's end for a past day. */
  asOf: Date;
}

export async function revenueFigures(em: EntityManager, scope: string[] | null, b: DashboardBounds) {
  const [row] = await em.query(
    `SELECT coalesce(sum(r.amount) FILTER (WHERE r.day = $2::date), 0)::${MONEY} AS today,
            coalesce(sum(r.amount) FILTER (WHERE r.day = $3::date), 0)::${MONEY} AS prev_day,
            coalesce(sum(r.amount) FILTER (WHERE r.day >= $4::date), 0)::${MONEY} AS month,
            coalesce(sum(r.amount) FILTER (WHERE r.day <= $6::date), 0)::${MONEY} AS prev_month
       FROM analytics_revenue_days r
      WHERE r.day >= $5::date AND r.day <= $2::date
        AND ($1::uuid[] IS NULL OR r.client_manager_id = ANY($1::uuid[]))`,
    [scope, b.day, b.prevDay, b.monthFirst, b.prevMonthFirst, b.prevMonthSameDay],
  );
  const [plan] = await em.query(
    `SELECT coalesce(sum(revenue_target), 0)::${MONEY} AS revenue, count(*)::int AS plans
       FROM monthly_plans WHERE month = $2::date AND ($1::uuid[] IS NULL OR manager_id = ANY($1::uuid[]))`,
    [scope, b.monthFirst],
  );
  return { today: row.today as string, prevDay: row.prev_day as string, month: row.month as string, prevMonth: row.prev_month as string, plan: plan.revenue as string, plans: plan.plans as number };
}

export async function dealFigures(em: EntityManager, scope: string[] | null, b: DashboardBounds) {
  const [row] = await em.query(
    `SELECT count(*) FILTER (WHERE d.created_at >= $2 AND d.created_at < $3)::int AS new_month,
            count(*) FILTER (WHERE d.created_at >= $4 AND d.created_at < $5)::int AS new_prev,
            count(*) FILTER (WHERE d.status = 'won' AND d.closed_at >= $2 AND d.closed_at < $3)::int AS won_month,
            count(*) FILTER (WHERE d.status = 'won' AND d.closed_at >= $4 AND d.closed_at < $5)::int AS won_prev,
            coalesce(sum(d.amount) FILTER (WHERE d.status = 'won' AND d.closed_at >= $2 AND d.closed_at < $3), 0)::${MONEY} AS won_sum_month,
            coalesce(sum(d.amount) FILTER (WHERE d.status = 'won' AND d.closed_at >= $4 AND d.closed_at < $5), 0)::${MONEY} AS won_sum_prev
       FROM deals d
      WHERE (d.created_at >= $4 OR (d.status <> 'open' AND d.closed_at >= $4))
        AND ($1::uuid[] IS NULL OR d.client_manager_id = ANY($1::uuid[]))`,
    // "status <> 'open'" changes no figure (only won deals count as closed) and lets the
    // closed-deals index (deals_closed_at_idx, partial) serve the second branch. The
    // client's manager is the deal's trigger-kept copy of it: no lookup of every client.
    [scope, b.monthFrom, b.dayTo, b.prevMonthFrom, b.prevMonthTo],
  );
  return row as { new_month: number; new_prev: number; won_month: number; won_prev: number; won_sum_month: string; won_sum_prev: string };
}

/** Open deals by expected close month: plain and probability-weighted sums (weighted rounded to kopecks per month). */
export async function expectedSales(em: EntityManager, scope: string[] | null) {
  const rows: Array<{ month: string | null; deals: number; amount: string; weighted: string }> = await em.query(
    `SELECT nullif(o.expected_month, '') AS month, sum(o.deal_count)::int AS deals,
            sum(o.amount)::${MONEY} AS amount, round(sum(o.amount_x_probability) / 100, 2)::${MONEY} AS weighted
       FROM analytics_open_deals o
      WHERE ($1::uuid[] IS NULL OR o.client_manager_id = ANY($1::uuid[]))
      GROUP BY 1 HAVING sum(o.deal_count) <> 0 ORDER BY 1 NULLS LAST`,
    [scope],
  );
  return rows;
}

/** Open deals per open stage (from this module's summary rows; the board's are the funnel's). */
export async function openByStage(em: EntityManager, scope: string[] | null) {
  const rows: Array<{ id: string; code: string; name: string; probability: number; deals: number; amount: string }> = await em.query(
    `SELECT s.id, s.code, s.name, s.probability, coalesce(sum(o.deal_count), 0)::int AS deals, coalesce(sum(o.amount), 0)::${MONEY} AS amount
       FROM pipeline_stages s
       LEFT JOIN analytics_open_deals o ON o.stage_id = s.id AND ($1::uuid[] IS NULL OR o.client_manager_id = ANY($1::uuid[]))
      WHERE s.kind = 'open'
      GROUP BY s.id, s.code, s.name, s.probability, s.sort_order, s.is_active
     HAVING s.is_active OR coalesce(sum(o.deal_count), 0) > 0
      ORDER BY s.sort_order`,
    [scope],
  );
  return rows;
}

/** A task still open at `asOf` ($4): planned now, or done only after it. */
const OPEN_AT_AS_OF = `(t.status = 'planned' OR (t.status = 'done' AND t.completed_at >= $4))`;

/**
 * Contacts (tasks) per employee on the day: done that day, overdue at `asOf`, still planned
 * for the day at `asOf`. As of the day, not now: a task done after `asOf` was still open
 * then (its completion time says so). A cancelled task has no cancellation time and is
 * left out, whenever it was cancelled.
 *
 * The three kinds of candidate rows are read apart (each one index range; the third leaves
 * out what the first has): as one OR, PostgreSQL overestimated the planned ones at 10M
 * tasks and read every task (2–4 s). The planned ones are read per employee (OFFSET 0 keeps
 * the lookup per employee) from tasks_assignee_day_idx (assignee, status, due time, id).
 */
export async function contactsPerEmployee(em: EntityManager, scope: string[] | null, b: DashboardBounds) {
  const rows: Array<{ id: string; name: string; done: number; overdue: number; planned: number }> = await em.query(
    `SELECT u.id, u.full_name AS name,
            count(*) FILTER (WHERE t.status = 'done' AND t.completed_at >= $2 AND t.completed_at < $3)::int AS done,
            count(*) FILTER (WHERE ${OPEN_AT_AS_OF} AND t.due_at < $4)::int AS overdue,
            count(*) FILTER (WHERE ${OPEN_AT_AS_OF} AND t.due_at >= $4 AND t.due_at >= $2)::int AS planned
       FROM (
              SELECT t.assignee_id, t.status, t.completed_at, t.due_at FROM tasks t
               WHERE t.status = 'done' AND t.completed_at >= $2 AND t.completed_at < $3 AND ($1::uuid[] IS NULL OR t.assignee_id = ANY($1::uuid[]))
              UNION ALL
              SELECT p.assignee_id, p.status, p.completed_at, p.due_at FROM users pu
               CROSS JOIN LATERAL (SELECT t.assignee_id, t.status, t.completed_at, t.due_at FROM tasks t
                                    WHERE t.assignee_id = pu.id AND t.status = 'planned' AND t.due_at < $3 OFFSET 0) p
               WHERE ($1::uuid[] IS NULL OR pu.id = ANY($1::uuid[]))
              UNION ALL
              SELECT t.assignee_id, t.status, t.completed_at, t.due_at FROM tasks t
               WHERE t.status = 'done' AND t.completed_at >= $4 AND t.due_at < $3 AND NOT (t.completed_at >= $2 AND t.completed_at < $3)
                 AND ($1::uuid[] IS NULL OR t.assignee_id = ANY($1::uuid[]))
            ) t
       JOIN users u ON u.id = t.assignee_id
      GROUP BY u.id, u.full_name
      ORDER BY 4 DESC, u.full_name`,
    [scope, b.dayFrom, b.dayTo, b.asOf],
  );
  return rows;
}

/**
 * Unpaid invoices past their due day: totals and the oldest ones (the state now; judged on
 * `day`). The totals come from this module's summary rows (analytics_unpaid_invoices, per
 * due day × client's manager); the list walks the unpaid-invoices index and stops after a page.
 */
export async function overdueInvoices(em: EntityManager, scope: string[] | null, day: string, limit: number) {
  const [total] = await em.query(
    `SELECT coalesce(sum(u.invoices), 0)::int AS total_count, coalesce(sum(u.outstanding), 0)::${MONEY} AS total_sum
       FROM analytics_unpaid_invoices u
      WHERE u.due_date < $2::date AND ($1::uuid[] IS NULL OR u.client_manager_id = ANY($1::uuid[]))`,
    [scope, day],
  );
  const rows: Array<Omit<OverdueRow, 'total_count' | 'total_sum'>> = await em.query(
    `SELECT i.id, i.number, i.client_id, c.name AS client_name, i.due_date::text AS due_date,
            (i.amount - i.paid_amount)::${MONEY} AS outstanding, ($2::date - i.due_date)::int AS days
       FROM invoices i JOIN clients c ON c.id = i.client_id
      WHERE i.status IN ('issued', 'partly_paid', 'overdue') AND i.paid_amount < i.amount AND i.due_date < $2::date
        AND ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[]))
      ORDER BY i.due_date, i.number
      LIMIT $3`,
    [scope, day, limit],
  );
  return rows.map((r): OverdueRow => ({ ...r, total_count: total.total_count, total_sum: total.total_sum }));
}

/**
 * The same as of the end of a past `day`: what was owed then is the amount minus the
 * payments received by that day (payments keep their day, so this is exact). The
 * candidates are the invoices unpaid now plus those that received a payment after the
 * day; an invoice cancelled since is left out (its cancellation has no date).
 */
export async function overdueInvoicesAsOf(em: EntityManager, scope: string[] | null, day: string, limit: number) {
  const rows: OverdueRow[] = await em.query(
    `WITH candidates AS (
       SELECT i.id FROM invoices i
        WHERE i.status IN ('issued', 'partly_paid', 'overdue') AND i.paid_amount < i.amount AND i.due_date < $2::date
       UNION
       SELECT p.invoice_id FROM payments p WHERE p.paid_on > $2::date
     ), owed AS (
       SELECT i.id, i.number, i.client_id, c.name AS client_name, i.due_date,
              i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id AND p.paid_on <= $2::date), 0) AS outstanding
         FROM candidates k JOIN invoices i ON i.id = k.id JOIN clients c ON c.id = i.client_id
        WHERE i.status <> 'cancelled' AND i.issue_date <= $2::date AND i.due_date < $2::date
          AND ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[]))
     )
     SELECT id, number, client_id, client_name, due_date::text AS due_date, outstanding::${MONEY} AS outstanding, ($2::date - due_date)::int AS days,
            count(*) OVER ()::int AS total_count, sum(outstanding) OVER ()::${MONEY} AS total_sum
       FROM owed WHERE outstanding > 0
      ORDER BY due_date, number
      LIMIT $3`,
    [scope, day, limit],
  );
  return rows;
}

type OverdueRow = { id: string; number: string; client_id: string; client_name: string; due_date: string; outstanding: string; days: number; total_count: number; total_sum: string };
