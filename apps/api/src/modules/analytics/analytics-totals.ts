import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DomainEvent, EventBus, type DomainEventType } from '../../common/events';
import { rebuildSalesSummary } from './summaries/sales-summary';
import { rebuildUnpaidInvoices } from './summaries/unpaid-invoices';
import { rebuildFunnelSummary } from './summaries/funnel-summary';

/**
 * The analytics summary rows, for the reports that plain SQL could not answer in time at
 * 1M clients (measured: bench/README.md, «Analytics bench»):
 *
 * - `analytics_revenue_days`: payments received per day × the client's responsible manager
 *   (the report scope) — revenue today / month to date / vs plan, sales volume and its
 *   series, the monthly report's revenue;
 * - `analytics_open_deals`: open deals per stage × expected close month ('' = no date) ×
 *   the client's manager: count, sum and sum of amount × probability (weighted = that / 100,
 *   rounded once at read, as the aggregate over the deals does).
 *
 * Kept current incrementally by the domain events, inside the publishing transaction (a
 * failed update rolls the change back): `payment.received` adds the payment to its day;
 * the deal events take the deal's old figures out and put the new ones in (from the audit
 * snapshots); `clients.reassigned` moves the clients' payments and open deals to the new
 * manager. Payments are never edited or deleted (the funnel has no such route).
 *
 * Rows written with raw SQL outside the services (seeds, bulk loads) need `rebuild()`:
 * `pnpm --filter @polar/api run analytics:rebuild-totals`.
 */
@Injectable()
export class AnalyticsTotalsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('payment.received', (em, e) => this.onPayment(em, e), 'analytics.totals');
    this.events.subscribe(DEAL_CHANGES, (em, e) => this.onDealChange(em, e), 'analytics.totals');
    this.events.subscribe('clients.reassigned', (em, e) => this.onReassigned(em, e), 'analytics.totals');
  }

  /** Every non-empty summary row (the recomputation test). */
  async rows(em: EntityManager | DataSource = this.dataSource): Promise<AnalyticsTotalsRows> {
    return readRows(em, 'analytics_revenue_days', 'analytics_open_deals');
  }

  /** The same rows computed from the payments and deals themselves (what the summary must equal). */
  async recompute(em: EntityManager | DataSource = this.dataSource): Promise<AnalyticsTotalsRows> {
    return readRows(em, `(${REVENUE_DAYS_AGGREGATE}) r`, `(${OPEN_DEALS_AGGREGATE}) o`);
  }

  private async onPayment(em: EntityManager, event: DomainEvent<'payment.received'>): Promise<void> {
    const p = event.payload;
    await em.query(
      `INSERT INTO analytics_revenue_days AS t (day, client_manager_id, payments, amount)
       SELECT $1::date, c.manager_id, 1, $3::numeric FROM clients c WHERE c.id = $2
       ON CONFLICT (day, client_manager_id) DO UPDATE SET payments = t.payments + 1, amount = t.amount + excluded.amount`,
      [p.paidOn, p.clientId, p.amount],
    );
  }

  private async onDealChange(em: EntityManager, event: DomainEvent<(typeof DEAL_CHANGES)[number]>): Promise<void> {
    const change = event.audit.find((a) => a.entityType === 'deal');
    const before = openFigures(change?.before);
    const after = openFigures(change?.after);
    if (!change?.after) throw new Error(`${event.type} without the deal's figures: the analytics summary cannot follow it`);
    if (before && after && sameFigures(before, after)) return;
    const deltas = [
      ...(before ? [{ ...before, n: -1 }] : []),
      ...(after ? [{ ...after, n: 1 }] : []),
    ];
    if (!deltas.length) return;
    // The client's manager is read now: a reassignment moves the rows with the client (below).
    await em.query(
      `${OPEN_UPSERT_HEAD}
       SELECT x.stage_id, x.month, c.manager_id, sum(x.n)::int, sum(x.n * x.amount), sum(x.n * x.amount * x.probability)
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[], $5::numeric[], $6::int[]) AS x(stage_id, month, client_id, n, amount, probability)
         JOIN clients c ON c.id = x.client_id
        GROUP BY x.stage_id, x.month, c.manager_id
        ORDER BY 1, 2, 3
       ${OPEN_UPSERT_TAIL}`,
      [deltas.map((d) => d.stageId), deltas.map((d) => d.month), deltas.map((d) => d.clientId), deltas.map((d) => d.n), deltas.map((d) => d.amount), deltas.map((d) => d.probability)],
    );
  }

  /** The moved clients' payments and open deals leave the old managers' rows and join the new one's. */
  private async onReassigned(em: EntityManager, event: DomainEvent<'clients.reassigned'>): Promise<void> {
    const { moves, toManagerId } = event.payload;
    if (!moves.length) return;
    const params = [moves.map((m) => m.clientId), moves.map((m) => m.fromManagerId), toManagerId];
    await em.query(
      `WITH moved AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS m(client_id, from_manager)),
            per AS (SELECT p.paid_on, m.from_manager, count(*)::int AS n, sum(p.amount) AS amount
                      FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN moved m ON m.client_id = i.client_id
                     GROUP BY p.paid_on, m.from_manager)
       INSERT INTO analytics_revenue_days AS t (day, client_manager_id, payments, amount)
       SELECT paid_on, cm, sum(n)::int, sum(amount)
         FROM (SELECT paid_on, from_manager AS cm, -n AS n, -amount AS amount FROM per
               UNION ALL SELECT paid_on, $3::uuid, n, amount FROM per) x
        GROUP BY paid_on, cm
        ORDER BY paid_on, cm
       ON CONFLICT (day, client_manager_id) DO UPDATE SET payments = t.payments + excluded.payments, amount = t.amount + excluded.amount`,
      params,
    );
    await em.query(
      `WITH moved AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS m(client_id, from_manager)),
            per AS (SELECT d.stage_id, coalesce(to_char(d.expected_close_date, 'YYYY-MM'), '') AS month, m.from_manager,
                           count(*)::int AS n, sum(d.amount) AS amount, sum(d.amount * d.probability) AS axp
                      FROM deals d JOIN moved m ON m.client_id = d.client_id
                     WHERE d.status = 'open'
                     GROUP BY 1, 2, 3)
       ${OPEN_UPSERT_HEAD}
       SELECT stage_id, month, cm, sum(n)::int, sum(amount), sum(axp)
         FROM (SELECT stage_id, month, from_manager AS cm, -n AS n, -amount AS amount, -axp AS axp FROM per
               UNION ALL SELECT stage_id, month, $3::uuid, n, amount, axp FROM per) x
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
       ${OPEN_UPSERT_TAIL}`,
      params,
    );
  }
}

/** The deal events that change a deal's stage, status, amount, probability, expected date or client. */
const DEAL_CHANGES = ['deal.created', 'deal.updated', 'deal.moved', 'deal.won', 'deal.lost', 'deal.reopened'] as const satisfies readonly DomainEventType[];

export const REVENUE_DAYS_AGGREGATE = `
  SELECT p.paid_on AS day, c.manager_id AS client_manager_id, count(*)::int AS payments, sum(p.amount) AS amount
    FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id
   GROUP BY p.paid_on, c.manager_id`;

export const OPEN_DEALS_AGGREGATE = `
  SELECT d.stage_id, coalesce(to_char(d.expected_close_date, 'YYYY-MM'), '') AS expected_month, c.manager_id AS client_manager_id,
         count(*)::int AS deal_count, sum(d.amount) AS amount, sum(d.amount * d.probability) AS amount_x_probability
    FROM deals d JOIN clients c ON c.id = d.client_id
   WHERE d.status = 'open'
   GROUP BY 1, 2, 3`;

/**
 * Deltas are upserted in key order (ORDER BY the key): two transactions touching the same
 * rows lock them in the same order and wait instead of deadlocking.
 */
const OPEN_UPSERT_HEAD = `INSERT INTO analytics_open_deals AS t (stage_id, expected_month, client_manager_id, deal_count, amount, amount_x_probability)`;
const OPEN_UPSERT_TAIL = `ON CONFLICT (stage_id, expected_month, client_manager_id) DO UPDATE
   SET deal_count = t.deal_count + excluded.deal_count, amount = t.amount + excluded.amount, amount_x_probability = t.amount_x_probability + excluded.amount_x_probability`;

/** Recomputes every analytics summary (the sales report's and the funnel's too: summaries/), set-based. Run after raw-SQL writes. */
export async function rebuildAnalyticsTotals(em: EntityManager | DataSource): Promise<{ revenueDays: number; openDeals: number; funnelDeals: number; funnelStays: number }> {
  await em.query(`DELETE FROM analytics_revenue_days`);
  await em.query(`INSERT INTO analytics_revenue_days (day, client_manager_id, payments, amount) ${REVENUE_DAYS_AGGREGATE}`);
  await em.query(`DELETE FROM analytics_open_deals`);
  await em.query(`INSERT INTO analytics_open_deals (stage_id, expected_month, client_manager_id, deal_count, amount, amount_x_probability) ${OPEN_DEALS_AGGREGATE}`);
  await rebuildSalesSummary(em);
  await rebuildUnpaidInvoices(em);
  const [row] = await em.query(`SELECT (SELECT count(*) FROM analytics_revenue_days)::int AS r, (SELECT count(*) FROM analytics_open_deals)::int AS o`);
  const funnel = await rebuildFunnelSummary(em);
  return { revenueDays: Number(row.r), openDeals: Number(row.o), ...funnel };
}

export interface AnalyticsTotalsRows {
  revenueDays: Array<{ day: string; clientManagerId: string; payments: number; amount: string }>;
  openDeals: Array<{ stageId: string; month: string; clientManagerId: string; count: number; amount: string; amountXProbability: string }>;
}

async function readRows(em: EntityManager | DataSource, revenue: string, open: string): Promise<AnalyticsTotalsRows> {
  const r: Array<Record<string, string | number>> = await em.query(
    `SELECT day::text AS day, client_manager_id, payments, amount::numeric(16,2)::text AS amount FROM ${revenue}
      WHERE payments <> 0 OR amount <> 0 ORDER BY day, client_manager_id`,
  );
  const o: Array<Record<string, string | number>> = await em.query(
    `SELECT stage_id, expected_month, client_manager_id, deal_count, amount::numeric(16,2)::text AS amount, amount_x_probability::numeric(20,2)::text AS axp FROM ${open}
      WHERE deal_count <> 0 OR amount <> 0 OR amount_x_probability <> 0 ORDER BY stage_id, expected_month, client_manager_id`,
  );
  return {
    revenueDays: r.map((x) => ({ day: String(x.day), clientManagerId: String(x.client_manager_id), payments: Number(x.payments), amount: String(x.amount) })),
    openDeals: o.map((x) => ({
      stageId: String(x.stage_id),
      month: String(x.expected_month),
      clientManagerId: String(x.client_manager_id),
      count: Number(x.deal_count),
      amount: String(x.amount),
      amountXProbability: String(x.axp),
    })),
  };
}

interface OpenFigures {
  stageId: string;
  month: string;
  clientId: string;
  amount: string;
  probability: number;
}

/** What an open deal adds (null for a won or lost one); read from the deal's audit snapshot. */
function openFigures(snapshot: object | null | undefined): OpenFigures | null {
  const s = snapshot as { stageId?: string; clientId?: string; status?: string; amount?: string | number; probability?: number; expectedCloseDate?: string | null } | null | undefined;
  if (!s?.stageId || !s.clientId || s.status !== 'open' || s.amount === undefined || s.probability === undefined) return null;
  return { stageId: s.stageId, month: s.expectedCloseDate ? String(s.expectedCloseDate).slice(0, 7) : '', clientId: s.clientId, amount: String(s.amount), probability: Number(s.probability) };
}

function sameFigures(a: OpenFigures, b: OpenFigures): boolean {
  return a.stageId === b.stageId && a.month === b.month && a.clientId === b.clientId && a.amount === b.amount && a.probability === b.probability;
}
