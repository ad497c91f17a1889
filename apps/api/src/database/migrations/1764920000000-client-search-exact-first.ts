import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ClientSearchQueryOnce1764810000000 } from './1764810000000-client-search-query-once';

/**
 * A word search reads the exact word forms first and the prefixes only when those are too
 * few (issue 16: «северного» 19 ms, «тёплая» in a manager's scope 15 ms of database time
 * per request at 1M clients).
 *
 * Where the time went (EXPLAIN ANALYZE at 1M clients): the GIN bitmap of the prefix tsquery.
 * `северн:*` is a partial match: GIN collects every TID of every lexeme with that prefix
 * (25,003) into a bitmap before the heap scan can stop at `max_rows`, and the scoped form
 * intersects that bitmap with the manager's 100k entries (34 ms of the 35 ms). The same
 * word as exact lexemes is an ordinary posting-list read, about 2.5× cheaper for the
 * director and 2.5× for a manager (GIN intersects two posting lists, skipping). Minimum /
 * median of 80 calls of `SELECT count(*) FROM client_search_hits(…, true, 201)` on
 * polar_bench (1M clients, 500k contacts), before → after: director «северного» 14.7/16.7
 * → 6.3/8.5 ms, «тёплая» 14.4/16.2 → 6.5/9.1; manager3 «тёплая» 10.4/15.0 → 4.0/4.2. What
 * is left for the director is the bitmap of 25,003 exact TIDs (4.9 ms) and sorting its
 * pages before the heap scan (3.4 ms). A prefix with no exact form («север») or a word
 * absent from the scope pays both passes: 22.0/26.8 → 22.1/24.5 and 10.0/12.1 →
 * 12.5/13.6 ms.
 * Tried and left: a lossy bitmap (work_mem 64kB) saves 2–3 ms at 201 rows but costs
 * 16 → 114 ms when the filtered list reads 10,001.
 *
 * `client_search_matches(q, …)` is the search of migration 1764810000000 for a ready
 * tsquery, except that the contacts branch runs only when the names found fewer than
 * `max_rows` (it cannot add to a full answer). `client_search_hits` calls it with the
 * exact lexemes (`северного:*` → `'северн' | 'северного'`) and, only when they find
 * fewer than `max_rows`, again with the prefixes, whose answer it returns instead (every
 * exact match is also a prefix match, so below the cap the answer is exactly the old one;
 * above it, the matches read are the exact ones). A word being typed (`север`) finds no
 * exact form and reads the prefixes as before. `max_rows` NULL (no cap) reads the
 * prefixes only.
 */
export class ClientSearchExactFirst1764920000000 implements MigrationInterface {
  name = 'ClientSearchExactFirst1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(MATCHES);
    await q.query(HITS);
  }

  async down(q: QueryRunner): Promise<void> {
    await new ClientSearchQueryOnce1764810000000().up(q);
    await q.query(`DROP FUNCTION client_search_matches(tsquery, uuid[], boolean, integer)`);
  }
}

/** The search of migration 1764810000000 for a ready tsquery; the contacts only while the names are fewer than max_rows. */
const MATCHES = `
  CREATE OR REPLACE FUNCTION client_search_matches(q tsquery, manager_ids uuid[], active_only boolean, max_rows integer)
  RETURNS TABLE (id uuid, rank real, name text) LANGUAGE sql STABLE
  SET enable_seqscan = off SET enable_indexscan = off
  AS $$
    WITH names AS MATERIALIZED (
      (SELECT sc.id, ts_rank(sc.search_vector, q) AS rank, sc.name::text AS name FROM clients sc
        WHERE manager_ids IS NOT NULL AND sc.manager_id = ANY(manager_ids)
          AND sc.search_vector @@ q
          AND (NOT active_only OR sc.archived_at IS NULL)
        LIMIT max_rows)
      UNION ALL
      (SELECT sc.id, ts_rank(sc.search_vector, q), sc.name::text FROM clients sc
        WHERE manager_ids IS NULL
          AND sc.search_vector @@ q
          AND (NOT active_only OR sc.archived_at IS NULL)
        LIMIT max_rows)
    ), found AS (
      SELECT * FROM names
      UNION ALL
      (SELECT sc.id, ts_rank(sc.search_vector, q), sc.name::text FROM clients sc
        WHERE (max_rows IS NULL OR (SELECT count(*) FROM names) < max_rows)
          AND sc.id = ANY(ARRAY(
                (SELECT cc.client_id FROM client_contacts cc
                  WHERE manager_ids IS NOT NULL AND cc.client_manager_id = ANY(manager_ids)
                    AND cc.search_vector @@ q
                  LIMIT max_rows)
                UNION ALL
                (SELECT cc.client_id FROM client_contacts cc
                  WHERE manager_ids IS NULL
                    AND cc.search_vector @@ q
                  LIMIT max_rows)))
          AND (manager_ids IS NULL OR sc.manager_id = ANY(manager_ids))
          AND (NOT active_only OR sc.archived_at IS NULL)
        LIMIT max_rows)
    )
    SELECT DISTINCT ON (found.id) found.id, found.rank, found.name FROM found
    LIMIT max_rows
  $$`;

/** The exact lexemes first; the prefixes (the tsquery as given) when those find fewer than max_rows, or without a cap. */
const HITS = `
  CREATE OR REPLACE FUNCTION client_search_hits(tsq text, manager_ids uuid[], active_only boolean, max_rows integer)
  RETURNS TABLE (id uuid, rank real, name text) LANGUAGE sql STABLE
  AS $$
    WITH exact AS MATERIALIZED (
      SELECT * FROM client_search_matches(to_tsquery('russian', replace(tsq, ':*', '')) || to_tsquery('simple', replace(tsq, ':*', '')), manager_ids, active_only, max_rows))
    SELECT * FROM exact WHERE max_rows IS NOT NULL AND (SELECT count(*) FROM exact) >= max_rows
    UNION ALL
    SELECT * FROM client_search_matches(to_tsquery('russian', tsq) || to_tsquery('simple', tsq), manager_ids, active_only, max_rows) p
     WHERE max_rows IS NULL OR (SELECT count(*) FROM exact) < max_rows
  $$`;
