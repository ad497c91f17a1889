import { ApiTokenAuthenticator } from '../src/modules/integrations/api-tokens/api-token-authenticator';
import { bearer, TestApp } from './setup/test-app';

/**
 * Integrations as an integrator meets them: API tokens that act as a staff member (same
 * permissions and record scope), rate limits, idempotent POSTs, webhooks and inbound
 * channels.
 */
describe('integrations', () => {
  let t: TestApp;
  let admin: string;
  let manager1: string;
  let manager1Id: string;
  let manager6Id: string;

  const createToken = async (body: object) => {
    const res = await t.http.post('/api/api-tokens').set(bearer(admin)).send(body);
    if (res.status !== 201) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; token: string; tokenPrefix: string; role: string };
  };
  const apiKey = (token: string) => ({ 'X-API-Key': token });

  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.login('admin@lider.test')).accessToken;
    const m1 = await t.login('manager1@lider.test');
    manager1 = m1.accessToken;
    manager1Id = m1.userId;
    manager6Id = await t.userId('manager6@lider.test');
  });
  afterAll(() => t.close());

  describe('API tokens', () => {
    it('a token bound to a manager sees exactly that manager’s clients, through either header', async () => {
      const created = await createToken({ name: 'Сайт', userId: manager1Id, ratePerSecond: 1000 });
      expect(created).toMatchObject({ role: 'sales_manager', token: expect.stringMatching(/^polar_/) });
      expect(created.token.startsWith(created.tokenPrefix)).toBe(true);
      // Shown once: the list never carries the secret, and the database keeps only a hash.
      const list = await t.http.get('/api/api-tokens').set(bearer(admin));
      expect(JSON.stringify(list.body)).not.toContain(created.token);
      const [stored] = await t.sql.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [created.id]);
      expect(stored.token_hash).not.toContain(created.token.slice(6));

      const asStaff = await t.http.get('/api/clients?pageSize=200').set(bearer(manager1));
      const viaBearer = await t.http.get('/api/clients?pageSize=200').set(bearer(created.token));
      const viaKey = await t.http.get('/api/clients?pageSize=200').set(apiKey(created.token));
      expect(viaBearer.status).toBe(200);
      expect(viaBearer.body.total).toBe(asStaff.body.total);
      expect(viaKey.body.items.map((c: { id: string }) => c.id)).toEqual(asStaff.body.items.map((c: { id: string }) => c.id));

      const [foreign] = await t.sql.query(`SELECT id FROM clients WHERE manager_id = $1 LIMIT 1`, [manager6Id]);
      expect((await t.http.get(`/api/clients/${foreign.id}`).set(apiKey(created.token))).status).toBe(404);
      // The role's permissions hold too: a sales manager may not read the audit log or manage users.
      expect((await t.http.get('/api/audit-log').set(apiKey(created.token))).status).toBe(403);
      // A token is not a person: no sessions, no minting of tokens.
      expect((await t.http.get('/api/auth/me').set(apiKey(created.token))).status).toBe(403);
      expect((await t.http.get('/api/api-tokens').set(apiKey(created.token))).status).toBe(403);
    });

    it('refuses a personal role without a bound staff member, and a role other than the person’s', async () => {
      const unbound = await t.http.post('/api/api-tokens').set(bearer(admin)).send({ name: 'Ничей', role: 'sales_manager' });
      expect(unbound.status).toBe(400);
      expect(unbound.body.details).toEqual([expect.objectContaining({ field: 'userId' })]);
      const wrong = await t.http.post('/api/api-tokens').set(bearer(admin)).send({ name: 'Чужая роль', role: 'director', userId: manager1Id });
      expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'role' })]);
      expect((await t.http.post('/api/api-tokens').set(bearer(manager1)).send({ name: 'Мой', userId: manager1Id })).status).toBe(403);
    });

    it('answers 401 at once after revocation and after expiry, and rotation keeps the old secret for the overlap', async () => {
      const a = await createToken({ name: 'Отзываемый', role: 'director' });
      expect((await t.http.get('/api/clients?pageSize=1').set(apiKey(a.token))).status).toBe(200);
      expect((await t.http.post(`/api/api-tokens/${a.id}/revoke`).set(bearer(admin))).body.status).toBe('revoked');
      expect((await t.http.get('/api/clients?pageSize=1').set(apiKey(a.token))).status).toBe(401);

      const b = await createToken({ name: 'Истекающий', role: 'director' });
      await t.sql.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [b.id]);
      expect((await t.http.get('/api/clients?pageSize=1').set(bearer(b.token))).status).toBe(401);
      expect((await t.http.get('/api/clients?pageSize=1').set(apiKey('polar_nonsense'))).status).toBe(401);

      const c = await createToken({ name: 'Ротируемый', role: 'director' });
      const rotated = await t.http.post(`/api/api-tokens/${c.id}/rotate`).set(bearer(admin)).send({ overlapHours: 1 });
      expect(rotated.status).toBe(201);
      expect(rotated.body).toMatchObject({ rotatedFrom: c.id, name: 'Ротируемый', token: expect.stringMatching(/^polar_/) });
      expect((await t.http.get('/api/clients?pageSize=1').set(apiKey(c.token))).status).toBe(200);
      expect((await t.http.get('/api/clients?pageSize=1').set(apiKey(rotated.body.token))).status).toBe(200);
      const now = await t.http.post(`/api/api-tokens/${rotated.body.id}/rotate`).set(bearer(admin)).send({ overlapHours: 0 });
      expect((await t.http.get('/api/clients?pageSize=1').set(apiKey(rotated.body.token))).status).toBe(401);
      expect((await t.http.get('/api/clients?pageSize=1').set(apiKey(now.body.token))).status).toBe(200);
    });

    it('limits the rate per token with 429, Retry-After and RateLimit-* headers', async () => {
      const slow = await createToken({ name: 'Медленный', role: 'director', ratePerSecond: 1, burst: 2 });
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await t.http.get('/api/clients?pageSize=1').set(apiKey(slow.token)));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(answers[0].headers['ratelimit-limit']).toBe('2');
      expect(answers[0].headers['ratelimit-remaining']).toBe('1');
      expect(answers[2].body.code).toBe('rate_limited');
      expect(Number(answers[2].headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Another token is not affected.
      const other = await createToken({ name: 'Соседний', role: 'director' });
      expect((await t.http.get('/api/clients?pageSize=1').set(apiKey(other.token))).status).toBe(200);
    });

    it('writes every call and every change made by a token to the audit log under the token’s name', async () => {
      const tok = await createToken({ name: 'Интеграция 1С', userId: manager1Id, ratePerSecond: 100 });
      const created = await t.http.post('/api/clients').set(apiKey(tok.token)).send({ kind: 'legal_entity', name: 'ООО «Из интеграции»', city: 'Тверь' });
      expect(created.status).toBe(201);
      await t.app.get(ApiTokenAuthenticator).flush();
      const calls = await t.sql.query(`SELECT action, changes, api_token_name, actor_id FROM audit_log WHERE api_token_id = $1 ORDER BY id`, [tok.id]);
      expect(calls.map((c: { action: string }) => c.action)).toEqual(['create', 'api_call']);
      expect(calls[1]).toMatchObject({ api_token_name: 'Интеграция 1С', actor_id: manager1Id, changes: { method: { to: 'POST' }, path: { to: '/api/clients' }, status: { to: 201 } } });
      const [used] = await t.sql.query(`SELECT last_used_at, last_used_ip FROM api_tokens WHERE id = $1`, [tok.id]);
      expect(used.last_used_at).not.toBeNull();
      expect(used.last_used_ip).toMatch(/127\.0\.0\.1/);
    });
  });

  describe('idempotency keys', () => {
    it('20 parallel POSTs with one key create one record and all get its answer; another body is 422', async () => {
      const body = { kind: 'legal_entity', name: 'ООО «Ровно один»', city: 'Клин' };
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => t.http.post('/api/clients').set(bearer(manager1)).set('Idempotency-Key', 'order-7f3a').send(body)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
      expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
      const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM clients WHERE name = $1`, [body.name]);
      expect(n).toBe(1);

      const other = await t.http.post('/api/clients').set(bearer(manager1)).set('Idempotency-Key', 'order-7f3a').send({ ...body, city: 'Дмитров' });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency_key_reused');
      // The key is per caller: another user's request with the same key is a request of its own.
      const head = (await t.login('head@lider.test')).accessToken;
      const theirs = await t.http.post('/api/clients').set(bearer(head)).set('Idempotency-Key', 'order-7f3a').send({ ...body, name: 'ООО «Другой вызывающий»' });
      expect(theirs.status).toBe(201);
    });

    it('a failed first request frees the key', async () => {
      const bad = await t.http.post('/api/clients').set(bearer(manager1)).set('Idempotency-Key', 'retry-me').send({ kind: 'legal_entity' });
      expect(bad.status).toBe(400);
      const good = await t.http.post('/api/clients').set(bearer(manager1)).set('Idempotency-Key', 'retry-me').send({ kind: 'legal_entity', name: 'ООО «Со второй попытки»' });
      expect(good.status).toBe(201);
    });
  });
});
