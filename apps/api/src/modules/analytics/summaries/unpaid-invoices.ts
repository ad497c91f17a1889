import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DomainEvent, EventBus } from '../../../common/events';

/**
 * The dashboard's overdue invoices total (count and outstanding of every unpaid invoice
 * past due) as summary rows: `analytics_unpaid_invoices`, per due day × client's manager,
 * the unpaid invoices (issued, partly paid, overdue; not fully paid) and what is still owed
 * on them. Live, the total read every unpaid invoice past due with its client (170 ms at
 * 100k clients, growing with the debts); the list of the oldest ones stays live (it stops
 * after a page).
 *
 * Kept inside the publishing transaction: `invoice.issued` adds the invoice,
 * `payment.received` takes the payment off (and the invoice, when it is paid in full),
 * `invoice.cancelled` takes it out (only an invoice with nothing paid can be cancelled),
 * `clients.reassigned` moves the moved clients' unpaid invoices to the new manager. The
 * nightly «overdue» status changes nothing here. Rebuild: `rebuildUnpaidInvoices`.
 */
@Injectable()
export class UnpaidInvoicesSummaryService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('invoice.issued', (em, e) => this.add(em, e.payload.invoiceId, 1, e.payload.amount), 'analytics.unpaid-invoices');
    this.events.subscribe('payment.received', (em, e) => this.add(em, e.payload.invoiceId, e.payload.fullyPaid ? -1 : 0, `-${e.payload.amount}`), 'analytics.unpaid-invoices');
    this.events.subscribe('invoice.cancelled', (em, e) => this.add(em, e.payload.invoiceId, -1, `-${e.payload.amount}`), 'analytics.unpaid-invoices');
    this.events.subscribe('clients.reassigned', (em, e) => this.onReassigned(em, e), 'analytics.unpaid-invoices');
  }

  /** Every non-empty row (the recomputation test). */
  async rows(em: EntityManager | DataSource = this.dataSource): Promise<UnpaidInvoiceRows> {
    return readRows(em, 'analytics_unpaid_invoices');
  }

  /** The same rows computed from the invoices themselves. */
  async recompute(em: EntityManager | DataSource = this.dataSource): Promise<UnpaidInvoiceRows> {
    return readRows(em, `(${unpaidAggregate()}) u`);
  }

  private async add(em: EntityManager, invoiceId: string, invoices: number, amount: string): Promise<void> {
    await em.query(
      `${UPSERT_HEAD}
       SELECT i.due_date, c.manager_id, $2::int, $3::numeric FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.id = $1
       ${UPSERT_TAIL}`,
      [invoiceId, invoices, amount],
    );
  }

  private async onReassigned(em: EntityManager, event: DomainEvent<'clients.reassigned'>): Promise<void> {
    const { moves, toManagerId } = event.payload;
    if (!moves.length) return;
    await em.query(
      `WITH moved AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS m(client_id, from_manager)),
            per AS (SELECT i.due_date, m.from_manager, count(*)::int AS n, sum(i.amount - i.paid_amount) AS owed
                      FROM invoices i JOIN moved m ON m.client_id = i.client_id
                     WHERE ${UNPAID('i')}
                     GROUP BY i.due_date, m.from_manager)
       ${UPSERT_HEAD}
       SELECT due_date, cm, sum(n)::int, sum(owed)
         FROM (SELECT due_date, from_manager AS cm, -n AS n, -owed AS owed FROM per
               UNION ALL SELECT due_date, $3::uuid, n, owed FROM per) x
        GROUP BY due_date, cm
        ORDER BY due_date, cm
       ${UPSERT_TAIL}`,
      [moves.map((m) => m.clientId), moves.map((m) => m.fromManagerId), toManagerId],
    );
  }
}

/** An invoice still owed on: the dashboard's condition (the partial index invoices_unpaid_due_idx has it too). */
const UNPAID = (a: string) => `${a}.status IN ('issued', 'partly_paid', 'overdue') AND ${a}.paid_amount < ${a}.amount`;

function unpaidAggregate(): string {
  return `
  SELECT i.due_date, c.manager_id AS client_manager_id, count(*)::int AS invoices, sum(i.amount - i.paid_amount) AS outstanding
    FROM invoices i JOIN clients c ON c.id = i.client_id
   WHERE ${UNPAID('i')}
   GROUP BY i.due_date, c.manager_id`;
}

/** Key order: concurrent upserts lock the same rows in the same order. */
const UPSERT_HEAD = `INSERT INTO analytics_unpaid_invoices AS t (due_date, client_manager_id, invoices, outstanding)`;
const UPSERT_TAIL = `ON CONFLICT (due_date, client_manager_id) DO UPDATE SET invoices = t.invoices + excluded.invoices, outstanding = t.outstanding + excluded.outstanding`;

export async function rebuildUnpaidInvoices(em: EntityManager | DataSource): Promise<void> {
  await em.query(`DELETE FROM analytics_unpaid_invoices`);
  await em.query(`INSERT INTO analytics_unpaid_invoices (due_date, client_manager_id, invoices, outstanding) ${unpaidAggregate()}`);
}

export type UnpaidInvoiceRows = Array<{ dueDate: string; clientManagerId: string; invoices: number; outstanding: string }>;

async function readRows(em: EntityManager | DataSource, from: string): Promise<UnpaidInvoiceRows> {
  const rows: Array<Record<string, string | number>> = await em.query(
    `SELECT due_date::text AS due_date, client_manager_id, invoices, outstanding::numeric(16,2)::text AS outstanding FROM ${from}
      WHERE invoices <> 0 OR outstanding <> 0 ORDER BY due_date, client_manager_id`,
  );
  return rows.map((r) => ({ dueDate: String(r.due_date), clientManagerId: String(r.client_manager_id), invoices: Number(r.invoices), outstanding: String(r.outstanding) }));
}
