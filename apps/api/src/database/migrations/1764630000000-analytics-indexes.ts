import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the analytics reports read by (dashboard: contacts done on a day; manager
 * report: deals closed in a month). Plain SQL over these is fast enough for the
 * dashboard; per-stage totals at scale come from the board's summary rows later.
 */
export class AnalyticsIndexes1764630000000 implements MigrationInterface {
  name = 'AnalyticsIndexes1764630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "tasks_done_at_idx" ON "tasks" ("completed_at") WHERE status = 'done'`);
    await q.query(`CREATE INDEX "deals_closed_at_idx" ON "deals" ("closed_at") WHERE status <> 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "deals_closed_at_idx"`);
    await q.query(`DROP INDEX "tasks_done_at_idx"`);
  }
}
