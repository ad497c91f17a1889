import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deals list in a manager's scope (issue 16: 503 ms of database time at 1M clients)
 * walked `deals_updated_idx` and filtered every deal through the join by its client's
 * manager. The client's manager is now copied onto the deal (`client_manager_id`), so the
 * scope is an index condition of `(client_manager_id, updated_at DESC, id)`: a page and
 * its capped count are index ranges of the manager's own deals.
 *
 * The copy is kept by triggers rather than by the services, so no write path can leave
 * it stale in any transaction: an inserted deal (services, inbound leads, imports, bulk
 * SQL) or a deal moved to another client takes its client's manager, and a client that
 * changes managers (reassignment, merge, any UPDATE) carries its deals along in the same
 * statement. The scope rule itself is unchanged: `deals.client_manager_id` always equals
 * `clients.manager_id` of the deal's client.
 */
export class DealClientManager1764780000000 implements MigrationInterface {
  name = 'DealClientManager1764780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "deals" ADD COLUMN "client_manager_id" uuid`);
    await q.query(`UPDATE "deals" d SET "client_manager_id" = c."manager_id" FROM "clients" c WHERE c."id" = d."client_id"`);
    await q.query(`ALTER TABLE "deals" ALTER COLUMN "client_manager_id" SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION deals_client_manager_fill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT c.manager_id INTO NEW.client_manager_id FROM clients c WHERE c.id = NEW.client_id;
        RETURN NEW;
      END $$`);
    // Also on a direct write of the column: it can only ever hold the client's manager.
    await q.query(`
      CREATE TRIGGER deals_client_manager_trg BEFORE INSERT OR UPDATE OF client_id, client_manager_id ON deals
      FOR EACH ROW EXECUTE FUNCTION deals_client_manager_fill()`);
    await q.query(`
      CREATE FUNCTION clients_manager_to_deals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE deals SET client_manager_id = NEW.manager_id WHERE client_id = NEW.id AND client_manager_id IS DISTINCT FROM NEW.manager_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER clients_manager_to_deals_trg AFTER UPDATE OF manager_id ON clients
      FOR EACH ROW WHEN (OLD.manager_id IS DISTINCT FROM NEW.manager_id) EXECUTE FUNCTION clients_manager_to_deals()`);
    await q.query(`CREATE INDEX "deals_client_manager_updated_idx" ON "deals" ("client_manager_id", "updated_at" DESC, "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "deals_client_manager_updated_idx"`);
    await q.query(`DROP TRIGGER clients_manager_to_deals_trg ON clients`);
    await q.query(`DROP FUNCTION clients_manager_to_deals()`);
    await q.query(`DROP TRIGGER deals_client_manager_trg ON deals`);
    await q.query(`DROP FUNCTION deals_client_manager_fill()`);
    await q.query(`ALTER TABLE "deals" DROP COLUMN "client_manager_id"`);
  }
}
