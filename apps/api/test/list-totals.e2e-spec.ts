import { DataSource } from 'typeorm';
import { Clock } from '../src/common/context/clock';
import { COUNT_CAP, ESTIMATE_MEMO_MS } from '../src/common/pagination/capped-count';
import { bearer, TestApp } from './setup/test-app';

const BULK = COUNT_CAP + 50;

/** A clock the test moves forward (the memo's time source is the API's Clock). */
class SteppingClock extends Clock {
  private at = Date.now();
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/**
 * The lists' totals as a user sees them (issue 16): a small list's total is exact at
 * once after a change; a list over the cap says «more than 10 000» and, while its
 * estimate is remembered (ESTIMATE_MEMO_MS), costs only its page; then it is counted again.
 */
describe('list totals: exact when small, a remembered estimate when over the cap', () => {
  const clock = new SteppingClock();
  let t: TestApp;
  let director: string;
  let manager1: string;
  let manager2: string;
  let manager1Id: string;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    director = (await t.login('director@lider.test')).accessToken;
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    manager2 = (await t.login('manager2@lider.test')).accessToken;
    manager1Id = await t.userId('manager1@lider.test');
  });
  afterAll(() => t.close());

  /** The statements the API sends while `run` runs (those that read clients or deals). */
  const statements = async (run: () => Promise<unknown>): Promise<string[]> => {
    const db = t.app.get(DataSource);
    // Statements go through TypeORM, or straight to the pool as named prepared statements
    // (common/sql/prepared-query.ts): both are counted, each once.
    const pool = (db.driver as unknown as { master: { query: (config: unknown) => unknown } }).master;
    const spies = [jest.spyOn(db, 'query'), jest.spyOn(pool, 'query')];
    try {
      await run();
      return spies
        .flatMap((spy) => spy.mock.calls.map(([sql]) => (typeof sql === 'string' ? sql : String((sql as { text?: string }).text))))
        .filter((sql) => /\b(clients|deals)\b/.test(sql));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  };
  const clients = (token: string, query = 'pageSize=25') => t.http.get(`/api/clients?${query}`).set(bearer(token));
  const deals = (token: string) => t.http.get('/api/deals?pageSize=25').set(bearer(token));

  it('a small list counts exactly in the same statement as its page, and shows a create and an archive at once', async () => {
    let before!: { total: number; totalIsEstimate?: boolean };
    expect(await statements(async () => (before = (await clients(manager2)).body))).toHaveLength(1);
    expect(before.totalIsEstimate).toBeUndefined();
    const created = await t.http.post('/api/clients').set(bearer(manager2)).send({ kind: 'legal_entity', name: 'ООО «Счёт сразу»', city: 'Клин' });
    expect(created.status).toBe(201);
    expect((await clients(manager2)).body).toMatchObject({ total: before.total + 1 });
    expect((await t.http.post(`/api/clients/${created.body.id}/archive`).set(bearer(manager2))).status).toBe(200);
    expect((await clients(manager2)).body.total).toBe(before.total);
    // Exact totals are never remembered: the same list asks the database each time.
    expect(await statements(() => clients(manager2))).toEqual([expect.stringContaining('count(*)')]);
  });

  describe(`with ${BULK.toLocaleString('en')} more clients and deals of manager1`, () => {
    beforeAll(async () => {
      await t.sql.query(
        `INSERT INTO clients (kind, name, name_normalized, manager_id, status, city, version)
         SELECT 'legal_entity', 'Счётная фирма ' || i, 'счётная фирма ' || i, $1, 'active', 'Тверь', 1 FROM generate_series(1, ${BULK}) i`,
        [manager1Id],
      );
      const [stage] = await t.sql.query(`SELECT id FROM pipeline_stages WHERE kind = 'open' ORDER BY sort_order LIMIT 1`);
      const [client] = await t.sql.query(`SELECT id FROM clients WHERE manager_id = $1 ORDER BY name LIMIT 1`, [manager1Id]);
      await t.sql.query(
        `INSERT INTO deals (client_id, title, manager_id, stage_id, status, amount, probability, version)
         SELECT $1, 'Счётная сделка ' || i, $2, $3, 'open', 10, 10, 1 FROM generate_series(1, ${BULK}) i`,
        [client.id, manager1Id, stage.id],
      );
      await t.sql.query(`ANALYZE clients`);
      await t.sql.query(`ANALYZE deals`);
    });

    it('over the cap: an estimate, remembered per list and scope, so the next page views run only the page', async () => {
      const first = await statements(() => clients(director));
      expect(first.some((sql) => sql.startsWith('EXPLAIN'))).toBe(true);
      let again!: { total: number; totalIsEstimate?: boolean; totalLowerBound?: number; items: unknown[] };
      const next = await statements(async () => (again = (await clients(director)).body));
      expect(next).toHaveLength(1);
      expect(next[0]).not.toMatch(/count\(\*\)|EXPLAIN/);
      expect(again).toMatchObject({ totalIsEstimate: true, totalLowerBound: COUNT_CAP, items: expect.any(Array) });
      expect(again.total).toBeGreaterThan(COUNT_CAP);
      expect(again.items).toHaveLength(25);
      // Another page of the same list, and manager1's own list (another scope) on its second view.
      expect(await statements(() => clients(director, 'pageSize=25&page=3'))).toHaveLength(1);
      expect((await clients(manager1)).body.totalIsEstimate).toBe(true);
      expect(await statements(() => clients(manager1))).toHaveLength(1);
      // A small list meanwhile is still counted, exactly.
      expect((await clients(manager2)).body.totalIsEstimate).toBeUndefined();
    });

    it('the deals list remembers its estimate the same way', async () => {
      const first = await deals(director);
      expect(first.body).toMatchObject({ totalIsEstimate: true, totalLowerBound: COUNT_CAP });
      let again!: { total: number; totalIsEstimate?: boolean; items: unknown[] };
      const next = await statements(async () => (again = (await deals(director)).body));
      expect(next).toHaveLength(1);
      expect(next[0]).not.toMatch(/count\(\*\)|EXPLAIN/);
      expect(again).toMatchObject({ total: first.body.total, totalIsEstimate: true, items: expect.any(Array) });
      expect(again.items).toHaveLength(25);
    });

    it(`forgets the estimate after ${ESTIMATE_MEMO_MS / 1000} s: a list that fell under the cap is counted exactly again`, async () => {
      await t.sql.query(`UPDATE clients SET archived_at = now() WHERE name LIKE 'Счётная фирма %'`);
      await t.sql.query(`DELETE FROM deals WHERE title LIKE 'Счётная сделка %'`);
      // Still within the memo: still «more than 10 000» (an estimate, as it said).
      clock.advance(ESTIMATE_MEMO_MS - 1000);
      expect((await clients(director)).body.totalIsEstimate).toBe(true);
      expect((await deals(director)).body.totalIsEstimate).toBe(true);
      clock.advance(2000);
      const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM clients WHERE archived_at IS NULL`);
      const all = await clients(director);
      expect(all.body).toMatchObject({ total: n });
      expect(all.body.totalIsEstimate).toBeUndefined();
      const [{ d }] = await t.sql.query(`SELECT count(*)::int AS d FROM deals`);
      const dealList = await deals(director);
      expect(dealList.body).toMatchObject({ total: d });
      expect(dealList.body.totalIsEstimate).toBeUndefined();
    });
  });
});
