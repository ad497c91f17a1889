import { Client as PgClient } from 'pg';
import { CLIENT_SEARCH_CAP } from '../src/config/app-config';
import { toPrefixTsQuery } from '../src/modules/clients/client-normalize';
import { scopeOf } from '../src/common/scope/record-scope';
import { createClient } from './setup/clients';
import { planNodes } from './setup/query-plan';
import { bearer, TestApp } from './setup/test-app';

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * The word table behind a one-word search (migration 1764960000000): it must hold exactly
 * the clients' words after any change, answer as the GIN search does below the cap, and be
 * read as a range of its key that stops at the cap.
 */
describe('client search by the word table', () => {
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

  const search = async (token: string, q: string) =>
    (await t.http.get('/api/clients').query({ q, pageSize: 100 }).set(bearer(token))).body.items.map((c: { name: string }) => c.name) as string[];

  /** The words every client should have in the table, and the ones it has. */
  async function wordTableDrift(): Promise<{ missing: number; extra: number; expected: number }> {
    const [row] = await t.sql.query(`
      WITH expected AS (SELECT w AS word, c.manager_id, c.id AS client_id, c.archived_at IS NOT NULL AS archived FROM clients c, unnest(tsvector_to_array(c.search_vector)) w)
      SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT word, manager_id, client_id, archived FROM client_search_words) m)::int AS missing,
             (SELECT count(*) FROM (SELECT word, manager_id, client_id, archived FROM client_search_words EXCEPT SELECT * FROM expected) e)::int AS extra,
             (SELECT count(*) FROM expected)::int AS expected`);
    return row;
  }

  it('holds exactly the words of every client after creating, renaming, re-tagging, reassigning, archiving and deleting clients', async () => {
    const start = await wordTableDrift();
    expect(start).toMatchObject({ missing: 0, extra: 0 });
    expect(start.expected).toBeGreaterThan(1000);

    const m2 = await t.userId('manager2@lider.test');
    const made: Array<{ id: string; version: number }> = [];
    for (const name of ['Янтарный причал', 'Балтийский маяк', 'Рыбацкая артель', 'Солёный ветер', 'Дюнная тропа', 'Морской вокзал']) {
      made.push(await createClient(t, manager1, { name: `ООО «${name}»`, city: 'Калининград', tags: ['порт'] }));
    }
    // A random walk of edits, through the API where a user would make them.
    let seed = 20261201;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const names = ['Балтийская верфь', 'Янтарный берег', 'Куршская коса', 'Рыбная деревня', 'Песчаная отмель', 'Штормовой залив'];
    let renamed = 0;
    for (let step = 0; step < 24; step++) {
      const c = made[random(made.length)];
      const current = (await t.http.get(`/api/clients/${c.id}`).set(bearer(director))).body;
      if (current.archivedAt) continue;
      const what = random(4);
      let res;
      if (what === 0) {
        res = await t.http.patch(`/api/clients/${c.id}`).set(bearer(director)).send({ version: current.version, name: `ООО «${names[random(names.length)]}»` });
        // A name too close to another client's is refused (409) and changes nothing.
        if (res.status === 409) continue;
        renamed++;
      } else if (what === 1) res = await t.http.patch(`/api/clients/${c.id}`).set(bearer(director)).send({ version: current.version, tags: [['порт', 'море', 'рыба'][random(3)]], city: ['Калининград', 'Балтийск'][random(2)] });
      else if (what === 2) res = await t.http.post(`/api/clients/${c.id}/reassign`).set(bearer(director)).send({ managerId: current.managerId === m2 ? await t.userId('manager1@lider.test') : m2, reason: 'Перераспределение по территориям' });
      else res = await t.http.patch(`/api/clients/${c.id}`).set(bearer(director)).send({ version: current.version, status: 'thinking' });
      expect(res.status).toBe(200);
    }
    expect(renamed).toBeGreaterThan(0);
    expect((await t.http.post(`/api/clients/${made[0].id}/archive`).set(bearer(director))).status).toBeLessThan(300);
    // A hard delete happens only inside the database (a merge, a data fix): the table follows it too.
    await t.sql.query(`DELETE FROM clients WHERE id = $1`, [made[5].id]);
    expect(await wordTableDrift()).toMatchObject({ missing: 0, extra: 0 });
  });

  it('finds a renamed client by its new name only, and a reassigned one in the new manager’s scope only', async () => {
    const client = await createClient(t, manager1, { name: 'ООО «Гранитная мастерская»', city: 'Петрозаводск' });
    expect(await search(manager1, 'гранитная')).toContain('ООО «Гранитная мастерская»');
    const renamed = await t.http.patch(`/api/clients/${client.id}`).set(bearer(manager1)).send({ version: client.version, name: 'ООО «Мраморный цех»' });
    expect(renamed.status).toBe(200);
    expect(await search(manager1, 'гранитная')).not.toContain('ООО «Гранитная мастерская»');
    expect(await search(manager1, 'мраморн')).toEqual(['ООО «Мраморный цех»']);
    const moved = await t.http.post(`/api/clients/${client.id}/reassign`).set(bearer(director)).send({ managerId: await t.userId('manager2@lider.test'), reason: 'Передан по территории' });
    expect(moved.status).toBe(200);
    expect(await search(manager1, 'мраморный')).toEqual([]);
    expect(await search(manager2, 'мраморный')).toEqual(['ООО «Мраморный цех»']);
  });

  it('answers every one-word search as the GIN search does below the cap: the same clients, the same ranks', async () => {
    // Every distinct word of the demo names, cities, addresses, tags and contacts, whole and as a 3-letter prefix.
    const rows: Array<{ text: string }> = await t.sql.query(`
      SELECT name AS text FROM clients UNION ALL SELECT coalesce(city, '') || ' ' || coalesce(address, '') || ' ' || array_to_string(tags, ' ') FROM clients
      UNION ALL SELECT full_name || ' ' || coalesce(position, '') FROM client_contacts`);
    const words = new Set<string>();
    for (const { text } of rows) {
      for (const w of text.toLowerCase().replace(/ё/g, 'е').split(/[^\p{L}\p{N}]+/u)) {
        if (w.length >= 2) words.add(w);
        if (w.length >= 3) words.add(w.slice(0, 3));
      }
    }
    expect(words.size).toBeGreaterThan(200);
    // Every fourth word in order: enough variety (whole words, prefixes, stop words) in a test's time.
    const sample = [...words].sort().filter((_, i) => i % 4 === 0);
    let compared = 0;
    let nonEmpty = 0;
    for (const email of ['director@lider.test', 'manager3@lider.test']) {
      const [user] = await t.sql.query(`SELECT id, role FROM users WHERE email = $1`, [email]);
      const scope = scopeOf({ id: user.id, role: user.role, assistedManagerIds: [] });
      for (const word of sample) {
        const tsq = toPrefixTsQuery(word)!;
        const args = [tsq, scope.managerIds === null ? null : [...scope.managerIds], true, CLIENT_SEARCH_CAP + 1];
        const byWords: Array<{ id: string; rank: number }> = await t.sql.query(`SELECT id, rank FROM client_search_hits($1, $2::uuid[], $3, $4) ORDER BY id`, args);
        if (byWords.length > CLIENT_SEARCH_CAP) continue;
        const byGin: Array<{ id: string; rank: number }> = await t.sql.query(`SELECT id, rank FROM client_search_gin_hits($1, $2::uuid[], $3, $4) ORDER BY id`, args);
        expect({ word, email, found: byWords }).toEqual({ word, email, found: byGin });
        compared++;
        if (byWords.length) nonEmpty++;
      }
    }
    expect(compared).toBeGreaterThan(120);
    expect(nonEmpty).toBeGreaterThan(80);
  });

  it('still searches several words, stop words and archived clients as before', async () => {
    const client = await createClient(t, manager1, { name: 'ООО «Северное сияние и сполохи»', city: 'Мурманск' });
    expect(await search(manager1, 'северное сияние')).toContain('ООО «Северное сияние и сполохи»');
    // «и» is a Russian stop word: only the plain-word dictionary knows it.
    expect((await search(manager1, 'и')).length).toBeGreaterThan(0);
    expect((await t.http.post(`/api/clients/${client.id}/archive`).set(bearer(manager1))).status).toBeLessThan(300);
    expect(await search(manager1, 'сполохи')).toEqual([]);
    const archived = await t.http.get('/api/clients').query({ q: 'сполохи', archived: true }).set(bearer(manager1));
    expect(archived.body.items.map((c: { name: string }) => c.name)).toEqual(['ООО «Северное сияние и сполохи»']);
  });

  (onPostgres ? it : it.skip)('reads a one-word search as a range of the word key that stops at the cap, never a scan (auto_explain, PostgreSQL)', async () => {
    // 2,000 clients share a word, a fifth of them manager2's: the search must read 201, not 2,000 or 400.
    const [m1] = await t.sql.query(`SELECT id FROM users WHERE email = 'manager1@lider.test'`);
    const [m2] = await t.sql.query(`SELECT id FROM users WHERE email = 'manager2@lider.test'`);
    await t.sql.query(
      `INSERT INTO clients (kind, name, name_normalized, manager_id, status, city, version)
       SELECT 'legal_entity', 'Лазурная гавань ' || i, 'лазурная гавань ' || i, CASE WHEN i % 5 = 0 THEN $2::uuid ELSE $1::uuid END, 'active', 'Сочи', 1
         FROM generate_series(1, 2000) i`,
      [m1.id, m2.id],
    );
    await t.sql.query(`ANALYZE client_search_words`);
    await t.sql.query(`ANALYZE clients`);
    // The function's own statements, as PostgreSQL ran them, reported back to this connection.
    const pg = new PgClient({ connectionString: t.db.target.url });
    await pg.connect();
    const plans: Array<Record<string, unknown>> = [];
    pg.on('notice', (n) => {
      const text = String(n.message ?? '');
      const json = text.slice(text.indexOf('{'));
      if (text.includes('Query Text') && json.startsWith('{')) plans.push(JSON.parse(json));
    });
    try {
      await pg.query(`LOAD 'auto_explain'`);
      for (const [setting, value] of Object.entries({ log_min_duration: '0', log_analyze: 'on', log_nested_statements: 'on', log_format: 'json', log_level: 'notice' })) {
        await pg.query(`SET auto_explain.${setting} = '${value}'`);
      }
      for (const managers of [null, [m2.id]]) {
        plans.length = 0;
        const { rows } = await pg.query(`SELECT count(*)::int AS n FROM client_search_hits('лазурн:*', $1::uuid[], true, $2)`, [managers, CLIENT_SEARCH_CAP + 1]);
        expect(rows[0].n).toBe(CLIENT_SEARCH_CAP + 1);
        const nodes = plans.flatMap((p) => planNodes(p.Plan as Record<string, unknown>));
        const wordReads = nodes.filter((n) => n.index === 'client_search_words_pkey');
        expect(wordReads.length).toBeGreaterThan(0);
        // The exact form is read first, in scope through the key when there is a scope, and it stops at the cap.
        expect(wordReads[0].cond).toMatch(managers ? /word = .*manager_id = ANY/ : /word = /);
        expect(wordReads[0].rows).toBe(CLIENT_SEARCH_CAP + 1);
        expect(nodes.filter((n) => n.type === 'Seq Scan' && n.relation !== undefined)).toEqual([]);
        // The clients table and the GIN indexes are not scanned for the names.
        expect(nodes.filter((n) => n.index === 'clients_manager_search_idx' || n.index === 'clients_search_idx')).toEqual([]);
      }
    } finally {
      await pg.end();
      await t.sql.query(`DELETE FROM clients WHERE name LIKE 'Лазурная гавань %'`);
    }
  });
});
