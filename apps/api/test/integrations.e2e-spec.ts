import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBus } from '../src/common/events/event-bus';
import { ApiTokenAuthenticator } from '../src/modules/integrations/api-tokens/api-token-authenticator';
import { WorkQueue } from '../src/modules/queue';
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

    it('parallel calls of one token draw on its bucket one at a time: exactly the burst gets through', async () => {
      const busy = await createToken({ name: 'Параллельный', role: 'director', ratePerSecond: 1, burst: 3 });
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 10 }, () => t.http.get('/api/clients?pageSize=1').set(apiKey(busy.token))));
      // One more request per second elapsed may pass (a slow machine); ten calls take far less.
      const refilled = Math.floor((Date.now() - started) / 1000);
      const passed = answers.filter((r) => r.status === 200);
      expect(passed.length).toBeGreaterThanOrEqual(3);
      expect(passed.length).toBeLessThanOrEqual(3 + refilled);
      expect(answers.filter((r) => r.status === 429)).toHaveLength(10 - passed.length);
      if (refilled === 0) expect(passed.map((r) => r.headers['ratelimit-remaining']).sort()).toEqual(['0', '1', '2']);
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

  describe('webhooks', () => {
    /** An in-process receiver: records what arrives; answers `fail` times with 503 first. */
    let receiver: Server;
    let url: string;
    let received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
    let fail = 0;
    const drain = (includeDelayed = false) => t.app.get(WorkQueue).drain({ queues: ['webhooks.deliver'], includeDelayed });
    let hook: { id: string; secret: string };

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          if (fail > 0) {
            fail--;
            res.writeHead(503).end('временно недоступен');
          } else res.writeHead(200).end('ok');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const res = await t.http
        .post('/api/webhooks')
        .set(bearer(admin))
        .send({ name: 'Учётная система', url, events: ['client.created', 'deal.stage_changed'], allowPrivateNetwork: true });
      expect(res.status).toBe(201);
      hook = res.body;
      await drain(true); // nothing left over from earlier tests
      received = [];
    });
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    it('delivers a committed event once, signed over timestamp and body', async () => {
      const client = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'ООО «Подписано»', city: 'Тверь' });
      expect(received).toHaveLength(0); // nothing is sent inside the request
      await drain();
      await drain(true);
      expect(received).toHaveLength(1);
      const [got] = received;
      const payload = JSON.parse(got.body);
      expect(payload).toMatchObject({ type: 'client.created', id: expect.any(String), occurredAt: expect.any(String), resource: { type: 'client', id: client.body.id, sequence: 1 }, data: { clientId: client.body.id } });
      const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(got.headers['x-polar-signature']))!;
      expect(createHmac('sha256', hook.secret).update(`${ts}.${got.body}`).digest('hex')).toBe(sig);
      expect(got.headers['x-polar-event']).toBe('client.created');
      received = [];
    });

    it('sends nothing for a rolled-back transaction', async () => {
      const off = t.app.get(EventBus).subscribe('client.created', async () => {
        throw new Error('something later in the transaction failed');
      }, 'test.rollback');
      try {
        const res = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'ООО «Откат»', city: 'Тверь' });
        expect(res.status).toBeGreaterThanOrEqual(500);
      } finally {
        off();
      }
      await drain(true);
      expect(received).toHaveLength(0);
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM clients WHERE name = 'ООО «Откат»'`))[0].n).toBe(0);
    });

    it('retries a failing receiver with growing pauses, logs every attempt, and the third one gets through; replay sends it again', async () => {
      fail = 2;
      await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'ООО «Третья попытка»', city: 'Тверь' });
      await drain();
      const [item] = await t.sql.query(`SELECT id, attempts, run_at - now() AS pause, status FROM queue_items WHERE queue = 'webhooks.deliver' ORDER BY id DESC LIMIT 1`);
      expect(item).toMatchObject({ attempts: 1, status: 'waiting' });
      const firstPause = Number((await t.sql.query(`SELECT extract(epoch FROM run_at - now())::int AS s FROM queue_items WHERE id = $1`, [item.id]))[0].s);
      expect(firstPause).toBeGreaterThanOrEqual(5);
      await drain(true);
      expect(received).toHaveLength(3);
      expect(new Set(received.map((r) => JSON.parse(r.body).id)).size).toBe(1);

      const log = await t.http.get(`/api/webhooks/${hook.id}/deliveries`).set(bearer(admin));
      const delivery = log.body.items.find((d: { payload: { data: { name: string } } }) => d.payload.data.name === 'ООО «Третья попытка»');
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
      expect(delivery.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([503, 503, 200]);
      expect(delivery.attemptLog[0]).toMatchObject({ responseExcerpt: 'временно недоступен', durationMs: expect.any(Number) });

      received = [];
      const replay = await t.http.post(`/api/webhooks/${hook.id}/deliveries/${delivery.id}/replay`).set(bearer(admin));
      expect(replay.status).toBe(201);
      await drain();
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0].body).id).toBe(delivery.eventId);

      received = [];
      const range = await t.http
        .post(`/api/webhooks/${hook.id}/replay`)
        .set(bearer(admin))
        .send({ from: new Date(Date.now() - 3600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
      expect(range.body.queued).toBeGreaterThanOrEqual(2);
      await drain();
      expect(received).toHaveLength(range.body.queued);
      received = [];
    });

    it('refuses URLs into private networks unless allowed, and other schemes', async () => {
      for (const bad of ['http://127.0.0.1:9/x', 'http://10.0.0.5/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://localhost/x']) {
        const res = await t.http.post('/api/webhooks').set(bearer(admin)).send({ name: 'Внутренний', url: bad, events: ['deal.won'] });
        expect({ bad, status: res.status, code: res.body.code }).toEqual({ bad, status: 422, code: 'ssrf_refused' });
      }
      const ftp = await t.http.post('/api/webhooks').set(bearer(admin)).send({ name: 'FTP', url: 'ftp://example.com/x', events: ['deal.won'] });
      expect(ftp.status).toBe(400);
      expect(ftp.body.details).toEqual([expect.objectContaining({ field: 'url' })]);
      expect((await t.http.post('/api/webhooks').set(bearer(manager1)).send({ name: 'Мой', url: 'https://example.com', events: ['deal.won'] })).status).toBe(403);
    });
  });
});
