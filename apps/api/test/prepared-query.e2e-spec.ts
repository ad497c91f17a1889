import { DataSource } from 'typeorm';
import { preparedQuery, usePreparedStatements } from '../src/common/sql/prepared-query';
import { bearer, TestApp } from './setup/test-app';

/**
 * The hot reads run as named prepared statements (issue 16: planning was about half of
 * «Мои дела»'s database time). What a user would notice if that went wrong: a different
 * answer the second time, another user's rows through a reused plan, or a bad value turning
 * into a 500 instead of a 4xx. Each is checked here on the real database (PGlite by
 * default, PostgreSQL with DATABASE_URL).
 */
describe('prepared reads', () => {
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

  it('gives the same rows as an unnamed statement, run after run, with the values of each run', async () => {
    const ds = t.app.get(DataSource);
    const text = `SELECT id, email FROM users WHERE email = ANY($1::text[]) ORDER BY email`;
    // More than five runs: PostgreSQL may switch the statement to a generic plan after five.
    for (const emails of [['director@lider.test'], ['manager1@lider.test', 'manager2@lider.test'], [], ['admin@lider.test'], ['manager1@lider.test'], ['nobody@lider.test'], ['director@lider.test', 'admin@lider.test']]) {
      expect(await preparedQuery(ds, text, [emails])).toEqual(await ds.query(text, [emails]));
    }
  });

  it('a bad value is the same QueryFailedError as before, so the API still answers 4xx', async () => {
    const ds = t.app.get(DataSource);
    await expect(preparedQuery(ds, `SELECT id FROM users WHERE id = $1::uuid`, ['not-a-uuid'])).rejects.toMatchObject({
      name: 'QueryFailedError',
      driverError: expect.objectContaining({ code: '22P02' }),
    });
    // And the connection is still usable afterwards.
    expect(await preparedQuery(ds, `SELECT 1 AS one`, [])).toEqual([{ one: 1 }]);
  });

  it('many requests of two managers through the same statements never mix their clients', async () => {
    const own = async (token: string) => {
      const res = await t.http.get('/api/clients?pageSize=100').set(bearer(token)).expect(200);
      return res.body.items as Array<{ id: string; managerId: string }>;
    };
    const first1 = await own(manager1);
    const first2 = await own(manager2);
    expect(first1.length).toBeGreaterThan(0);
    expect(first2.length).toBeGreaterThan(0);
    const id1 = await t.userId('manager1@lider.test');
    const id2 = await t.userId('manager2@lider.test');
    // Interleaved, more than the five executions after which a generic plan may be kept.
    for (let i = 0; i < 8; i++) {
      const [a, b] = await Promise.all([own(manager1), own(manager2)]);
      expect(a).toEqual(first1);
      expect(b).toEqual(first2);
      expect(new Set(a.map((c) => c.managerId))).toEqual(new Set([id1]));
      expect(new Set(b.map((c) => c.managerId))).toEqual(new Set([id2]));
      // Another manager's client through the card statement stays 404.
      await t.http.get(`/api/clients/${first2[i % first2.length].id}`).set(bearer(manager1)).expect(404);
      await t.http.get(`/api/clients/${first2[i % first2.length].id}`).set(bearer(director)).expect(200);
    }
  });

  it('the client card, list, search, deals list, board and «Мои дела» answer the same on every repetition', async () => {
    const paths = ['/api/clients?pageSize=25', '/api/clients?q=%D0%BE%D0%BE%D0%BE&pageSize=25', '/api/deals?pageSize=25', '/api/funnel/board', '/api/planning/my-day?date=2026-03-02'];
    for (const token of [director, manager1]) {
      for (const path of paths) {
        const first = await t.http.get(path).set(bearer(token)).expect(200);
        for (let i = 0; i < 6; i++) expect((await t.http.get(path).set(bearer(token)).expect(200)).body).toEqual(first.body);
      }
    }
  });

  it('DB_PREPARED_STATEMENTS=false sends the same reads unnamed (a transaction-mode pgbouncer before 1.21)', async () => {
    const ds = t.app.get(DataSource);
    const pool = (ds.driver as unknown as { master: { query: (config: unknown) => unknown } }).master;
    const spy = jest.spyOn(pool, 'query');
    try {
      const named = await t.http.get('/api/clients?pageSize=25').set(bearer(manager1)).expect(200);
      expect(spy.mock.calls.some(([config]) => typeof (config as { name?: string }).name === 'string')).toBe(true);
      spy.mockClear();
      usePreparedStatements(false);
      const unnamed = await t.http.get('/api/clients?pageSize=25').set(bearer(manager1)).expect(200);
      expect(spy).not.toHaveBeenCalled();
      expect(unnamed.body).toEqual(named.body);
    } finally {
      usePreparedStatements(true);
      spy.mockRestore();
    }
  });
});
