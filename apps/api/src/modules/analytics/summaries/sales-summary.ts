import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DomainEvent, type DomainEventType, EventBus } from '../../../common/events';

/**
 * The sales report's client mix (new / regular / lost clients, sales from new and old
 * clients) as summary rows. Live, it grouped every payment up to the period's end by client
 * (6.6 s at 250k clients); these rows answer it by range scans without grouping by client:
 *
 * - `analytics_client_days`: per client × day paid: payments, amount, the client's previous
 *   paid day (`prev_day`, NONE for the first) and first paid day (`first_paid`), and the
 *   client's manager (the report scope). A client paid in [from, to] exactly once counted
 *   by its row there with `prev_day < from`; it is new when that row has no previous day;
 *   it paid in the span before too when `prev_day` falls in that span.
 * - `analytics_client_mix`: the same rows counted per month × client's manager × previous
 *   paid month × first paid month (`prev_month` = the row's own month when the client had
 *   already paid earlier that month). For spans that start on a month's first day the
 *   comparisons above are exact per month, so a year is read from a few hundred rows.
 *
 * - `analytics_won_deals` / `analytics_won_lines`: the won deals (closing instant, deal's and
 *   client's manager, amount) and their lines per product (amount, quantity), for orders,
 *   average check, repeat orders, product groups, products and profit. Profit is computed at
 *   read with the product's current cost price and group, as the live query did.
 * - `analytics_deal_channels`: per deal its creation instant, managers, advertising channel
 *   (the deal's, else its client's), whether won and its amount — the conversion by channel
 *   without looking up the client of every deal created in the period.
 *
 * Kept inside the publishing transaction: `payment.received` recomputes the paying client's
 * rows from its payments (a few rows; the mix rows get the difference), the deal events
 * recompute the deal's rows (won rows only when won), `client.updated` the client's deals'
 * channel rows (its channel may have changed), `clients.reassigned` moves the
 * moved clients' rows to the new manager. Payments are never edited or deleted.
 * Rebuild: `rebuildSalesSummary` (called by `analytics:rebuild-totals`).
 */
@Injectable()
export class SalesSummaryService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('payment.received', (em, e) => this.onPayment(em, e), 'analytics.sales-summary');
    this.events.subscribe('clients.reassigned', (em, e) => this.onReassigned(em, e), 'analytics.sales-summary');
    this.events.subscribe(DEAL_CHANGES, (em, e) => this.onDeal(em, e.payload.dealId), 'analytics.sales-summary');
    this.events.subscribe('client.updated', (em, e) => this.onClientUpdated(em, e.payload.clientId), 'analytics.sales-summary');
  }

  /** Every non-empty summary row (the recomputation test). */
  async rows(em: EntityManager | DataSource = this.dataSource): Promise<SalesSummaryRows> {
    return readRows(em, 'analytics_client_days', 'analytics_client_mix', 'analytics_won_deals', 'analytics_won_lines', 'analytics_deal_channels');
  }

  /** The same rows computed from the payments themselves (what the summary must equal). */
  async recompute(em: EntityManager | DataSource = this.dataSource): Promise<SalesSummaryRows> {
    return readRows(
      em,
      `(${clientDaysAggregate(false)}) d`,
      `(SELECT ${MIX_KEY}, count(*)::int AS entries, sum(d.amount) AS amount FROM (${clientDaysAggregate(false)}) d GROUP BY 1, 2, 3, 4) m`,
      `(${wonDealsAggregate(false)}) w`,
      `(${wonLinesAggregate(false)}) l`,
      `(${dealChannelsAggregate('all')}) k`,
    );
  }

  /**
   * The deal's won rows again from the deal (the deal row is locked by the change, so changes
   * of one deal take turns; the client's manager is the deal's copy, moved with the client).
   */
  private async onDeal(em: EntityManager, dealId: string): Promise<void> {
    await em.query(`DELETE FROM analytics_won_lines WHERE deal_id = $1`, [dealId]);
    await em.query(`DELETE FROM analytics_won_deals WHERE deal_id = $1`, [dealId]);
    await em.query(`INSERT INTO analytics_won_deals (${WON_DEAL_COLUMNS}) ${wonDealsAggregate(true)}`, [[dealId]]);
    await em.query(`INSERT INTO analytics_won_lines (${WON_LINE_COLUMNS}) ${wonLinesAggregate(true)}`, [[dealId]]);
    await em.query(`DELETE FROM analytics_deal_channels WHERE deal_id = $1`, [dealId]);
    await em.query(`INSERT INTO analytics_deal_channels (${CHANNEL_COLUMNS}) ${dealChannelsAggregate('deals')}`, [[dealId]]);
  }

  /** The client's deals take its channel as it is now (a deal without its own channel uses the client's). */
  private async onClientUpdated(em: EntityManager, clientId: string): Promise<void> {
    await em.query(`DELETE FROM analytics_deal_channels WHERE client_id = $1`, [clientId]);
    await em.query(`INSERT INTO analytics_deal_channels (${CHANNEL_COLUMNS}) ${dealChannelsAggregate('clients')}`, [[clientId]]);
  }

  private async onPayment(em: EntityManager, event: DomainEvent<'payment.received'>): Promise<void> {
    const clientId = event.payload.clientId;
    // Two payments of one client in parallel would each recompute the client's rows from a
    // snapshot without the other's payment: they take turns (a lock of this module's own, no row).
    await em.query(`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext($1::text))`, [clientId]);
    // A reassignment of the client in flight holds the client row (FOR UPDATE): wait for it,
    // then read the manager it set (a read lock, the one a foreign key takes; nothing written).
    await em.query(`SELECT 1 FROM clients WHERE id = $1 FOR KEY SHARE`, [clientId]);
    // The mix rows lose the client's old rows and gain the new ones in one ordered upsert.
    await em.query(
      `WITH fresh AS (${clientDaysAggregate(true)}),
            delta AS (
              SELECT ${MIX_KEY}, -1 AS n, -d.amount AS amount FROM analytics_client_days d WHERE d.client_id = ANY($1::uuid[])
              UNION ALL
              SELECT ${MIX_KEY}, 1, d.amount FROM fresh d)
       ${MIX_UPSERT_HEAD}
       SELECT month, client_manager_id, prev_month, first_month, sum(n)::int, sum(amount) FROM delta
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 OR sum(amount) <> 0 ORDER BY 1, 2, 3, 4
       ${MIX_UPSERT_TAIL}`,
      [[clientId]],
    );
    await em.query(`DELETE FROM analytics_client_days WHERE client_id = ANY($1::uuid[])`, [[clientId]]);
    await em.query(`INSERT INTO analytics_client_days (${DAY_COLUMNS}) ${clientDaysAggregate(true)}`, [[clientId]]);
  }

  /** The moved clients' rows leave their old managers' mix rows and join the new one's. */
  private async onReassigned(em: EntityManager, event: DomainEvent<'clients.reassigned'>): Promise<void> {
    const { moves, toManagerId } = event.payload;
    if (!moves.length) return;
    const ids = moves.map((m) => m.clientId);
    await em.query(
      `WITH moved AS (SELECT d.* FROM analytics_client_days d WHERE d.client_id = ANY($1::uuid[]) AND d.client_manager_id <> $2::uuid),
            delta AS (
              SELECT ${MIX_KEY}, -1 AS n, -d.amount AS amount FROM moved d
              UNION ALL
              SELECT month, $2::uuid, prev_month, first_month, 1, amount FROM (SELECT ${MIX_KEY}, d.amount FROM moved d) x)
       ${MIX_UPSERT_HEAD}
       SELECT month, client_manager_id, prev_month, first_month, sum(n)::int, sum(amount) FROM delta
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 OR sum(amount) <> 0 ORDER BY 1, 2, 3, 4
       ${MIX_UPSERT_TAIL}`,
      [ids, toManagerId],
    );
    await em.query(`UPDATE analytics_client_days SET client_manager_id = $2 WHERE client_id = ANY($1::uuid[]) AND client_manager_id <> $2`, [ids, toManagerId]);
    await em.query(`UPDATE analytics_won_deals SET client_manager_id = $2 WHERE client_id = ANY($1::uuid[]) AND client_manager_id <> $2`, [ids, toManagerId]);
    await em.query(`UPDATE analytics_won_lines SET client_manager_id = $2 WHERE client_id = ANY($1::uuid[]) AND client_manager_id <> $2`, [ids, toManagerId]);
    await em.query(`UPDATE analytics_deal_channels SET client_manager_id = $2 WHERE client_id = ANY($1::uuid[]) AND client_manager_id <> $2`, [ids, toManagerId]);
  }
}

/** The deal events that can change whether a deal is won, its closing, amount, lines, managers or client. */
const DEAL_CHANGES = ['deal.created', 'deal.updated', 'deal.moved', 'deal.won', 'deal.lost', 'deal.reopened'] as const satisfies readonly DomainEventType[];

const WON_DEAL_COLUMNS = 'deal_id, client_id, closed_at, deal_manager_id, client_manager_id, amount';
const WON_LINE_COLUMNS = 'deal_id, product_id, client_id, closed_at, deal_manager_id, client_manager_id, amount, quantity';

/** Won deals (all, or `$1::uuid[]`); the client's manager is the deal's copy of it (kept equal by triggers). */
function wonDealsAggregate(someDeals: boolean): string {
  return `
  SELECT d.id AS deal_id, d.client_id, d.closed_at, d.manager_id AS deal_manager_id, d.client_manager_id, d.amount
    FROM deals d WHERE d.status = 'won' ${someDeals ? 'AND d.id = ANY($1::uuid[])' : ''}`;
}

/** Their lines per catalogue product (lines without a product count in no product figure). */
function wonLinesAggregate(someDeals: boolean): string {
  return `
  SELECT d.id AS deal_id, l.product_id, d.client_id, d.closed_at, d.manager_id AS deal_manager_id, d.client_manager_id,
         sum(l.line_total) AS amount, sum(l.quantity) AS quantity
    FROM deals d JOIN deal_lines l ON l.deal_id = d.id
   WHERE d.status = 'won' AND l.product_id IS NOT NULL ${someDeals ? 'AND d.id = ANY($1::uuid[])' : ''}
   GROUP BY d.id, l.product_id`;
}

const CHANNEL_COLUMNS = 'deal_id, client_id, created_at, deal_manager_id, client_manager_id, channel_id, won, amount';

/** Every deal (or those of `$1::uuid[]` deals / clients) with its channel: its own, else its client's. */
function dealChannelsAggregate(which: 'all' | 'deals' | 'clients'): string {
  return `
  SELECT d.id AS deal_id, d.client_id, d.created_at, d.manager_id AS deal_manager_id, d.client_manager_id,
         coalesce(d.channel_id, c.channel_id) AS channel_id, d.status = 'won' AS won, d.amount
    FROM deals d JOIN clients c ON c.id = d.client_id
   ${which === 'deals' ? 'WHERE d.id = ANY($1::uuid[])' : which === 'clients' ? 'WHERE d.client_id = ANY($1::uuid[])' : ''}`;
}

/** `prev_day` of a client's first paid day (any day before every payment). */
export const NO_DAY = '1900-01-01';
const LOCK_CLASS = 1764830;

const DAY_COLUMNS = 'client_id, day, client_manager_id, payments, amount, prev_day, first_paid';

/** Client × day rows from the payments (all clients, or `$1::uuid[]`), with the current client manager. */
function clientDaysAggregate(someClients: boolean): string {
  return `
  SELECT x.client_id, x.day, c.manager_id AS client_manager_id, x.payments, x.amount,
         coalesce(lag(x.day) OVER (PARTITION BY x.client_id ORDER BY x.day), '${NO_DAY}'::date) AS prev_day,
         min(x.day) OVER (PARTITION BY x.client_id) AS first_paid
    FROM (SELECT i.client_id, p.paid_on AS day, count(*)::int AS payments, sum(p.amount) AS amount
            FROM payments p JOIN invoices i ON i.id = p.invoice_id
           ${someClients ? 'WHERE i.client_id = ANY($1::uuid[])' : ''}
           GROUP BY i.client_id, p.paid_on) x
    JOIN clients c ON c.id = x.client_id`;
}

/** A client × day row's mix key: its month, manager, previous paid month (its own when it paid earlier that month), first paid month. */
const MIX_KEY = `date_trunc('month', d.day)::date AS month, d.client_manager_id,
  (CASE WHEN d.prev_day < date_trunc('month', d.day) THEN date_trunc('month', d.prev_day) ELSE date_trunc('month', d.day) END)::date AS prev_month,
  date_trunc('month', d.first_paid)::date AS first_month`;

/** Key order: concurrent upserts lock the same rows in the same order and wait instead of deadlocking. */
const MIX_UPSERT_HEAD = `INSERT INTO analytics_client_mix AS t (month, client_manager_id, prev_month, first_month, entries, amount)`;
const MIX_UPSERT_TAIL = `ON CONFLICT (month, client_manager_id, prev_month, first_month) DO UPDATE
   SET entries = t.entries + excluded.entries, amount = t.amount + excluded.amount`;

/** Recomputes both tables from the payments (set-based). Run after raw-SQL writes. */
export async function rebuildSalesSummary(em: EntityManager | DataSource): Promise<{ clientDays: number; mixRows: number; wonDeals: number }> {
  await em.query(`DELETE FROM analytics_client_days`);
  // Day order: a span's rows sit together on disk.
  await em.query(`INSERT INTO analytics_client_days (${DAY_COLUMNS}) SELECT * FROM (${clientDaysAggregate(false)}) d ORDER BY d.day, d.client_id`);
  await em.query(`DELETE FROM analytics_client_mix`);
  await em.query(
    `INSERT INTO analytics_client_mix (month, client_manager_id, prev_month, first_month, entries, amount)
     SELECT ${MIX_KEY}, count(*)::int, sum(d.amount) FROM analytics_client_days d GROUP BY 1, 2, 3, 4`,
  );
  await em.query(`DELETE FROM analytics_won_lines`);
  await em.query(`DELETE FROM analytics_won_deals`);
  await em.query(`INSERT INTO analytics_won_deals (${WON_DEAL_COLUMNS}) SELECT * FROM (${wonDealsAggregate(false)}) w ORDER BY w.closed_at`);
  await em.query(`INSERT INTO analytics_won_lines (${WON_LINE_COLUMNS}) SELECT * FROM (${wonLinesAggregate(false)}) l ORDER BY l.closed_at`);
  await em.query(`DELETE FROM analytics_deal_channels`);
  await em.query(`INSERT INTO analytics_deal_channels (${CHANNEL_COLUMNS}) SELECT * FROM (${dealChannelsAggregate('all')}) k ORDER BY k.created_at`);
  const [row] = await em.query(
    `SELECT (SELECT count(*) FROM analytics_client_days)::int AS d, (SELECT count(*) FROM analytics_client_mix)::int AS m, (SELECT count(*) FROM analytics_won_deals)::int AS w`,
  );
  return { clientDays: Number(row.d), mixRows: Number(row.m), wonDeals: Number(row.w) };
}

export interface SalesSummaryRows {
  clientDays: Array<{ clientId: string; day: string; clientManagerId: string; payments: number; amount: string; prevDay: string; firstPaid: string }>;
  mix: Array<{ month: string; clientManagerId: string; prevMonth: string; firstMonth: string; entries: number; amount: string }>;
  wonDeals: Array<Record<string, string>>;
  wonLines: Array<Record<string, string>>;
  channels: Array<Record<string, string | boolean | null>>;
}

async function readRows(em: EntityManager | DataSource, days: string, mix: string, won: string, lines: string, channels: string): Promise<SalesSummaryRows> {
  const channelRows: Array<Record<string, string | boolean | null>> = await em.query(
    `SELECT deal_id, client_id, created_at::text AS created_at, deal_manager_id, client_manager_id, channel_id, won, amount::numeric(16,2)::text AS amount FROM ${channels} ORDER BY deal_id`,
  );
  const wonDeals: Array<Record<string, string>> = await em.query(
    `SELECT deal_id, client_id, closed_at::text AS closed_at, deal_manager_id, client_manager_id, amount::numeric(16,2)::text AS amount FROM ${won} ORDER BY deal_id`,
  );
  const wonLines: Array<Record<string, string>> = await em.query(
    `SELECT deal_id, product_id, client_id, closed_at::text AS closed_at, deal_manager_id, client_manager_id, amount::numeric(16,2)::text AS amount, quantity::numeric(16,3)::text AS quantity
       FROM ${lines} ORDER BY deal_id, product_id`,
  );
  const d: Array<Record<string, string | number>> = await em.query(
    `SELECT client_id, day::text AS day, client_manager_id, payments, amount::numeric(16,2)::text AS amount, prev_day::text AS prev_day, first_paid::text AS first_paid
       FROM ${days} ORDER BY client_id, day`,
  );
  const m: Array<Record<string, string | number>> = await em.query(
    `SELECT month::text AS month, client_manager_id, prev_month::text AS prev_month, first_month::text AS first_month, entries, amount::numeric(16,2)::text AS amount
       FROM ${mix} WHERE entries <> 0 OR amount <> 0 ORDER BY month, client_manager_id, prev_month, first_month`,
  );
  return {
    clientDays: d.map((x) => ({
      clientId: String(x.client_id),
      day: String(x.day),
      clientManagerId: String(x.client_manager_id),
      payments: Number(x.payments),
      amount: String(x.amount),
      prevDay: String(x.prev_day),
      firstPaid: String(x.first_paid),
    })),
    wonDeals,
    wonLines,
    channels: channelRows,
    mix: m.map((x) => ({ month: String(x.month), clientManagerId: String(x.client_manager_id), prevMonth: String(x.prev_month), firstMonth: String(x.first_month), entries: Number(x.entries), amount: String(x.amount) })),
  };
}
