import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config';
import { bearer, cloneTemplateDatabase, TestApp } from './setup/test-app';

/** The claims of a JWT, read without verifying it. */
const claimsOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

describe('sign-in, sessions and throttling', () => {
  let t: TestApp;
  // Each test signs in from addresses of its own (X-Forwarded-For), so the default
  // throttling limits apply without one test's failures spilling into another's.
  let nextIp = 1;
  const freshIp = () => `198.18.0.${nextIp++}`;
  const login = (email: string, password: string, ip: string) =>
    t.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  const me = (accessToken: string) => t.http.get('/api/auth/me').set(bearer(accessToken));

  beforeAll(async () => {
    t = await TestApp.start({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  it('signs a demo user in and returns tokens, the user and a short-lived access token', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'Director@Lider.test', password: 'lider-demo' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'director@lider.test', role: 'director', fullName: 'Орлов Михаил Анатольевич' });
    expect(res.body.expiresIn).toBeLessThanOrEqual(900);
    const payload = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(15 * 60);
    const me = await t.http.get('/api/auth/me').set(bearer(res.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body.permissions).toEqual(expect.arrayContaining(['analytics.read', 'users.read']));
    expect(me.body.permissions).not.toContain('users.manage');
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const unknown = await t.http.post('/api/auth/login').send({ email: 'nobody@lider.test', password: 'lider-demo' });
    const wrong = await t.http.post('/api/auth/login').send({ email: 'quality@lider.test', password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('throttles repeated failures for one e-mail from one address with 429 and Retry-After, even with the right password', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expect((await login('marketing2@lider.test', 'guess' + i, ip)).status).toBe(401);
    }
    const blocked = await login('marketing2@lider.test', 'lider-demo', ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_requests');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another user from the same address is not locked out by someone else's typos…
    expect((await login('marketing1@lider.test', 'lider-demo', ip)).status).toBe(200);
    // …and the same user signs in from another address (their phone).
    expect((await login('marketing2@lider.test', 'lider-demo', freshIp())).status).toBe(200);
  });

  it('lets a whole office behind one address sign in after many colleagues mistyped their passwords', async () => {
    const office = freshIp();
    const staff = ['manager4@lider.test', 'manager5@lider.test', 'manager6@lider.test', 'manager7@lider.test', 'manager8@lider.test',
      'manager9@lider.test', 'manager10@lider.test', 'service1@lider.test'];
    // 32 failures from one address: more than the old per-address limit of 30.
    for (const email of staff) {
      for (let i = 0; i < 4; i++) expect((await login(email, `typo-${i}`, office)).status).toBe(401);
    }
    for (const email of staff) expect((await login(email, 'lider-demo', office)).status).toBe(200);
  });

  it('still protects one account guessed at from many addresses', async () => {
    for (let i = 0; i < 20; i++) expect((await login('service2@lider.test', `guess-${i}`, freshIp())).status).toBe(401);
    const blocked = await login('service2@lider.test', 'lider-demo', freshIp());
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles one address trying many e-mails', async () => {
    const ip = '203.0.113.7';
    const app = await TestApp.start({ env: { LOGIN_MAX_FAILURES_PER_IP: '4', TRUST_PROXY: 'true' } });
    try {
      for (let i = 0; i < 4; i++) {
        await app.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: `probe${i}@lider.test`, password: 'x' });
      }
      const res = await app.http.post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: 'head@lider.test', password: 'lider-demo' });
      expect(res.status).toBe(429);
      const other = await app.http.post('/api/auth/login').set('X-Forwarded-For', '198.51.100.1').send({ email: 'head@lider.test', password: 'lider-demo' });
      expect(other.status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('rotates refresh tokens: the new pair works, the old refresh token is dead', async () => {
    const s = await t.login('manager1@lider.test');
    const r1 = await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(s.refreshToken);
    expect((await t.http.get('/api/auth/me').set(bearer(r1.body.accessToken))).status).toBe(200);
    const r2 = await t.http.post('/api/auth/refresh').send({ refreshToken: r1.body.refreshToken });
    expect(r2.status).toBe(200);
  });

  it('revokes the whole sign-in when a used refresh token is presented again (theft)', async () => {
    const s = await t.login('manager2@lider.test');
    const rotated = await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(rotated.status).toBe(200);
    const replay = await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('refresh_token_reused');
    // The legitimate holder's newer token is revoked too.
    const legit = await t.http.post('/api/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
    expect(legit.status).toBe(401);
    // Another sign-in of the same user is untouched.
    const other = await t.login('manager2@lider.test');
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: other.refreshToken })).status).toBe(200);
  });

  it('logs out: the refresh token and the access token stop working at once', async () => {
    const s = await t.login('manager3@lider.test');
    const other = await t.login('manager3@lider.test');
    expect((await me(s.accessToken)).status).toBe(200);
    expect((await t.http.post('/api/auth/logout').send({ refreshToken: s.refreshToken })).status).toBe(204);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
    expect((await me(s.accessToken)).status).toBe(401);
    // The user's other sign-in (another browser) goes on.
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('ends the access tokens of a sign-in whose spent refresh token was presented again', async () => {
    const s = await t.login('manager4@lider.test');
    const rotated = await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(rotated.status).toBe(200);
    const other = await t.login('manager4@lider.test');
    expect((await me(rotated.body.accessToken)).status).toBe(200);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
    expect((await me(s.accessToken)).status).toBe(401);
    expect((await me(rotated.body.accessToken)).status).toBe(401);
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('refuses a correctly signed access token that never expires', async () => {
    const s = await t.login('manager5@lider.test');
    const { exp: _exp, iat: _iat, ...claims } = claimsOf(s.accessToken);
    const secret = t.app.get<AppConfig>(APP_CONFIG).jwt.accessSecret;
    const forever = await t.app.get(JwtService).signAsync(claims, { secret, algorithm: 'HS256' });
    expect(claimsOf(forever).exp).toBeUndefined();
    const res = await me(forever);
    expect(res.status).toBe(401);
    expect((await me(s.accessToken)).status).toBe(200);
  });

  it('ends every session of a user when an admin resets the password', async () => {
    const admin = await t.login('admin@lider.test');
    const a = await t.login('service3@lider.test');
    const b = await t.login('service3@lider.test');
    const reset = await t.http.post(`/api/users/${a.userId}/reset-password`).set(bearer(admin.accessToken)).send({ newPassword: 'given-by-admin-1' });
    expect(reset.status).toBe(204);
    expect((await me(a.accessToken)).status).toBe(401);
    expect((await me(b.accessToken)).status).toBe(401);
    expect((await me(admin.accessToken)).status).toBe(200);
  });

  it('shuts a deactivated user out on the next request, not at token expiry', async () => {
    const admin = await t.login('admin@lider.test');
    const victim = await t.login('service7@lider.test');
    expect((await t.http.get('/api/auth/me').set(bearer(victim.accessToken))).status).toBe(200);
    expect((await t.http.post(`/api/users/${victim.userId}/deactivate`).set(bearer(admin.accessToken))).status).toBe(200);
    expect((await t.http.get('/api/auth/me').set(bearer(victim.accessToken))).status).toBe(401);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: victim.refreshToken })).status).toBe(401);
    const again = await t.http.post('/api/auth/login').send({ email: 'service7@lider.test', password: 'lider-demo' });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('invalid_credentials');
  });

  it('applies a role change on the next request', async () => {
    const admin = await t.login('admin@lider.test');
    const user = await t.login('marketing1@lider.test');
    expect((await t.http.get('/api/users').set(bearer(user.accessToken))).status).toBe(403);
    const current = await t.http.get(`/api/users/${user.userId}`).set(bearer(admin.accessToken));
    const changed = await t.http
      .put(`/api/users/${user.userId}/role`)
      .set(bearer(admin.accessToken))
      .send({ role: 'sales_head', version: current.body.version });
    expect(changed.status).toBe(200);
    expect((await t.http.get('/api/users').set(bearer(user.accessToken))).status).toBe(200);
  });

  it('changes the own password: the old one stops working, other sessions end, this one stays', async () => {
    const here = await t.login('assistant2@lider.test');
    const elsewhere = await t.login('assistant2@lider.test');
    const wrong = await t.http
      .post('/api/auth/change-password')
      .set(bearer(here.accessToken))
      .send({ currentPassword: 'nope', newPassword: 'a-new-password' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
    const ok = await t.http
      .post('/api/auth/change-password')
      .set(bearer(here.accessToken))
      .send({ currentPassword: 'lider-demo', newPassword: 'a-new-password' });
    expect(ok.status).toBe(204);
    expect((await t.http.post('/api/auth/login').send({ email: 'assistant2@lider.test', password: 'lider-demo' })).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ email: 'assistant2@lider.test', password: 'a-new-password' })).status).toBe(200);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: elsewhere.refreshToken })).status).toBe(401);
    // The other session's access token ends now, not when it expires; this one stays.
    expect((await me(elsewhere.accessToken)).status).toBe(401);
    expect((await me(here.accessToken)).status).toBe(200);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: here.refreshToken })).status).toBe(200);
  });

  it('keeps sessions across a restart with the secret it generated, and refuses tokens of another installation', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'polar-secret-'));
    const otherDir = mkdtempSync(join(tmpdir(), 'polar-secret-'));
    const db = await cloneTemplateDatabase();
    // No JWT_ACCESS_SECRET: the secret is generated into DATA_DIR on the first start.
    const withSecretIn = (dir: string) => ({ env: { JWT_ACCESS_SECRET: '', DATA_DIR: dir } });
    try {
      const first = await TestApp.startOn(db, withSecretIn(dataDir));
      const s = await first.login('quality@lider.test');
      await first.close({ keepDatabase: true });

      const restarted = await TestApp.startOn(db, withSecretIn(dataDir));
      expect((await restarted.http.get('/api/auth/me').set(bearer(s.accessToken))).status).toBe(200);
      await restarted.close({ keepDatabase: true });

      const elsewhere = await TestApp.startOn(db, withSecretIn(otherDir));
      expect((await elsewhere.http.get('/api/auth/me').set(bearer(s.accessToken))).status).toBe(401);
      await elsewhere.close({ keepDatabase: true });
    } finally {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('works through the generated typed client', async () => {
    const api = t.client();
    const { data, error } = await api.POST('/api/auth/login', { body: { email: 'legal@lider.test', password: 'lider-demo' } });
    expect(error).toBeUndefined();
    const me = await t.client(data!.accessToken).GET('/api/auth/me');
    expect(me.data?.role).toBe('legal');
  });
});
