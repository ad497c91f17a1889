import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A one-word search reads a btree of the clients' words and stops at the cap (issue 16:
 * at 1M clients «северного» still cost 8.6 ms and «тёплая» in a manager's scope 5.4 ms of
 * database time per request after migration 1764920000000).
 *
 * Why a second index beside the GIN one: GIN cannot stop early. Even an exact lexeme makes
 * it collect every matching row into a bitmap (25,003 for `северн`) and sort their pages
 * before the heap scan can return the first 201. A btree on (word, manager, client) returns
 * the entries in order, so `LIMIT 201` reads 201 of them: a manager's exact word is a seek
 * on (word, manager), the director's is a range of one word, a prefix is a range of words.
 *
 * `client_search_words` holds one row per distinct lexeme of a client's `search_vector`
 * (so the same words the GIN index holds: names in both dictionaries, city and address,
 * tags) with the client's manager and whether it is archived. `client_search_words_sync`
 * keeps it in the same transaction as every insert, delete, re-indexed name, change of
 * manager and archiving of a client, and a TRUNCATE of clients empties it. The ids are read
 * from the index alone; the clients are read once, for the ranks of those found.
 *
 * `client_search_hits` (what the API calls) now dispatches: a single word with a cap takes
 * `client_search_word_hits`; several words, or no cap, take the GIN search unchanged,
 * renamed `client_search_gin_hits` (a second word makes GIN intersect two posting lists,
 * which the word table cannot do better). The word search keeps the GIN search's answer:
 * the exact forms first, then the prefixes only when those find fewer than `max_rows`; the
 * contacts' names (GIN, as before) only while the names found fewer; ranked by `ts_rank`
 * with the same tsquery. Below the cap the set and the ranks are the GIN search's
 * (clients-search-words.e2e-spec.ts compares the two); above it, which 201 are read
 * differs (index order either way).
 *
 * `client_search_ids` (the filtered list's search, up to 10,001 matches) stays on GIN: for
 * that many rows a bitmap reads the heap in page order, where the word table would fetch
 * each client at random, and its matches stay the table-order ones the filters were
 * tested with.
 */
export class ClientSearchWords1764960000000 implements MigrationInterface {
  name = 'ClientSearchWords1764960000000';

  async up(q: QueryRunner): Promise<void> {
    // Filled before the key exists: one sorted index build instead of 10M+ inserts into it.
    await q.query(`CREATE TABLE client_search_words (word text COLLATE "C" NOT NULL, manager_id uuid NOT NULL, client_id uuid NOT NULL, archived boolean NOT NULL)`);
    await q.query(`
      INSERT INTO client_search_words (word, manager_id, client_id, archived)
      SELECT w, c.manager_id, c.id, c.archived_at IS NOT NULL FROM clients c, unnest(tsvector_to_array(c.search_vector)) w`);
    // `archived` rides in the key's leaf entries: the active-only search never visits the clients.
    await q.query(`ALTER TABLE client_search_words ADD CONSTRAINT client_search_words_pkey PRIMARY KEY (word, manager_id, client_id) INCLUDE (archived)`);
    await q.query(`ANALYZE client_search_words`);

    await q.query(SYNC);
    await q.query(`CREATE TRIGGER client_search_words_insert_delete AFTER INSERT OR DELETE ON clients FOR EACH ROW EXECUTE FUNCTION client_search_words_sync()`);
    await q.query(`
      CREATE TRIGGER client_search_words_update AFTER UPDATE ON clients FOR EACH ROW
      WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector OR OLD.manager_id IS DISTINCT FROM NEW.manager_id
            OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL))
      EXECUTE FUNCTION client_search_words_sync()`);
    await q.query(`
      CREATE FUNCTION client_search_words_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE client_search_words;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER client_search_words_truncate AFTER TRUNCATE ON clients FOR EACH STATEMENT EXECUTE FUNCTION client_search_words_truncate()`);

    await q.query(`ALTER FUNCTION client_search_hits(text, uuid[], boolean, integer) RENAME TO client_search_gin_hits`);
    await q.query(WORD_IDS);
    await q.query(CONTACT_IDS);
    await q.query(WORD_HITS);
    await q.query(HITS);
    await q.query(idsOf('client_search_gin_hits'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(idsOf('client_search_hits'));
    await q.query(`DROP FUNCTION client_search_hits(text, uuid[], boolean, integer)`);
    await q.query(`DROP FUNCTION client_search_word_hits(text, uuid[], boolean, integer)`);
    await q.query(`DROP FUNCTION client_search_contact_ids(tsquery, uuid[], boolean, integer, uuid[])`);
    await q.query(`DROP FUNCTION client_search_word_ids(text[], boolean, uuid[], boolean, integer, uuid[])`);
    await q.query(`ALTER FUNCTION client_search_gin_hits(text, uuid[], boolean, integer) RENAME TO client_search_hits`);
    await q.query(`DROP TRIGGER client_search_words_truncate ON clients`);
    await q.query(`DROP TRIGGER client_search_words_update ON clients`);
    await q.query(`DROP TRIGGER client_search_words_insert_delete ON clients`);
    await q.query(`DROP FUNCTION client_search_words_truncate()`);
    await q.query(`DROP FUNCTION client_search_words_sync()`);
    await q.query(`DROP TABLE client_search_words`);
  }
}

/** The old words out, the new ones in: the deletes are seeks on the key (word, manager, client). */
const SYNC = `
  CREATE FUNCTION client_search_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP <> 'INSERT' THEN
      DELETE FROM client_search_words
       WHERE word = ANY(tsvector_to_array(coalesce(OLD.search_vector, ''::tsvector)))
         AND manager_id = OLD.manager_id AND client_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO client_search_words (word, manager_id, client_id, archived)
      SELECT w, NEW.manager_id, NEW.id, NEW.archived_at IS NOT NULL FROM unnest(tsvector_to_array(coalesce(NEW.search_vector, ''::tsvector))) w;
    END IF;
    RETURN NULL;
  END $$`;

/**
 * `ids` plus the clients whose words are `words` (or, with `prefix`, start with one of
 * them), in scope and active if asked, until `max_rows` are found; in the order read.
 *
 * A prefix range holds a client once per matching word (`северн`, `северный`), so the
 * rows read are made distinct afterwards; when that leaves fewer than `max_rows` while
 * the read stopped at its limit, the range is read again with four times the limit.
 * Each statement is written for one case (exact or prefix, scoped or not) so that its
 * plan is a range of the key whatever the arguments.
 */
const WORD_IDS = `
  CREATE FUNCTION client_search_word_ids(words text[], prefix boolean, manager_ids uuid[], active_only boolean, max_rows integer, ids uuid[])
  RETURNS uuid[] LANGUAGE plpgsql STABLE
  -- A bitmap would collect every entry of the range before the LIMIT: the very cost this avoids.
  SET enable_seqscan = off SET enable_bitmapscan = off
  AS $$
  DECLARE
    w text;
    upper_bound text;
    read_limit integer;
    rows_read uuid[];
    merged uuid[];
  BEGIN
    FOREACH w IN ARRAY words LOOP
      EXIT WHEN cardinality(ids) >= max_rows;
      -- Every word that starts with w sorts (byte order) between w and w followed by the last code point.
      upper_bound := w || chr(1114111);
      read_limit := max_rows;
      LOOP
        IF NOT prefix AND manager_ids IS NULL THEN
          rows_read := ARRAY(SELECT sw.client_id FROM client_search_words sw
            WHERE sw.word = w AND (NOT active_only OR NOT sw.archived) LIMIT read_limit);
        ELSIF NOT prefix THEN
          rows_read := ARRAY(SELECT sw.client_id FROM client_search_words sw
            WHERE sw.word = w AND sw.manager_id = ANY(manager_ids) AND (NOT active_only OR NOT sw.archived) LIMIT read_limit);
        ELSIF manager_ids IS NULL THEN
          rows_read := ARRAY(SELECT sw.client_id FROM client_search_words sw
            WHERE sw.word >= w AND sw.word < upper_bound AND (NOT active_only OR NOT sw.archived) LIMIT read_limit);
        ELSE
          rows_read := ARRAY(SELECT sw.client_id FROM client_search_words sw
            WHERE sw.word >= w AND sw.word < upper_bound AND sw.manager_id = ANY(manager_ids)
              AND (NOT active_only OR NOT sw.archived) LIMIT read_limit);
        END IF;
        merged := ARRAY(SELECT f.id FROM unnest(ids || rows_read) WITH ORDINALITY f(id, n) GROUP BY f.id ORDER BY min(f.n));
        EXIT WHEN cardinality(rows_read) < read_limit OR cardinality(merged) >= max_rows;
        read_limit := read_limit * 4;
      END LOOP;
      ids := merged[1:max_rows];
    END LOOP;
    RETURN ids;
  END $$`;

/** `ids` plus the clients (in scope, active if asked) whose contacts match `q`, up to `max_rows`: the GIN search's contacts branch. */
const CONTACT_IDS = `
  CREATE FUNCTION client_search_contact_ids(q tsquery, manager_ids uuid[], active_only boolean, max_rows integer, ids uuid[])
  RETURNS uuid[] LANGUAGE plpgsql STABLE
  SET enable_seqscan = off SET enable_indexscan = off
  AS $$
  DECLARE
    matched uuid[];
  BEGIN
    IF cardinality(ids) >= max_rows THEN
      RETURN ids;
    END IF;
    IF manager_ids IS NULL THEN
      matched := ARRAY(SELECT sc.id FROM clients sc
        WHERE sc.id = ANY(ARRAY(SELECT cc.client_id FROM client_contacts cc WHERE cc.search_vector @@ q LIMIT max_rows))
          AND (NOT active_only OR sc.archived_at IS NULL)
        LIMIT max_rows);
    ELSE
      matched := ARRAY(SELECT sc.id FROM clients sc
        WHERE sc.id = ANY(ARRAY(SELECT cc.client_id FROM client_contacts cc
                                 WHERE cc.client_manager_id = ANY(manager_ids) AND cc.search_vector @@ q LIMIT max_rows))
          AND sc.manager_id = ANY(manager_ids)
          AND (NOT active_only OR sc.archived_at IS NULL)
        LIMIT max_rows);
    END IF;
    RETURN (ARRAY(SELECT f.id FROM unnest(ids || matched) WITH ORDINALITY f(id, n) GROUP BY f.id ORDER BY min(f.n)))[1:max_rows];
  END $$`;

/**
 * One word `w` (lower case, «ё» as «е», letters and digits): the exact forms, then — when
 * they are fewer than `max_rows` — the prefixes, each with the contacts after the names.
 * The shortest forms are enough as prefixes (`северн` covers `северного`).
 */
const WORD_HITS = `
  CREATE FUNCTION client_search_word_hits(w text, manager_ids uuid[], active_only boolean, max_rows integer)
  RETURNS TABLE (id uuid, rank real, name text) LANGUAGE plpgsql STABLE
  SET enable_seqscan = off
  AS $$
  DECLARE
    forms text[] := tsvector_to_array(to_tsvector('russian', w) || to_tsvector('simple', w));
    q tsquery := to_tsquery('russian', w) || to_tsquery('simple', w);
    ids uuid[] := '{}';
  BEGIN
    ids := client_search_word_ids(forms, false, manager_ids, active_only, max_rows, ids);
    ids := client_search_contact_ids(q, manager_ids, active_only, max_rows, ids);
    IF cardinality(ids) < max_rows THEN
      q := to_tsquery('russian', w || ':*') || to_tsquery('simple', w || ':*');
      ids := client_search_word_ids(
        ARRAY(SELECT f FROM unnest(forms) f WHERE NOT EXISTS (SELECT 1 FROM unnest(forms) s WHERE s <> f AND starts_with(f, s))),
        true, manager_ids, active_only, max_rows, ids);
      ids := client_search_contact_ids(q, manager_ids, active_only, max_rows, ids);
    END IF;
    RETURN QUERY SELECT c.id, ts_rank(c.search_vector, q), c.name::text FROM clients c WHERE c.id = ANY(ids);
  END $$`;

/** One word with a cap: the word table; anything else: the GIN search. */
const HITS = `
  CREATE FUNCTION client_search_hits(tsq text, manager_ids uuid[], active_only boolean, max_rows integer)
  RETURNS TABLE (id uuid, rank real, name text) LANGUAGE plpgsql STABLE
  AS $$
  BEGIN
    IF max_rows IS NOT NULL AND tsq LIKE '%:*' AND position(' ' IN tsq) = 0
       AND numnode(to_tsquery('simple', tsq)) = 1 AND numnode(to_tsquery('russian', tsq)) <= 1 THEN
      RETURN QUERY SELECT * FROM client_search_word_hits(left(tsq, -2), manager_ids, active_only, max_rows);
    ELSE
      RETURN QUERY SELECT * FROM client_search_gin_hits(tsq, manager_ids, active_only, max_rows);
    END IF;
  END $$`;

/** The filtered list's search: the ids of `hits` (a search function of the same arguments). */
function idsOf(hits: string): string {
  return `
    CREATE OR REPLACE FUNCTION client_search_ids(tsq text, manager_ids uuid[], active_only boolean, max_rows integer)
    RETURNS TABLE (id uuid) LANGUAGE sql STABLE
    AS $$ SELECT h.id FROM ${hits}(tsq, manager_ids, active_only, max_rows) h $$`;
}
