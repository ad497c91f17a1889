import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DomainEvent, EventBus } from '../../../common/events';

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
 * Kept inside the publishing transaction: `payment.received` recomputes the paying client's
 * rows from its payments (a few rows; the mix rows get the difference), `clients.reassigned`
 * moves the moved clients' rows to the new manager. Payments are never edited or deleted.
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
  }

  /** Every non-empty summary row (the recomputation test). */
  async rows(em: EntityManager | DataSource = this.dataSource): Promise<SalesSummaryRows> {
    return readRows(em, 'analytics_client_days', 'analytics_client_mix');
  }

  /** The same rows computed from the payments themselves (what the summary must equal). */
  async recompute(em: EntityManager | DataSource = this.dataSource): Promise<SalesSummaryRows> {
    return readRows(em, `(${clientDaysAggregate(false)}) d`, `(SELECT ${MIX_KEY}, count(*)::int AS entries, sum(d.amount) AS amount FROM (${clientDaysAggregate(false)}) d GROUP BY 1, 2, 3, 4) m`);
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
  }
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
export async function rebuildSalesSummary(em: EntityManager | DataSource): Promise<{ clientDays: number; mixRows: number }> {
  await em.query(`DELETE FROM analytics_client_days`);
  // Day order: a span's rows sit together on disk.
  await em.query(`INSERT INTO analytics_client_days (${DAY_COLUMNS}) SELECT * FROM (${clientDaysAggregate(false)}) d ORDER BY d.day, d.client_id`);
  await em.query(`DELETE FROM analytics_client_mix`);
  await em.query(
    `INSERT INTO analytics_client_mix (month, client_manager_id, prev_month, first_month, entries, amount)
     SELECT ${MIX_KEY}, count(*)::int, sum(d.amount) FROM analytics_client_days d GROUP BY 1, 2, 3, 4`,
  );
  const [row] = await em.query(`SELECT (SELECT count(*) FROM analytics_client_days)::int AS d, (SELECT count(*) FROM analytics_client_mix)::int AS m`);
  return { clientDays: Number(row.d), mixRows: Number(row.m) };
}

export interface SalesSummaryRows {
  clientDays: Array<{ clientId: string; day: string; clientManagerId: string; payments: number; amount: string; prevDay: string; firstPaid: string }>;
  mix: Array<{ month: string; clientManagerId: string; prevMonth: string; firstMonth: string; entries: number; amount: string }>;
}

async function readRows(em: EntityManager | DataSource, days: string, mix: string): Promise<SalesSummaryRows> {
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
    mix: m.map((x) => ({ month: String(x.month), clientManagerId: String(x.client_manager_id), prevMonth: String(x.prev_month), firstMonth: String(x.first_month), entries: Number(x.entries), amount: String(x.amount) })),
  };
}
