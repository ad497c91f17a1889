import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the engineers of a planned visit got their reminder task: the daily job marks the
 * visit in the same transaction that creates the tasks, so a retried run reminds nobody twice.
 */
export class ServiceVisitReminders1764700000000 implements MigrationInterface {
  name = 'ServiceVisitReminders1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "service_visits" ADD "reminded_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "service_visits" DROP COLUMN "reminded_at"`);
  }
}
