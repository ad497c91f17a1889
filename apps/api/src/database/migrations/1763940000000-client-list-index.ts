import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The default client list order (name, id) over active clients, as an index range (bench/README.md). */
export class ClientListIndex1763940000000 implements MigrationInterface {
  name = 'ClientListIndex1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "clients_active_name_idx" ON "clients" ("name", "id") WHERE archived_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "clients_active_name_idx"`);
  }
}
