import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A manager's client search with the scope as an index condition (issue 16: 1.35 s of
 * database time at 1M clients for a word that the manager's clients did not contain).
 *
 * The old function filtered the scope on the rows found (`manager_id = ANY(…) OR
 * manager_ids IS NULL` cannot be an index condition), so a manager's search fetched every
 * match of every manager from the table. Now:
 * - the client-name GIN index is `(manager_id, search_vector)` through btree_gin: one
 *   index answers both a scoped search (both columns) and an unscoped one (the vector
 *   alone; a multicolumn GIN index serves any subset of its columns equally well), so it
 *   replaces `clients_search_idx`;
 * - the scoped and the unscoped search are separate branches whose choice is a one-time
 *   filter on the argument, so the scoped one has `manager_id = ANY(manager_ids)` as an
 *   index condition even in the function's generic plan;
 * - `client_search_hits` returns each match with its rank and name, computed on the row
 *   the search read anyway: the page of a plain search is ordered from these (at most
 *   max_rows) rows without reading the clients a second time;
 * - contact names the same way: contacts carry their client's manager
 *   (`client_contacts.client_manager_id`, kept by triggers exactly like
 *   `deals.client_manager_id`), their GIN index is `(client_manager_id, search_vector)`,
 *   and the contacts found (at most max_rows) fetch their clients by id; the client's own
 *   manager is checked again there. Joining the other way round would read every client
 *   of the manager.
 * The settings of the function (no sequential or plain index scans) are kept: see
 * migration 1764650000002 for why PostgreSQL needs them with a prefix tsquery.
 */
export class ClientSearchScope1764780000001 implements MigrationInterface {
  name = 'ClientSearchScope1764780000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(`CREATE INDEX "clients_manager_search_idx" ON "clients" USING gin ("manager_id", "search_vector")`);
    await q.query(`DROP INDEX "clients_search_idx"`);
    // Contacts get their client's manager the way deals do (migration 1764780000000).
    await q.query(`ALTER TABLE "client_contacts" ADD COLUMN "client_manager_id" uuid`);
    await q.query(`UPDATE "client_contacts" cc SET "client_manager_id" = c."manager_id" FROM "clients" c WHERE c."id" = cc."client_id"`);
    await q.query(`ALTER TABLE "client_contacts" ALTER COLUMN "client_manager_id" SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION client_contacts_manager_fill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT c.manager_id INTO NEW.client_manager_id FROM clients c WHERE c.id = NEW.client_id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER client_contacts_manager_trg BEFORE INSERT OR UPDATE OF client_id, client_manager_id ON client_contacts
      FOR EACH ROW EXECUTE FUNCTION client_contacts_manager_fill()`);
    await q.query(`
      CREATE FUNCTION clients_manager_to_contacts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE client_contacts SET client_manager_id = NEW.manager_id WHERE client_id = NEW.id AND client_manager_id IS DISTINCT FROM NEW.manager_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER clients_manager_to_contacts_trg AFTER UPDATE OF manager_id ON clients
      FOR EACH ROW WHEN (OLD.manager_id IS DISTINCT FROM NEW.manager_id) EXECUTE FUNCTION clients_manager_to_contacts()`);
    await q.query(`CREATE INDEX "client_contacts_manager_search_idx" ON "client_contacts" USING gin ("client_manager_id", "search_vector")`);
    await q.query(`DROP INDEX "client_contacts_search_idx"`);
    await q.query(`
      CREATE FUNCTION client_search_hits(tsq text, manager_ids uuid[], active_only boolean, max_rows integer)
      RETURNS TABLE (id uuid, rank real, name text) LANGUAGE sql STABLE
      SET enable_seqscan = off SET enable_indexscan = off
      AS $$
        WITH found AS (
          (SELECT sc.id, ts_rank(sc.search_vector, to_tsquery('russian', tsq) || to_tsquery('simple', tsq)) AS rank, sc.name::text AS name FROM clients sc
            WHERE manager_ids IS NOT NULL AND sc.manager_id = ANY(manager_ids)
              AND sc.search_vector @@ (to_tsquery('russian', tsq) || to_tsquery('simple', tsq))
              AND (NOT active_only OR sc.archived_at IS NULL)
            LIMIT max_rows)
          UNION ALL
          (SELECT sc.id, ts_rank(sc.search_vector, to_tsquery('russian', tsq) || to_tsquery('simple', tsq)), sc.name::text FROM clients sc
            WHERE manager_ids IS NULL
              AND sc.search_vector @@ (to_tsquery('russian', tsq) || to_tsquery('simple', tsq))
              AND (NOT active_only OR sc.archived_at IS NULL)
            LIMIT max_rows)
          UNION ALL
          (SELECT sc.id, ts_rank(sc.search_vector, to_tsquery('russian', tsq) || to_tsquery('simple', tsq)), sc.name::text FROM clients sc
            WHERE sc.id = ANY(ARRAY(
                    (SELECT cc.client_id FROM client_contacts cc
                      WHERE manager_ids IS NOT NULL AND cc.client_manager_id = ANY(manager_ids)
                        AND cc.search_vector @@ (to_tsquery('russian', tsq) || to_tsquery('simple', tsq))
                      LIMIT max_rows)
                    UNION ALL
                    (SELECT cc.client_id FROM client_contacts cc
                      WHERE manager_ids IS NULL
                        AND cc.search_vector @@ (to_tsquery('russian', tsq) || to_tsquery('simple', tsq))
                      LIMIT max_rows)))
              AND (manager_ids IS NULL OR sc.manager_id = ANY(manager_ids))
              AND (NOT active_only OR sc.archived_at IS NULL)
            LIMIT max_rows)
        )
        SELECT DISTINCT ON (found.id) found.id, found.rank, found.name FROM found
        LIMIT max_rows
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION client_search_ids(tsq text, manager_ids uuid[], active_only boolean, max_rows integer)
      RETURNS TABLE (id uuid) LANGUAGE sql STABLE
      AS $$ SELECT h.id FROM client_search_hits(tsq, manager_ids, active_only, max_rows) h $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION client_search_ids(tsq text, manager_ids uuid[], active_only boolean, max_rows integer)
      RETURNS TABLE (id uuid) LANGUAGE sql STABLE
      SET enable_seqscan = off SET enable_indexscan = off
      AS $$
        SELECT m.id FROM (
          (SELECT sc.id FROM clients sc
            WHERE sc.search_vector @@ (to_tsquery('russian', tsq) || to_tsquery('simple', tsq))
              AND (manager_ids IS NULL OR sc.manager_id = ANY(manager_ids))
              AND (NOT active_only OR sc.archived_at IS NULL)
            LIMIT max_rows)
          UNION
          (SELECT cc.client_id FROM client_contacts cc JOIN clients sc ON sc.id = cc.client_id
            WHERE cc.search_vector @@ (to_tsquery('russian', tsq) || to_tsquery('simple', tsq))
              AND (manager_ids IS NULL OR sc.manager_id = ANY(manager_ids))
              AND (NOT active_only OR sc.archived_at IS NULL)
            LIMIT max_rows)
        ) m
        LIMIT max_rows
      $$`);
    await q.query(`DROP FUNCTION client_search_hits(text, uuid[], boolean, integer)`);
    await q.query(`CREATE INDEX "client_contacts_search_idx" ON "client_contacts" USING gin ("search_vector")`);
    await q.query(`DROP INDEX "client_contacts_manager_search_idx"`);
    await q.query(`DROP TRIGGER clients_manager_to_contacts_trg ON clients`);
    await q.query(`DROP FUNCTION clients_manager_to_contacts()`);
    await q.query(`DROP TRIGGER client_contacts_manager_trg ON client_contacts`);
    await q.query(`DROP FUNCTION client_contacts_manager_fill()`);
    await q.query(`ALTER TABLE "client_contacts" DROP COLUMN "client_manager_id"`);
    await q.query(`CREATE INDEX "clients_search_idx" ON "clients" USING gin ("search_vector")`);
    await q.query(`DROP INDEX "clients_manager_search_idx"`);
  }
}
