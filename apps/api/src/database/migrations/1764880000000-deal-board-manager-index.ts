import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A manager's funnel board takes the top cards of each stage among the deals of their
 * clients. Through deals_stage_updated_idx that read every deal of the stage until 20 were
 * the manager's (a manager holds ~10 % of a stage: ~200 heap fetches per stage, 1,400 per
 * board at 1M clients, or a BitmapAnd of the manager's and the stage's deals); with the
 * client's manager before the stage each column is a range of exactly its cards.
 */
export class DealBoardManagerIndex1764880000000 implements MigrationInterface {
  name = 'DealBoardManagerIndex1764880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "deals_client_manager_stage_updated_idx" ON "deals" ("client_manager_id", "stage_id", "updated_at" DESC, "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "deals_client_manager_stage_updated_idx"`);
  }
}
