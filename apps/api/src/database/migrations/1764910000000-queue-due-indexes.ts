import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The work queue's poll asks first which queues have work at all (`QueueStore.dueQueues`)
 * before it opens a claim transaction for one. These two partial indexes answer that
 * question from the few waiting and active items only: done items (kept for days, a
 * mailing leaves tens of thousands) are in neither. Before, every idle API process ran a
 * claim transaction per registered queue every second (~8 transactions/s at rest).
 */
export class QueueDueIndexes1764910000000 implements MigrationInterface {
  name = 'QueueDueIndexes1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "queue_items_waiting_run_at_idx" ON "queue_items" ("run_at") WHERE status = 'waiting'`);
    await q.query(`CREATE INDEX "queue_items_active_lease_idx" ON "queue_items" ("lease_expires_at") WHERE status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "queue_items_active_lease_idx"`);
    await q.query(`DROP INDEX "queue_items_waiting_run_at_idx"`);
  }
}
