import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes the monthly manager report needs at scale (issue 14, EXPLAIN ANALYZE of
 * queries/managers-monthly.sql.ts; figures in the landing report):
 *
 * - calls and meetings done in the month: every done task of the month was a heap fetch
 *   through `tasks_done_at_idx` (~400k a month at 10M tasks). Done calls and meetings by
 *   completion time, with the assignee and type in the key, make it an index-only range;
 *   partial, so planned tasks and other types cost nothing;
 * - proposals issued in the month: no index on the issue date, so every proposal was read.
 */
export class AnalyticsMonthlyIndexes1764840000000 implements MigrationInterface {
  name = 'AnalyticsMonthlyIndexes1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "tasks_done_contacts_idx" ON "tasks" ("completed_at", "assignee_id", "type") WHERE status = 'done' AND type IN ('call', 'meeting')`);
    await q.query(`CREATE INDEX "proposals_issue_date_idx" ON "proposals" ("issue_date")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "proposals_issue_date_idx"`);
    await q.query(`DROP INDEX "tasks_done_contacts_idx"`);
  }
}
