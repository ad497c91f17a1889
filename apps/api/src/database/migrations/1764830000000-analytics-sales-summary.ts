import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sales report's client mix as summary rows (analytics/summaries/sales-summary.ts): per
 * client × paid day with the previous and the first paid day, and their count per month ×
 * client's manager × previous paid month × first paid month; the won deals and their lines
 * per product. Live, the mix grouped every payment up to the period's end by client (6.6 s
 * at 250k clients, bench/README.md) and the won-deal figures joined deals, clients and
 * every deal line.
 * Filled here with the same aggregate as the rebuild (written out: a migration does not
 * follow later code). The covering indexes let a span be read without the table.
 */
export class AnalyticsSalesSummary1764830000000 implements MigrationInterface {
  name = 'AnalyticsSalesSummary1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "analytics_client_days" ("client_id" uuid NOT NULL, "day" date NOT NULL, "client_manager_id" uuid NOT NULL, "payments" integer NOT NULL, "amount" numeric(16,2) NOT NULL, "prev_day" date NOT NULL, "first_paid" date NOT NULL, CONSTRAINT "analytics_client_days_pkey" PRIMARY KEY ("client_id", "day"))`,
    );
    await q.query(
      `CREATE TABLE "analytics_client_mix" ("month" date NOT NULL, "client_manager_id" uuid NOT NULL, "prev_month" date NOT NULL, "first_month" date NOT NULL, "entries" integer NOT NULL DEFAULT 0, "amount" numeric(16,2) NOT NULL DEFAULT 0, CONSTRAINT "analytics_client_mix_pkey" PRIMARY KEY ("month", "client_manager_id", "prev_month", "first_month"))`,
    );
    await q.query(`INSERT INTO analytics_client_days (client_id, day, client_manager_id, payments, amount, prev_day, first_paid)
       SELECT x.client_id, x.day, c.manager_id, x.payments, x.amount,
              coalesce(lag(x.day) OVER (PARTITION BY x.client_id ORDER BY x.day), '1900-01-01'::date),
              min(x.day) OVER (PARTITION BY x.client_id)
         FROM (SELECT i.client_id, p.paid_on AS day, count(*)::int AS payments, sum(p.amount) AS amount
                 FROM payments p JOIN invoices i ON i.id = p.invoice_id GROUP BY i.client_id, p.paid_on) x
         JOIN clients c ON c.id = x.client_id
        ORDER BY x.day, x.client_id`);
    await q.query(`INSERT INTO analytics_client_mix (month, client_manager_id, prev_month, first_month, entries, amount)
       SELECT date_trunc('month', d.day)::date, d.client_manager_id,
              (CASE WHEN d.prev_day < date_trunc('month', d.day) THEN date_trunc('month', d.prev_day) ELSE date_trunc('month', d.day) END)::date,
              date_trunc('month', d.first_paid)::date, count(*)::int, sum(d.amount)
         FROM analytics_client_days d GROUP BY 1, 2, 3, 4`);
    await q.query(
      `CREATE TABLE "analytics_won_deals" ("deal_id" uuid NOT NULL, "client_id" uuid NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deal_manager_id" uuid NOT NULL, "client_manager_id" uuid NOT NULL, "amount" numeric(16,2) NOT NULL, CONSTRAINT "analytics_won_deals_pkey" PRIMARY KEY ("deal_id"))`,
    );
    await q.query(
      `CREATE TABLE "analytics_won_lines" ("deal_id" uuid NOT NULL, "product_id" uuid NOT NULL, "client_id" uuid NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deal_manager_id" uuid NOT NULL, "client_manager_id" uuid NOT NULL, "amount" numeric(16,2) NOT NULL, "quantity" numeric(16,3) NOT NULL, CONSTRAINT "analytics_won_lines_pkey" PRIMARY KEY ("deal_id", "product_id"))`,
    );
    await q.query(`INSERT INTO analytics_won_deals (deal_id, client_id, closed_at, deal_manager_id, client_manager_id, amount)
       SELECT d.id, d.client_id, d.closed_at, d.manager_id, d.client_manager_id, d.amount FROM deals d WHERE d.status = 'won' ORDER BY d.closed_at`);
    await q.query(`INSERT INTO analytics_won_lines (deal_id, product_id, client_id, closed_at, deal_manager_id, client_manager_id, amount, quantity)
       SELECT d.id, l.product_id, d.client_id, d.closed_at, d.manager_id, d.client_manager_id, sum(l.line_total), sum(l.quantity)
         FROM deals d JOIN deal_lines l ON l.deal_id = d.id
        WHERE d.status = 'won' AND l.product_id IS NOT NULL
        GROUP BY d.id, l.product_id ORDER BY d.closed_at`);
    await q.query(`CREATE INDEX "analytics_won_deals_closed_idx" ON "analytics_won_deals" ("closed_at") INCLUDE ("client_id", "deal_manager_id", "client_manager_id", "amount")`);
    await q.query(`CREATE INDEX "analytics_won_deals_client_idx" ON "analytics_won_deals" ("client_id", "closed_at")`);
    await q.query(`CREATE INDEX "analytics_won_lines_closed_idx" ON "analytics_won_lines" ("closed_at") INCLUDE ("product_id", "deal_manager_id", "client_manager_id", "amount", "quantity")`);
    await q.query(`CREATE INDEX "analytics_won_lines_client_idx" ON "analytics_won_lines" ("client_id")`);
    await q.query(`CREATE INDEX "analytics_client_days_day_idx" ON "analytics_client_days" ("day") INCLUDE ("client_manager_id", "prev_day", "first_paid", "amount")`);
    await q.query(`CREATE INDEX "analytics_client_days_prev_idx" ON "analytics_client_days" ("prev_day") INCLUDE ("day", "client_manager_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "analytics_won_lines"`);
    await q.query(`DROP TABLE "analytics_won_deals"`);
    await q.query(`DROP TABLE "analytics_client_mix"`);
    await q.query(`DROP TABLE "analytics_client_days"`);
  }
}
