import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funnel report's summary rows (FunnelSummaryService): one row per deal (manager,
 * client's manager, status, amount, the stages it entered, loss reason, created and closed
 * instants) and one per stay of a deal in a stage (with the deal's scope, status and instants;
 * stored in the order they were left: a period's stays lie together). The report read deal_stage_history per
 * request (4–17 s at 250k clients). Filled here with the same statements as the rebuild
 * (written out: a migration does not follow later code).
 */
export class AnalyticsFunnelSummary1764820000000 implements MigrationInterface {
  name = 'AnalyticsFunnelSummary1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "analytics_funnel_deals" ("deal_id" uuid NOT NULL, "manager_id" uuid NOT NULL, "client_manager_id" uuid NOT NULL, "status" character varying(8) NOT NULL, "amount" numeric(14,2) NOT NULL, "reached_stage_ids" uuid array NOT NULL, "loss_reason_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_analytics_funnel_deals" PRIMARY KEY ("deal_id"))`,
    );
    await q.query(
      `CREATE TABLE "analytics_funnel_stays" ("deal_id" uuid NOT NULL, "history_id" bigint NOT NULL, "stage_id" uuid NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE, "manager_id" uuid NOT NULL, "client_manager_id" uuid NOT NULL, "deal_status" character varying(8) NOT NULL, "deal_created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deal_closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_analytics_funnel_stays" PRIMARY KEY ("deal_id", "history_id"))`,
    );
    await q.query(
      `INSERT INTO analytics_funnel_deals (deal_id, manager_id, client_manager_id, status, amount, reached_stage_ids, loss_reason_id, created_at, closed_at)
       SELECT d.id, d.manager_id, c.manager_id, d.status, d.amount,
              ARRAY(SELECT x.stage_id FROM (SELECT h.to_stage_id FROM deal_stage_history h WHERE h.deal_id = d.id UNION SELECT d.stage_id) x(stage_id) ORDER BY x.stage_id),
              d.loss_reason_id, d.created_at, d.closed_at
         FROM deals d JOIN clients c ON c.id = d.client_id`,
    );
    await q.query(
      `INSERT INTO analytics_funnel_stays (deal_id, history_id, stage_id, entered_at, left_at, manager_id, client_manager_id, deal_status, deal_created_at, deal_closed_at)
       SELECT * FROM (
         SELECT h.deal_id, h.id, h.to_stage_id, h.changed_at, lead(h.changed_at) OVER (PARTITION BY h.deal_id ORDER BY h.changed_at, h.id) AS left_at,
                d.manager_id, c.manager_id, d.status, d.created_at, d.closed_at
           FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id JOIN clients c ON c.id = d.client_id) s
        ORDER BY s.left_at`,
    );
    // After the fill: one sort per index instead of index maintenance per row.
    await q.query(`CREATE INDEX "analytics_funnel_deals_created_idx" ON "analytics_funnel_deals" ("created_at")`);
    await q.query(`CREATE INDEX "analytics_funnel_deals_manager_created_idx" ON "analytics_funnel_deals" ("manager_id", "created_at")`);
    await q.query(`CREATE INDEX "analytics_funnel_deals_lost_idx" ON "analytics_funnel_deals" ("closed_at") WHERE status = 'lost'`);
    await q.query(`CREATE INDEX "analytics_funnel_stays_left_idx" ON "analytics_funnel_stays" ("left_at") WHERE left_at IS NOT NULL`);
    await q.query(`CREATE INDEX "analytics_funnel_stays_manager_left_idx" ON "analytics_funnel_stays" ("manager_id", "left_at") WHERE left_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "analytics_funnel_stays"`);
    await q.query(`DROP TABLE "analytics_funnel_deals"`);
  }
}
