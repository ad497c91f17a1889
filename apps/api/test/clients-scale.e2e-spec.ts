import { cappedCount, COUNT_CAP } from '../src/common/pagination/capped-count';
import { CLIENT_SEARCH_CAP } from '../src/config/app-config';
import { toPrefixTsQuery } from '../src/modules/clients/client-normalize';
import { scopeOf } from '../src/common/scope/record-scope';
import { planNodes } from './setup/query-plan';
import { bearer, TestApp } from './setup/test-app';

const onPostgres = Boolean(process.env.DATABASE_URL);
const BULK = 10_050;
/** Two of the bulk clients in another city, inserted past the first CLIENT_SEARCH_CAP (and 1,000) matches a search reads. */
const PSKOV = [5000, 5001];

/** Client lists at scale: keyset pages, capped totals, scoped one-pass search. */
describe('client lists that do not grow with the table', () => {
  let t: TestApp;
  let director: string;
  let manager1: string;
  let manager2: string;

  beforeAll(async () => {
    t = await TestApp.start();
    director = (await t.login('director@lider.test')).accessToken;
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    manager2 = (await t.login('manager2@lider.test')).accessToken;
  });
  afterAll(() => t.close());

  const list = (token: string, query: string) => t.http.get(`/api/clients?${query}`).set(bearer(token));

  it('walks the whole list by cursor in the same order as by page numbers, ending with a null cursor', async () => {
    for (const sort of ['name', '-createdAt']) {
      const byPages: string[] = [];
      for (let page = 1; ; page++) {
        const res = await list(director, `sort=${sort}&pageSize=100&page=${page}`);
        expect(res.status).toBe(200);
        byPages.push(...res.body.items.map((c: { id: string }) => c.id));
        if (res.body.items.length < 100) break;
      }
      const byCursor: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await list(director, `sort=${sort}&pageSize=37${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(byPages.length);
        byCursor.push(...res.body.items.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(byCursor).toEqual(byPages);
    }
  });

  it('refuses a foreign or broken cursor with 400 naming the field', async () => {
    const first = await list(director, 'sort=name&pageSize=5');
    for (const query of [`sort=-name&cursor=${first.body.nextCursor}`, 'cursor=not-a-cursor', `q=ООО&cursor=${first.body.nextCursor}`]) {
      const res = await list(director, query);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('cursor');
    }
  });

  describe(`with ${BULK.toLocaleString('en')} more clients of manager1`, () => {
    beforeAll(async () => {
      const [m1] = await t.sql.query(`SELECT id FROM users WHERE email = 'manager1@lider.test'`);
      await t.sql.query(
        `INSERT INTO clients (kind, name, name_normalized, manager_id, status, city, version)
         SELECT 'legal_entity', 'Пробная фирма ' || i, 'пробная фирма ' || i, $1, 'active', CASE WHEN i IN (${PSKOV.join(', ')}) THEN 'Псков' ELSE 'Тверь' END, 1
           FROM generate_series(1, ${BULK}) i`,
        [m1.id],
      );
      await t.sql.query(`ANALYZE clients`);
      await t.sql.query(`ANALYZE client_contacts`);
    });

    it('estimates the total above 10 000 instead of counting every row, and says so', async () => {
      const all = await list(director, 'pageSize=25');
      expect(all.status).toBe(200);
      expect(all.body.totalIsEstimate).toBe(true);
      expect(all.body.totalLowerBound).toBe(COUNT_CAP);
      expect(all.body.total).toBeGreaterThan(10_000);
      expect(all.body.items).toHaveLength(25);
      // A deep page by cursor still works
      expect(typeof all.body.nextCursor).toBe('string');
      const next = await list(director, `pageSize=25&cursor=${all.body.nextCursor}`);
      expect(next.body.items[0].name >= all.body.items[24].name).toBe(true);
    });

    it('counts exactly when the scope or the filter is small', async () => {
      const own = await list(manager2, 'pageSize=25');
      expect(own.body.totalIsEstimate).toBeUndefined();
      expect(own.body.totalLowerBound).toBeUndefined();
      const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM clients c JOIN users u ON u.id = c.manager_id WHERE u.email = 'manager2@lider.test' AND c.archived_at IS NULL`);
      expect(own.body.total).toBe(n);
      const filtered = await list(director, 'city=Тверь&status=active&pageSize=10');
      expect(filtered.body.totalIsEstimate).toBe(true);
      const demoCity = await list(director, 'status=cold&pageSize=10');
      expect(demoCity.body.totalIsEstimate).toBeUndefined();
    });

    it('every capped list says where its count stopped (the deals list shares the capped count)', async () => {
      expect(await cappedCount(t.sql, `SELECT id FROM clients`, [], 5)).toEqual({ total: expect.any(Number), totalIsEstimate: true, totalLowerBound: 5 });
      const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM clients`);
      expect(await cappedCount(t.sql, `SELECT id FROM clients`, [], n)).toEqual({ total: n, totalIsEstimate: false });
    });

    it('searches within the manager’s scope only, and caps a word that matches too much', async () => {
      const broad = await list(director, 'q=пробная&pageSize=25');
      expect(broad.status).toBe(200);
      expect(broad.body.totalIsEstimate).toBe(true);
      expect(broad.body.totalLowerBound).toBe(CLIENT_SEARCH_CAP);
      expect(broad.body.items).toHaveLength(25);
      const otherManager = await list(manager2, 'q=пробная');
      expect(otherManager.body).toMatchObject({ total: 0, items: [] });
      const exact = await list(manager1, 'q=пробная фирма 1234');
      expect(exact.body.items.map((c: { name: string }) => c.name)).toContain('Пробная фирма 1234');
      expect(exact.body.totalIsEstimate).toBeUndefined();
      expect(exact.body.total).toBe(exact.body.items.length);
    });

    it(`a word matching more than ${CLIENT_SEARCH_CAP.toLocaleString('en')} clients: «more than ${CLIENT_SEARCH_CAP.toLocaleString('en')}», and the pages cover the matches it read, in scope only`, async () => {
      const first = await list(manager1, 'q=пробная&pageSize=200');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ totalIsEstimate: true, totalLowerBound: CLIENT_SEARCH_CAP, total: CLIENT_SEARCH_CAP + 1 });
      const seen: string[] = [];
      for (let page = 1; page <= Math.ceil((CLIENT_SEARCH_CAP + 1) / 200) + 1; page++) {
        const res = page === 1 ? first : await list(manager1, `q=пробная&pageSize=200&page=${page}`);
        expect(res.status).toBe(200);
        // Every page says the same: the count stopped at the cap.
        expect(res.body).toMatchObject({ totalIsEstimate: true, totalLowerBound: CLIENT_SEARCH_CAP, total: CLIENT_SEARCH_CAP + 1 });
        seen.push(...res.body.items.map((c: { id: string; name: string }) => c.id));
        expect(res.body.items.every((c: { name: string }) => c.name.startsWith('Пробная фирма'))).toBe(true);
      }
      // The pages walk exactly the matches read, each once, all of them the manager's own.
      expect(new Set(seen).size).toBe(CLIENT_SEARCH_CAP + 1);
      expect(seen).toHaveLength(CLIENT_SEARCH_CAP + 1);
      const owners: Array<{ email: string }> = await t.sql.query(`SELECT DISTINCT u.email FROM clients c JOIN users u ON u.id = c.manager_id WHERE c.id = ANY($1::uuid[])`, [seen]);
      expect(owners.map((o) => o.email)).toEqual(['manager1@lider.test']);
      // A page past the matches read is empty and still says «more than the cap».
      const past = await list(manager1, `q=пробная&pageSize=200&page=${Math.ceil((CLIENT_SEARCH_CAP + 1) / 200) + 2}`);
      expect(past.body).toMatchObject({ items: [], totalIsEstimate: true, totalLowerBound: CLIENT_SEARCH_CAP });
      // With a filter, the matches are read up to the list's count cap (10,000), not the
      // plain search's: the filter sees that many, and says «at least» beyond it.
      const filtered = await list(manager1, 'q=пробная&city=Тверь&pageSize=25');
      expect(filtered.body).toMatchObject({ totalIsEstimate: true, total: COUNT_CAP + 1 - PSKOV.length, totalLowerBound: COUNT_CAP + 1 - PSKOV.length });
    });

    it('a filter finds its clients among the matches beyond the plain search cap', async () => {
      const res = await list(manager1, 'q=пробная&city=Псков&pageSize=25');
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { name: string }) => c.name).sort()).toEqual(PSKOV.map((i) => `Пробная фирма ${i}`));
      // The word has more matches than were read, so the count is still «at least».
      expect(res.body).toMatchObject({ total: PSKOV.length, totalIsEstimate: true, totalLowerBound: PSKOV.length });
    });

    it('counts a search below the cap exactly and ranks every match', async () => {
      // «12» as a prefix: Пробная фирма 12, 120–129, 1200–1299 (111 clients).
      const res = await list(manager1, 'q=пробная фирма 12&pageSize=200');
      const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM clients WHERE name ~ '^Пробная фирма 12[0-9]*$' AND archived_at IS NULL`);
      expect(n).toBe(111);
      expect(res.body.total).toBe(n);
      expect(res.body.items).toHaveLength(n);
      expect(res.body.totalIsEstimate).toBeUndefined();
      expect(res.body.totalLowerBound).toBeUndefined();
      // The exact word ranks first.
      expect(res.body.items[0].name).toBe('Пробная фирма 12');
    });

    it('reads the exact word forms first and the prefixes only when those are fewer than the cap', async () => {
      // «фирмы»: the exact stem `фирм` matches all 10,050; the answer is capped and read from those.
      const exact = await list(manager1, 'q=фирмы&pageSize=25');
      expect(exact.body).toMatchObject({ totalIsEstimate: true, totalLowerBound: CLIENT_SEARCH_CAP, total: CLIENT_SEARCH_CAP + 1 });
      // A word being typed has no exact form: the prefix still finds it.
      const typed = await list(manager1, 'q=пробн&pageSize=25');
      expect(typed.body).toMatchObject({ totalIsEstimate: true, total: CLIENT_SEARCH_CAP + 1 });
      expect(typed.body.items.every((c: { name: string }) => c.name.startsWith('Пробная фирма'))).toBe(true);
      // «1234» exactly is one client, fewer than the cap: the prefixes (12340–12349 do not exist,
      // 1234 only) give the same one; «123» exactly is one, by prefix 123, 1230–1239: 11.
      const few = await list(manager1, 'q=фирма 123&pageSize=50');
      expect(few.body.items.map((c: { name: string }) => c.name).sort()).toEqual(['Пробная фирма 123', ...Array.from({ length: 10 }, (_, i) => `Пробная фирма 123${i}`)].sort());
      expect(few.body.total).toBe(11);
      expect(few.body.items[0].name).toBe('Пробная фирма 123');
      // Without a cap (the filtered list's search) every prefix match is read.
      const [fn] = await t.sql.query(`SELECT count(*)::int AS n FROM client_search_hits('пробн:*', NULL, true, NULL)`);
      expect(fn.n).toBe(BULK);
    });

    (onPostgres ? it : it.skip)('finds the matches through the GIN indexes with the scope inside, never a scan of every client (EXPLAIN, PostgreSQL)', async () => {
      // PGlite is skipped: a single-connection WASM build with its own buffers and cost
      // settings, whose plan says nothing about the production server.
      const names: Array<{ name: string }> = await t.sql.query(`SELECT c.name FROM clients c JOIN users u ON u.id = c.manager_id WHERE u.email = 'manager2@lider.test' ORDER BY c.name`);
      const word = names.flatMap((r) => r.name.split(/[^А-Яа-яЁё]+/)).find((w) => w.length >= 6)!;
      expect(word).toBeTruthy();
      // The GIN search (several words; one word goes to the word table, clients-search-words.e2e-spec.ts)
      // asks client_search_matches for the exact lexemes first (no `:*`), the prefixes after.
      const [hits] = await t.sql.query(`SELECT prosrc FROM pg_proc WHERE proname = 'client_search_gin_hits'`);
      expect(hits.prosrc).toMatch(/exact AS MATERIALIZED \(\s*SELECT \* FROM client_search_matches\(to_tsquery\('russian', replace\(tsq, ':\*', ''\)\)/);
      const [fn] = await t.sql.query(`SELECT prosrc, proconfig FROM pg_proc WHERE proname = 'client_search_matches'`);
      expect(fn.proconfig).toEqual(expect.arrayContaining(['enable_seqscan=off', 'enable_indexscan=off']));
      // The function's statement, planned the way the function plans it: its settings, its arguments as parameters.
      const body = String(fn.prosrc).replace(/\bq\b/g, '$1').replace(/\bmanager_ids\b/g, '$2').replace(/\bactive_only\b/g, '$3').replace(/\bmax_rows\b/g, '$4');
      const plans = await t.sql.transaction(async (em) => {
        for (const setting of fn.proconfig as string[]) {
          const [name, value] = setting.split('=');
          await em.query(`SELECT set_config($1, $2, true)`, [name, value]);
        }
        // A SQL function's statement is planned once for any arguments (a generic plan).
        await em.query(`SELECT set_config('plan_cache_mode', 'force_generic_plan', true)`);
        await em.query(`PREPARE client_search_plan(tsquery, uuid[], boolean, integer) AS ${body}`);
        const out: Array<{ plan: Record<string, unknown>; found: string[] }> = [];
        for (const email of ['director@lider.test', 'manager2@lider.test']) {
          const [user] = await em.query(`SELECT id, role FROM users WHERE email = $1`, [email]);
          const scope = scopeOf({ id: user.id, role: user.role, assistedManagerIds: [] });
          // EXPLAIN EXECUTE takes no bind parameters: the arguments go in as literals.
          const literal = (v: unknown) => (v === null ? 'NULL' : `'${(Array.isArray(v) ? `{${v.join(',')}}` : String(v)).replace(/'/g, "''")}'`);
          const tsq = literal(toPrefixTsQuery(word)!.replace(/:\*/g, ''));
          const query = `to_tsquery('russian', ${tsq}) || to_tsquery('simple', ${tsq})`;
          const args = [query, ...[scope.managerIds, true, CLIENT_SEARCH_CAP + 1].map(literal)].join(', ');
          const [row] = await em.query(`EXPLAIN (FORMAT JSON) EXECUTE client_search_plan(${args})`);
          const found = (await em.query(`EXECUTE client_search_plan(${args})`)).map((r: { id: string }) => r.id);
          out.push({ plan: row['QUERY PLAN'][0].Plan, found });
        }
        await em.query(`DEALLOCATE client_search_plan`);
        return out;
      });
      for (const { plan } of plans) {
        const nodes = planNodes(plan);
        const indexes = nodes.map((n) => n.index).filter(Boolean);
        expect(indexes).toContain('clients_manager_search_idx');
        expect(indexes).toContain('client_contacts_manager_search_idx');
        // The scoped branch reads only the scope's entries of the index: the scope is an index condition, not a filter on the rows found.
        expect(nodes.filter((n) => n.index === 'clients_manager_search_idx').map((n) => n.cond)).toContainEqual(expect.stringMatching(/manager_id = ANY .*search_vector @@/));
        expect(nodes.filter((n) => n.index === 'client_contacts_manager_search_idx').map((n) => n.cond)).toContainEqual(expect.stringMatching(/client_manager_id = ANY .*search_vector @@/));
        expect(nodes.filter((n) => n.type === 'Seq Scan' || (n.type === 'Index Scan' && n.index === 'clients_manager_name_idx'))).toEqual([]);
        // The contacts are searched only while the names found fewer than max_rows (a one-time filter on their count).
        expect(nodes.map((n) => n.filter)).toContainEqual(expect.stringMatching(/\(\$4 IS NULL\) OR \(\$\d+ < \$4\)/));
      }
      // And the scoped answer is the manager's clients only.
      const [director, manager] = plans.map((p) => p.found);
      const [m2] = await t.sql.query(`SELECT id FROM users WHERE email = 'manager2@lider.test'`);
      const owners: Array<{ manager_id: string }> = manager.length ? await t.sql.query(`SELECT DISTINCT manager_id FROM clients WHERE id = ANY($1::uuid[])`, [manager]) : [];
      expect(manager.length).toBeGreaterThan(0);
      expect(owners.map((o) => o.manager_id)).toEqual([m2.id]);
      expect(director.length).toBeGreaterThanOrEqual(manager.length);
    });
  });
});
