import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Summary rows of the analytics reports that plain SQL could not answer in time at 1M
 * clients (bench/README.md, «Analytics bench»): payments per day × client's manager, and
 * open deals per stage × expected close month × client's manager. Kept current by the
 * payment, deal and reassignment events (AnalyticsTotalsService). Filled here with the
 * same aggregates as its rebuild (written out: a migration does not follow later code).
 */
export class AnalyticsTotals1764770000000 implements MigrationInterface {
  name = 'AnalyticsTotals1764770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "analytics_revenue_days" ("day" date NOT NULL, "client_manager_id" uuid NOT NULL, "payments" integer NOT NULL DEFAULT 0, "amount" numeric(16,2) NOT NULL DEFAULT 0, CONSTRAINT "analytics_revenue_days_pkey" PRIMARY KEY ("day", "client_manager_id"))`,
    );
    await q.query(
      `CREATE TABLE "analytics_open_deals" ("stage_id" uuid NOT NULL, "expected_month" character varying(7) NOT NULL, "client_manager_id" uuid NOT NULL, "deal_count" integer NOT NULL DEFAULT 0, "amount" numeric(16,2) NOT NULL DEFAULT 0, "amount_x_probability" numeric(20,2) NOT NULL DEFAULT 0, CONSTRAINT "analytics_open_deals_pkey" PRIMARY KEY ("stage_id", "expected_month", "client_manager_id"))`,
    );
    await q.query(`INSERT INTO analytics_revenue_days (day, client_manager_id, payments, amount) 
       SELECT p.paid_on, c.manager_id, count(*)::int, sum(p.amount)
         FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id
        GROUP BY p.paid_on, c.manager_id`);
    await q.query(`INSERT INTO analytics_open_deals (stage_id, expected_month, client_manager_id, deal_count, amount, amount_x_probability) 
       SELECT d.stage_id, coalesce(to_char(d.expected_close_date, 'YYYY-MM'), ''), c.manager_id, count(*)::int, sum(d.amount), sum(d.amount * d.probability)
         FROM deals d JOIN clients c ON c.id = d.client_id
        WHERE d.status = 'open'
        GROUP BY 1, 2, 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "analytics_open_deals"`);
    await q.query(`DROP TABLE "analytics_revenue_days"`);
  }
}
