import { FunnelBoardService } from '../src/modules/funnel/board.service';
import { DealsService } from '../src/modules/funnel/deals.service';
import type { AuthenticatedUser } from '../src/common/auth/authenticated-user';
import { permissionsOf, type Role } from '@polar/access';
import { planNodes } from './setup/query-plan';
import { bearer, TestApp } from './setup/test-app';

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * The deals list scoped by the deal's copy of its client's manager
 * (`deals.client_manager_id`, kept by triggers): the same deals as the rule through the
 * client, whatever path changed the client's manager, and on PostgreSQL an index range.
 */
describe('deals list in a manager’s scope at scale', () => {
  let t: TestApp;
  let director: string;
  let manager1: string;
  let manager2: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await TestApp.start();
    director = (await t.login('director@lider.test')).accessToken;
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    manager2 = (await t.login('manager2@lider.test')).accessToken;
    const users: Array<{ id: string; email: string }> = await t.sql.query(`SELECT id, email FROM users WHERE email IN ('manager1@lider.test', 'manager2@lider.test')`);
    ids = Object.fromEntries(users.map((u) => [u.email.split('@')[0], u.id]));
  });
  afterAll(() => t.close());

  /** Every deal id of the list, walking all pages. */
  const allDeals = async (token: string): Promise<string[]> => {
    const out: string[] = [];
    for (let page = 1; page < 200; page++) {
      const res = await t.http.get(`/api/deals?pageSize=100&page=${page}`).set(bearer(token));
      expect(res.status).toBe(200);
      out.push(...res.body.items.map((d: { id: string }) => d.id));
      if (res.body.items.length < 100) break;
    }
    return out.sort();
  };
  /** The scope rule as written for deals: the client's responsible manager. */
  const byClientManager = async (managerId: string): Promise<string[]> =>
    (await t.sql.query(`SELECT d.id FROM deals d JOIN clients c ON c.id = d.client_id WHERE c.manager_id = $1 ORDER BY d.id`, [managerId])).map((r: { id: string }) => r.id).sort();
  /** Deals and contacts carry their client's manager (for the scoped list and search): never a stale copy. */
  const copiesAgree = async () => {
    const [row] = await t.sql.query(
      `SELECT (SELECT count(*)::int FROM deals d JOIN clients c ON c.id = d.client_id WHERE d.client_manager_id IS DISTINCT FROM c.manager_id) AS deals,
              (SELECT count(*)::int FROM client_contacts cc JOIN clients c ON c.id = cc.client_id WHERE cc.client_manager_id IS DISTINCT FROM c.manager_id) AS contacts,
              (SELECT count(*)::int FROM client_contacts) AS all_contacts`,
    );
    expect(row).toMatchObject({ deals: 0, contacts: 0 });
    expect(row.all_contacts).toBeGreaterThan(0);
  };

  it('lists exactly the deals whose client is the manager’s, and follows a reassignment at once', async () => {
    await copiesAgree();
    expect(await allDeals(manager1)).toEqual(await byClientManager(ids.manager1));
    // A client of manager1 with a deal goes to manager2: its deals leave manager1's list and join manager2's.
    const [moved] = await t.sql.query(`SELECT d.client_id, d.id FROM deals d JOIN clients c ON c.id = d.client_id WHERE c.manager_id = $1 ORDER BY d.updated_at DESC LIMIT 1`, [ids.manager1]);
    const res = await t.http.post(`/api/clients/${moved.client_id}/reassign`).set(bearer(director)).send({ managerId: ids.manager2, reason: 'Отпуск' });
    expect(res.status).toBe(200);
    await copiesAgree();
    const [mine1, mine2] = [await allDeals(manager1), await allDeals(manager2)];
    expect(mine1).not.toContain(moved.id);
    expect(mine2).toContain(moved.id);
    expect(mine1).toEqual(await byClientManager(ids.manager1));
    expect(mine2).toEqual(await byClientManager(ids.manager2));
    expect((await t.http.get(`/api/deals/${moved.id}`).set(bearer(manager1))).status).toBe(404);
  });

  it('keeps the copy right for deals and client changes made by plain SQL (imports, bulk loads, merges)', async () => {
    const [client] = await t.sql.query(`SELECT id FROM clients WHERE manager_id = $1 LIMIT 1`, [ids.manager2]);
    const [stage] = await t.sql.query(`SELECT id FROM pipeline_stages WHERE kind = 'open' ORDER BY sort_order LIMIT 1`);
    // An insert that does not name the column, and one that names a wrong manager.
    const [plain] = await t.sql.query(
      `INSERT INTO deals (client_id, title, manager_id, stage_id, status, amount, probability, version) VALUES ($1, 'Без копии', $2, $3, 'open', 10, 10, 1) RETURNING id, client_manager_id`,
      [client.id, ids.manager2, stage.id],
    );
    expect(plain.client_manager_id).toBe(ids.manager2);
    const [forged] = await t.sql.query(
      `INSERT INTO deals (client_id, client_manager_id, title, manager_id, stage_id, status, amount, probability, version) VALUES ($1, $2, 'Чужая копия', $3, $4, 'open', 10, 10, 1) RETURNING id, client_manager_id`,
      [client.id, ids.manager1, ids.manager2, stage.id],
    );
    expect(forged.client_manager_id).toBe(ids.manager2);
    const [contact] = await t.sql.query(`INSERT INTO client_contacts (client_id, client_manager_id, full_name, version) VALUES ($1, $2, 'Пробный Контакт', 1) RETURNING client_manager_id`, [client.id, ids.manager1]);
    expect(contact.client_manager_id).toBe(ids.manager2);
    await t.sql.query(`UPDATE deals SET client_manager_id = $1 WHERE id = $2`, [ids.manager1, forged.id]);
    await copiesAgree();
    // The deal moves to a client of manager1 (a merge of duplicates), then that client to manager2.
    const [other] = await t.sql.query(`SELECT id FROM clients WHERE manager_id = $1 LIMIT 1`, [ids.manager1]);
    await t.sql.query(`UPDATE deals SET client_id = $1 WHERE id = $2`, [other.id, plain.id]);
    await copiesAgree();
    expect(await allDeals(manager1)).toContain(plain.id);
    await t.sql.query(`UPDATE clients SET manager_id = $1 WHERE id = $2`, [ids.manager2, other.id]);
    await copiesAgree();
    expect(await allDeals(manager1)).not.toContain(plain.id);
    expect(await allDeals(manager2)).toContain(plain.id);
  });

  describe('with 12 000 more deals over every manager', () => {
    beforeAll(async () => {
      await t.sql.query(
        `WITH c AS (SELECT id, manager_id, row_number() OVER (ORDER BY id) AS rn FROM clients), n AS (SELECT count(*) AS n FROM clients),
              st AS (SELECT id FROM pipeline_stages WHERE kind = 'open' ORDER BY sort_order LIMIT 1)
         INSERT INTO deals (client_id, title, manager_id, stage_id, status, amount, probability, version, updated_at)
         SELECT c.id, 'Пробная сделка ' || i, c.manager_id, st.id, 'open', 1000, 10, 1, now() - i * interval '1 minute'
           FROM generate_series(1, 12000) i, n, st JOIN c ON TRUE WHERE c.rn = 1 + (i * 7) % n.n`,
      );
      await t.sql.query(`ANALYZE deals`);
      await t.sql.query(`ANALYZE clients`);
    });

    it('counts a manager’s deals exactly and pages them newest first', async () => {
      const res = await t.http.get('/api/deals?pageSize=25').set(bearer(manager2));
      expect(res.status).toBe(200);
      const own = await byClientManager(ids.manager2);
      expect(res.body.total).toBe(own.length);
      expect(res.body.items).toHaveLength(25);
      const times = res.body.items.map((d: { updatedAt: string }) => d.updatedAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(res.body.items.every((d: { id: string }) => own.includes(d.id))).toBe(true);
    });

    (onPostgres ? it : it.skip)('reads a manager’s page and count as ranges of deals_client_manager_updated_idx (EXPLAIN, PostgreSQL)', async () => {
      const [m] = await t.sql.query(`SELECT id, email, full_name, role FROM users WHERE id = $1`, [ids.manager2]);
      const user: AuthenticatedUser = { id: m.id, email: m.email, fullName: m.full_name, role: m.role as Role, permissions: permissionsOf(m.role), assistedManagerIds: [] };
      const { page, count } = t.app.get(DealsService).listQueries({ page: 1, pageSize: 25 } as never, user);
      for (const q of [page, count]) {
        const [row] = await t.sql.query(`EXPLAIN (FORMAT JSON) ${count === q ? `SELECT count(*) FROM (${q.sql} LIMIT 10001) capped` : q.sql}`, q.params);
        const nodes = planNodes(row['QUERY PLAN'][0].Plan);
        // The one index read on deals (by an index or a bitmap scan) is the scope's, with the scope as its condition.
        expect(nodes.filter((n) => n.index?.startsWith('deals_'))).toEqual([expect.objectContaining({ index: 'deals_client_manager_updated_idx', cond: expect.stringContaining('client_manager_id') })]);
        // No sort of the manager's deals, no scan of the big tables (the small reference tables may be hashed).
        expect(nodes.filter((n) => n.type === 'Sort' || (n.type === 'Seq Scan' && ['deals', 'clients'].includes(n.relation ?? '')))).toEqual([]);
      }
    });

    (onPostgres ? it : it.skip)('reads each column of a manager’s board as a range of deals_client_manager_stage_updated_idx (EXPLAIN, PostgreSQL)', async () => {
      const [m] = await t.sql.query(`SELECT id, email, full_name, role FROM users WHERE id = $1`, [ids.manager2]);
      const user: AuthenticatedUser = { id: m.id, email: m.email, fullName: m.full_name, role: m.role as Role, permissions: permissionsOf(m.role), assistedManagerIds: [] };
      const { sql, params } = t.app.get(FunnelBoardService).boardQuery({ perStage: 20 } as never, user);
      const [row] = await t.sql.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const nodes = planNodes(row['QUERY PLAN'][0].Plan);
      // The only read of deals is one ordered index range per stage, on the manager and the stage: no bitmap, no sort of their deals.
      const onDeals = nodes.filter((n) => n.relation === 'deals' || n.index?.startsWith('deals_'));
      expect(onDeals).toEqual([expect.objectContaining({ type: 'Index Scan', index: 'deals_client_manager_stage_updated_idx', cond: expect.stringMatching(/client_manager_id.*stage_id/s) })]);
      // Sorts there may be of the stages and the summary rows, never of deals by their last change.
      expect(nodes.filter((n) => n.sortKey?.some((k) => k.includes('updated_at')))).toEqual([]);
    });
  });
});
