import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A manager's capped client total (count up to 10 001 of own active clients) as an
 * index-only scan: without it the planner reads the table until it has 10 001 of that
 * manager's rows (90 ms at 1M clients; 0.6 ms with this index, bench/README.md).
 */
export class ClientsActiveManagerIndex1764650000003 implements MigrationInterface {
  name = 'ClientsActiveManagerIndex1764650000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "clients_active_manager_idx" ON "clients" ("manager_id") WHERE archived_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "clients_active_manager_idx"`);
  }
}
