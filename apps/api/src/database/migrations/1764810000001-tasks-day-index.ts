import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * «Мои дела» from one index (issue 16: 122 ms of database time at ~1,370 planned tasks
 * per manager and day, 10M tasks).
 *
 * The day's lists joined every task of the day to its client and two users, counted them
 * with a window function and only then sorted and cut at 200. Now each list picks its
 * page's ids first and joins only those, and counts separately (only when the page is
 * full). Both read `tasks_assignee_day_idx (assignee_id, status, due_at, id) INCLUDE
 * (priority)` as an index-only scan: a day's range of one assignee's planned tasks (the
 * priority is in the index, so the top-200 sort by priority, due time and id needs no
 * table row), the overdue list as the index's own order (due_at, id), and the counts.
 *
 * Why not an index in the priority order (`assignee, status, priority, due_at, id`):
 * without skip scans (PostgreSQL < 18) the day's range cannot be an index range behind
 * the priority, so the page would walk every high-priority task of all days first and
 * the day's count could not be a range at all. The new index has the old one's leading
 * columns, so it replaces `tasks_assignee_due_idx` for every other query.
 */
export class TasksDayIndex1764810000001 implements MigrationInterface {
  name = 'TasksDayIndex1764810000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "tasks_assignee_day_idx" ON "tasks" ("assignee_id", "status", "due_at", "id") INCLUDE ("priority")`);
    await q.query(`DROP INDEX "tasks_assignee_due_idx"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "tasks_assignee_due_idx" ON "tasks" ("assignee_id", "status", "due_at")`);
    await q.query(`DROP INDEX "tasks_assignee_day_idx"`);
  }
}
