/**
 * The director's day, read-only SQL.
 *
 * Reads (never writes): payments, invoices, clients (the responsible manager decides
 * whose a payment, deal or invoice is — the same fact record scope uses), deals,
 * pipeline_stages, monthly_plans, tasks, users (names).
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
    `SELECT coalesce(sum(p.amount) FILTER (WHERE p.paid_on = $2::date), 0)::${MONEY} AS today,
            coalesce(sum(p.amount) FILTER (WHERE p.paid_on = $3::date), 0)::${MONEY} AS prev_day,
            coalesce(sum(p.amount) FILTER (WHERE p.paid_on >= $4::date), 0)::${MONEY} AS month,
            coalesce(sum(p.amount) FILTER (WHERE p.paid_on <= $6::date), 0)::${MONEY} AS prev_month
       FROM payments p
       JOIN invoices i ON i.id = p.invoice_id
       JOIN clients c ON c.id = i.client_id
      WHERE p.paid_on >= $5::date AND p.paid_on <= $2::date
        AND ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[]))`,
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
       FROM deals d JOIN clients c ON c.id = d.client_id
      WHERE (d.created_at >= $4 OR d.closed_at >= $4)
        AND ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[]))`,
    [scope, b.monthFrom, b.dayTo, b.prevMonthFrom, b.prevMonthTo],
  );
  return row as { new_month: number; new_prev: number; won_month: number; won_prev: number; won_sum_month: string; won_sum_prev: string };
}

/** Open deals by expected close month: plain and probability-weighted sums (weighted rounded to kopecks per month). */
export async function expectedSales(em: EntityManager, scope: string[] | null) {
  const rows: Array<{ month: string | null; deals: number; amount: string; weighted: string }> = await em.query(
    `SELECT to_char(d.expected_close_date, 'YYYY-MM') AS month, count(*)::int AS deals,
            sum(d.amount)::${MONEY} AS amount, round(sum(d.amount * d.probability) / 100, 2)::${MONEY} AS weighted
       FROM deals d JOIN clients c ON c.id = d.client_id
      WHERE d.status = 'open' AND ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[]))
      GROUP BY 1 ORDER BY 1 NULLS LAST`,
    [scope],
  );
  return rows;
}

/** Open deals per open stage (read from deals directly; the board's summary rows are another module's). */
export async function openByStage(em: EntityManager, scope: string[] | null) {
  const rows: Array<{ id: string; code: string; name: string; probability: number; deals: number; amount: string }> = await em.query(
    `SELECT s.id, s.code, s.name, s.probability, count(x.id)::int AS deals, coalesce(sum(x.amount), 0)::${MONEY} AS amount
       FROM pipeline_stages s
       LEFT JOIN (SELECT d.id, d.stage_id, d.amount FROM deals d JOIN clients c ON c.id = d.client_id
                   WHERE d.status = 'open' AND ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[]))) x ON x.stage_id = s.id
      WHERE s.kind = 'open'
      GROUP BY s.id, s.code, s.name, s.probability, s.sort_order, s.is_active
     HAVING s.is_active OR count(x.id) > 0
      ORDER BY s.sort_order`,
    [scope],
  );
  return rows;
}

/** Contacts (tasks) per employee on the day: done that day, overdue at `asOf`, still planned for the day. */
export async function contactsPerEmployee(em: EntityManager, scope: string[] | null, b: DashboardBounds) {
  const rows: Array<{ id: string; name: string; done: number; overdue: number; planned: number }> = await em.query(
    `SELECT u.id, u.full_name AS name,
            count(*) FILTER (WHERE t.status = 'done')::int AS done,
            count(*) FILTER (WHERE t.status = 'planned' AND t.due_at < $4)::int AS overdue,
            count(*) FILTER (WHERE t.status = 'planned' AND t.due_at >= $4 AND t.due_at >= $2)::int AS planned
       FROM tasks t JOIN users u ON u.id = t.assignee_id
      WHERE ((t.status = 'done' AND t.completed_at >= $2 AND t.completed_at < $3) OR (t.status = 'planned' AND t.due_at < $3))
        AND ($1::uuid[] IS NULL OR t.assignee_id = ANY($1::uuid[]))
      GROUP BY u.id, u.full_name
      ORDER BY 4 DESC, u.full_name`,
    [scope, b.dayFrom, b.dayTo, b.asOf],
  );
  return rows;
}

/** Unpaid invoices past their due day: totals and the oldest ones. */
export async function overdueInvoices(em: EntityManager, scope: string[] | null, day: string, limit: number) {
  const rows: Array<{ id: string; number: string; client_id: string; client_name: string; due_date: string; outstanding: string; days: number; total_count: number; total_sum: string }> =
    await em.query(
      `SELECT i.id, i.number, i.client_id, c.name AS client_name, i.due_date::text AS due_date,
              (i.amount - i.paid_amount)::${MONEY} AS outstanding, ($2::date - i.due_date)::int AS days,
              count(*) OVER ()::int AS total_count, sum(i.amount - i.paid_amount) OVER ()::${MONEY} AS total_sum
         FROM invoices i JOIN clients c ON c.id = i.client_id
        WHERE i.status IN ('issued', 'partly_paid', 'overdue') AND i.paid_amount < i.amount AND i.due_date < $2::date
          AND ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[]))
        ORDER BY i.due_date, i.number
        LIMIT $3`,
      [scope, day, limit],
    );
  return rows;
}
