import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * «Мои дела», the done list: the user's own completions of the day (issue 16).
 *
 * The list (`assignee_id = me AND status = 'done' AND completed_at` in the day, ordered by
 * completion time and id, at most 200, counted when full) had only `tasks_done_at_idx
 * (completed_at) WHERE status = 'done'`: it read every completion of the day in the whole
 * company from the table and dropped the other assignees' afterwards (at 10M tasks and
 * ~13,700 completions a day: 13,714 heap pages read for one manager's 1,953; the page
 * took 175–227 ms and the count 160 ms, now 0.19 and 0.55 ms).
 * `(assignee_id, completed_at, id) WHERE status = 'done'` makes the page an index-only
 * range in the list's order and the count an index-only range too; partial, so planned
 * tasks cost nothing. Figures in the landing report (EXPLAIN ANALYZE on the 10M-task set).
 *
 * Build time at 10M tasks (8.2M of them done): 33 s on the loaded 2-core bench machine
 * for a copy of the tasks' id, assignee, status and completion time (716 MB heap; the
 * index is 463 MB); the real table's heap is 2.1 GB, so expect about a minute. Plain
 * CREATE INDEX blocks writes to tasks meanwhile (reads go on). On a busy production table
 * create it beforehand by hand with CREATE INDEX CONCURRENTLY under the same name; this
 * migration then finds it (IF NOT EXISTS).
 */
export class TasksAssigneeDoneIndex1764890000000 implements MigrationInterface {
  name = 'TasksAssigneeDoneIndex1764890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS "tasks_assignee_done_idx" ON "tasks" ("assignee_id", "completed_at", "id") WHERE status = 'done'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "tasks_assignee_done_idx"`);
  }
}
