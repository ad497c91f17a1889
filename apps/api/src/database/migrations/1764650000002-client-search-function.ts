import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ids a client text search finds, through the GIN indexes, inside the caller's scope.
 *
 * Why a function: PostgreSQL estimates a prefix tsquery (`word:*`) at a few per cent of
 * the table whatever the word, so from about 100 000 clients it picks a sequential scan
 * of every client (600 ms at 1M, issue 16), or a full scan of another index, over the
 * GIN index (a few ms). The settings on the function apply to its own statement only:
 * without sequential and plain index scans, the only way left to the rows is a bitmap
 * scan with an index condition, i.e. the GIN index of the search vector (the scope is a
 * filter on the rows found). Nothing else in the session changes. Each branch stops at
 * `max_rows`, so a word that matches half the base costs no more than max_rows hits.
 */
export class ClientSearchFunction1764650000002 implements MigrationInterface {
  name = 'ClientSearchFunction1764650000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION client_search_ids(tsq text, manager_ids uuid[], active_only boolean, max_rows integer)
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION client_search_ids(text, uuid[], boolean, integer)`);
  }
}
