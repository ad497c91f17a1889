import type { Role } from '@polar/access';
import { applyScope, inScope, scopeOf } from '../src/common/scope/record-scope';
import type { Request } from 'express';
import { ApiTokenAuthenticator } from '../src/modules/integrations/api-tokens/api-token-authenticator';
import { bearer, TestApp } from './setup/test-app';

/**
 * The one record-scope mechanism, on a real database. `users.id` stands in for a
 * record's responsible manager: each user "owns" the row of their own account.
 */
describe('record scope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  async function visibleEmails(email: string): Promise<string[]> {
    const [u] = await t.sql.query(
      `SELECT id, role, coalesce((SELECT array_agg(manager_id::text) FROM user_assistants WHERE assistant_id = users.id), '{}') AS assisted
         FROM users WHERE email = $1`,
      [email],
    );
    return visibleTo({ id: u.id, role: u.role as Role, assistedManagerIds: u.assisted });
  }

  /** What the actor an API token becomes (as the global guard resolves it) sees. */
  async function visibleToToken(boundTo: string): Promise<string[]> {
    const admin = (await t.login('admin@lider.test')).accessToken;
    const created = await t.http.post('/api/api-tokens').set(bearer(admin)).send({ name: `Scope ${boundTo}`, userId: await t.userId(boundTo) });
    const req = { headers: {}, method: 'GET', originalUrl: '/api/clients' } as unknown as Request;
    return visibleTo(await t.app.get(ApiTokenAuthenticator).authenticate(req, created.body.token));
  }

  async function visibleTo(actor: { id: string; role: Role; assistedManagerIds: string[] }): Promise<string[]> {
    const scope = scopeOf(actor);
    const qb = t.sql.createQueryBuilder().select('u.email', 'email').from('users', 'u').orderBy('u.email');
    const rows: Array<{ email: string }> = await applyScope(qb, scope, 'u.id').getRawMany();
    return rows.map((r) => r.email);
  }

  it('limits a sales manager to their own records', async () => {
    expect(await visibleEmails('manager3@lider.test')).toEqual(['manager3@lider.test']);
  });

  it('gives an assistant the records of the managers they assist, and nobody else’s', async () => {
    expect(await visibleEmails('assistant2@lider.test')).toEqual([6, 10, 7, 8, 9].map((n) => `manager${n}@lider.test`).sort());
  });

  it('gives an API token bound to a manager or an assistant exactly that person’s scope', async () => {
    expect(await visibleToToken('manager3@lider.test')).toEqual(['manager3@lider.test']);
    expect(await visibleToToken('assistant2@lider.test')).toEqual(await visibleEmails('assistant2@lider.test'));
  });

  it('matches nothing for a role without client scope (legal) — never everything', async () => {
    expect(await visibleEmails('legal@lider.test')).toEqual([]);
  });

  it('does not restrict management, the sales head and the back office', async () => {
    const total = Number((await t.sql.query('SELECT count(*)::int AS n FROM users'))[0].n);
    for (const email of ['director@lider.test', 'head@lider.test', 'service1@lider.test', 'marketing1@lider.test', 'quality@lider.test']) {
      expect(await visibleEmails(email)).toHaveLength(total);
    }
  });

  it('answers the same question for rows already loaded', () => {
    const scope = scopeOf({ id: 'm1', role: 'sales_manager', assistedManagerIds: [] });
    expect(inScope(scope, 'm1')).toBe(true);
    expect(inScope(scope, 'm2')).toBe(false);
    expect(inScope(scope, null)).toBe(false);
    expect(inScope(scopeOf({ id: 'd', role: 'director', assistedManagerIds: [] }), null)).toBe(true);
  });
});
