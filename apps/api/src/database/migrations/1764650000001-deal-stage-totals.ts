import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Summary rows of the funnel board: deals per stage × client's manager (the scope) × deal's
 * manager, kept current by the deal events (DealTotalsService). Filled from the deals here.
 */
export class DealStageTotals1764650000001 implements MigrationInterface {
  name = 'DealStageTotals1764650000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "deal_stage_totals" ("stage_id" uuid NOT NULL, "client_manager_id" uuid NOT NULL, "manager_id" uuid NOT NULL, "deal_count" integer NOT NULL DEFAULT 0, "amount" numeric(16,2) NOT NULL DEFAULT 0, "weighted_amount" numeric(16,2) NOT NULL DEFAULT 0, CONSTRAINT "deal_stage_totals_pkey" PRIMARY KEY ("stage_id", "client_manager_id", "manager_id"))`,
    );
    await q.query(
      `INSERT INTO deal_stage_totals (stage_id, client_manager_id, manager_id, deal_count, amount, weighted_amount)
       SELECT d.stage_id, c.manager_id, d.manager_id, count(*), sum(d.amount), sum(round(d.amount * d.probability / 100.0, 2))
         FROM deals d JOIN clients c ON c.id = d.client_id
        GROUP BY d.stage_id, c.manager_id, d.manager_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "deal_stage_totals"`);
  }
}
