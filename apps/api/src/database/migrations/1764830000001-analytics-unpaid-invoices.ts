import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's overdue invoices total as summary rows (analytics/summaries/unpaid-invoices.ts):
 * unpaid invoices and what is owed on them per due day × client's manager. Live, the total
 * read every unpaid invoice past due joined to its client. Filled with the same aggregate
 * as the rebuild (written out: a migration does not follow later code).
 */
export class AnalyticsUnpaidInvoices1764830000001 implements MigrationInterface {
  name = 'AnalyticsUnpaidInvoices1764830000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "analytics_unpaid_invoices" ("due_date" date NOT NULL, "client_manager_id" uuid NOT NULL, "invoices" integer NOT NULL DEFAULT 0, "outstanding" numeric(16,2) NOT NULL DEFAULT 0, CONSTRAINT "analytics_unpaid_invoices_pkey" PRIMARY KEY ("due_date", "client_manager_id"))`,
    );
    await q.query(`INSERT INTO analytics_unpaid_invoices (due_date, client_manager_id, invoices, outstanding)
       SELECT i.due_date, c.manager_id, count(*)::int, sum(i.amount - i.paid_amount)
         FROM invoices i JOIN clients c ON c.id = i.client_id
        WHERE i.status IN ('issued', 'partly_paid', 'overdue') AND i.paid_amount < i.amount
        GROUP BY i.due_date, c.manager_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "analytics_unpaid_invoices"`);
  }
}
