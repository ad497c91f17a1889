/**
 * The per-process caches of the access check (modules/auth/actor-cache.ts,
 * verified-token-cache.ts): used, and never stale. Whatever changes an account or a
 * session — through the API of this process, or by SQL on another connection (another
 * process, a job, an operator) — the next request sees it.
 *
 * On PostgreSQL the actor cache is on (the app LISTENs); on the embedded PGlite it is off
 * by design and every request loads the user, which these tests check as well. The
 * cross-connection cases wait for the notification with a bounded poll of the cache.
 */
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config';
import { DatabaseNotifications } from '../src/common/notifications';
import { AuthActorCache } from '../src/modules/auth/actor-cache';
import { AccessTokenVerifier } from '../src/modules/auth/jwt.strategy';
import { bearer, type Session, TestApp } from './setup/test-app';

const onPostgres = !!process.env.DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sidOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;

describe(`the access check's caches (${onPostgres ? 'PostgreSQL: actor cache on' : 'PGlite: actor cache off'})`, () => {
  let t: TestApp;
  let verifier: AccessTokenVerifier;
  let actors: AuthActorCache;
  let notifications: DatabaseNotifications;

  const me = (s: Session) => t.http.get('/api/auth/me').set(bearer(s.accessToken));
  const loads = () => verifier.stats.userLoads;
  const admin = async () => t.login('admin@lider.test');

  /** Two requests; on PostgreSQL the second must come from the cache (no user query). */
  const warm = async (s: Session, path = '/api/auth/me') => {
    expect((await t.http.get(path).set(bearer(s.accessToken))).status).toBe(200);
    const before = loads();
    expect((await t.http.get(path).set(bearer(s.accessToken))).status).toBe(200);
    expect(loads() - before).toBe(onPostgres ? 0 : 1);
    if (onPostgres) expect(actors.has(s.userId, sidOf(s.accessToken))).toBe(true);
  };

  /** On PostgreSQL: until the NOTIFY of a change made on another connection has dropped the entry (bounded). */
  const untilForgotten = async (s: Session) => {
    if (!onPostgres) return;
    const deadline = Date.now() + 10_000;
    while (actors.has(s.userId, sidOf(s.accessToken))) {
      if (Date.now() > deadline) throw new Error('no notification dropped the cached user within 10 s');
      await sleep(10);
    }
  };

  const untilActive = async (active: boolean) => {
    const deadline = Date.now() + 10_000;
    while (actors.active !== active) {
      if (Date.now() > deadline) throw new Error(`the actor cache did not become ${active ? 'active' : 'inactive'} within 10 s`);
      await sleep(10);
    }
  };

  beforeAll(async () => {
    t = await TestApp.start();
    verifier = t.app.get(AccessTokenVerifier);
    actors = t.app.get(AuthActorCache);
    notifications = t.app.get(DatabaseNotifications);
    if (onPostgres) await untilActive(true);
  });
  afterAll(() => t.close());

  it(onPostgres ? 'is on while the app listens: the same token again neither re-verifies nor queries' : 'keeps the actor cache off on PGlite: every request queries the user', async () => {
    expect(actors.active).toBe(onPostgres);
    expect(notifications.available).toBe(onPostgres);
    const s = await t.login('manager6@lider.test');
    const tokenHits = verifier.stats.tokenHits;
    await warm(s);
    // The signature is verified once per token string, on both databases.
    expect(verifier.stats.tokenHits - tokenHits).toBe(1);
    // A hit is a copy: what one request does to req.user never reaches the next.
    const before = loads();
    const three = await Promise.all([me(s), me(s), me(s)]);
    expect(three.map((r) => r.body.email)).toEqual(Array(3).fill('manager6@lider.test'));
    expect(loads() - before).toBe(onPostgres ? 0 : 3);
  });

  it('never uses a verified token once its exp has passed', async () => {
    const s = await t.login('manager7@lider.test');
    const { sub, sid } = JSON.parse(Buffer.from(s.accessToken.split('.')[1], 'base64url').toString());
    const secret = t.app.get<AppConfig>(APP_CONFIG).jwt.accessSecret;
    const short = await t.app.get(JwtService).signAsync({ sub, sid }, { secret, algorithm: 'HS256', expiresIn: 2 });
    const { exp } = JSON.parse(Buffer.from(short.split('.')[1], 'base64url').toString());
    const tokenHits = verifier.stats.tokenHits;
    expect((await t.http.get('/api/auth/me').set(bearer(short))).status).toBe(200);
    expect((await t.http.get('/api/auth/me').set(bearer(short))).status).toBe(200);
    expect(verifier.stats.tokenHits - tokenHits).toBe(1);
    // jsonwebtoken's rule: valid while now < exp, in whole seconds.
    while (Math.floor(Date.now() / 1000) < exp) await sleep(50);
    expect((await t.http.get('/api/auth/me').set(bearer(short))).status).toBe(401);
    expect((await me(s)).status).toBe(200);
  });

  describe('a change made through the API applies to the very next request', () => {
    // Notifications are not heard during these tests: only the services' own forgetting
    // (actor-cache.ts, rule 3) can make the next request see the change.
    let deaf: jest.SpyInstance | undefined;
    beforeEach(() => {
      deaf = jest.spyOn(actors, 'onNotification').mockImplementation(() => undefined);
    });
    afterEach(() => deaf?.mockRestore());

    it('deactivation', async () => {
      const a = await admin();
      const victim = await t.login('service4@lider.test');
      await warm(victim);
      expect((await t.http.post(`/api/users/${victim.userId}/deactivate`).set(bearer(a.accessToken))).status).toBe(200);
      expect((await me(victim)).status).toBe(401);
    });

    it('role change', async () => {
      const a = await admin();
      const user = await t.login('marketing2@lider.test');
      await warm(user);
      expect((await t.http.get('/api/users').set(bearer(user.accessToken))).status).toBe(403);
      const current = await t.http.get(`/api/users/${user.userId}`).set(bearer(a.accessToken));
      const changed = await t.http.put(`/api/users/${user.userId}/role`).set(bearer(a.accessToken)).send({ role: 'sales_head', version: current.body.version });
      expect(changed.status).toBe(200);
      expect((await t.http.get('/api/users').set(bearer(user.accessToken))).status).toBe(200);
      expect((await me(user)).body.role).toBe('sales_head');
    });

    it('sign-out', async () => {
      const s = await t.login('manager8@lider.test');
      await warm(s);
      expect((await t.http.post('/api/auth/logout').send({ refreshToken: s.refreshToken })).status).toBe(204);
      expect((await me(s)).status).toBe(401);
    });

    it('a spent refresh token presented again', async () => {
      const s = await t.login('manager9@lider.test');
      await warm(s);
      expect((await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(200);
      expect((await t.http.post('/api/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
      expect((await me(s)).status).toBe(401);
    });

    it('password change (the other session) and reset (all)', async () => {
      const here = await t.login('service5@lider.test');
      const elsewhere = await t.login('service5@lider.test');
      await warm(here);
      await warm(elsewhere);
      const changed = await t.http.post('/api/auth/change-password').set(bearer(here.accessToken)).send({ currentPassword: 'lider-demo', newPassword: 'another-password-1' });
      expect(changed.status).toBe(204);
      expect((await me(elsewhere)).status).toBe(401);
      expect((await me(here)).status).toBe(200);
      await warm(here);
      const a = await admin();
      expect((await t.http.post(`/api/users/${here.userId}/reset-password`).set(bearer(a.accessToken)).send({ newPassword: 'given-by-admin-2' })).status).toBe(204);
      expect((await me(here)).status).toBe(401);
    });

    it('assisted managers and a manager who stops being one (the assistant’s scope)', async () => {
      const a = await admin();
      const assistant = await t.login('assistant1@lider.test');
      const total = async () => {
        const res = await t.http.get('/api/clients?pageSize=1').set(bearer(assistant.accessToken));
        expect(res.status).toBe(200);
        return res.body.total as number;
      };
      await warm(assistant, '/api/clients?pageSize=1');
      const all = await total();
      const managers = (await t.http.get(`/api/users/${assistant.userId}`).set(bearer(a.accessToken))).body.assistedManagerIds as string[];
      expect(managers).toHaveLength(5);
      const set = await t.http.put(`/api/users/${assistant.userId}/assisted-managers`).set(bearer(a.accessToken)).send({ managerIds: managers.slice(1) });
      expect(set.status).toBe(200);
      const fewer = await total();
      expect(fewer).toBeLessThan(all);
      expect((await me(assistant)).body.assistedManagerIds).toHaveLength(4);
      // A manager's role change removes him from every assistant: the assistant is not
      // the user changed, yet his scope shrinks on the next request.
      await warm(assistant, '/api/clients?pageSize=1');
      const manager = managers[1];
      const current = await t.http.get(`/api/users/${manager}`).set(bearer(a.accessToken));
      expect((await t.http.put(`/api/users/${manager}/role`).set(bearer(a.accessToken)).send({ role: 'service', version: current.body.version })).status).toBe(200);
      expect(await total()).toBeLessThan(fewer);
      expect((await me(assistant)).body.assistedManagerIds).toHaveLength(3);
    });
  });

  describe('a change made by SQL on another connection applies once its notification arrives', () => {
    it('deactivation', async () => {
      const s = await t.login('service6@lider.test');
      await warm(s);
      await t.sql.query(`UPDATE users SET is_active = false WHERE id = $1`, [s.userId]);
      await untilForgotten(s);
      expect((await me(s)).status).toBe(401);
    });

    it('role change', async () => {
      const s = await t.login('quality@lider.test');
      await warm(s);
      expect((await t.http.get('/api/users').set(bearer(s.accessToken))).status).toBe(403);
      await t.sql.query(`UPDATE users SET role = 'sales_head' WHERE id = $1`, [s.userId]);
      await untilForgotten(s);
      expect((await t.http.get('/api/users').set(bearer(s.accessToken))).status).toBe(200);
    });

    it('an ended session (as a password change elsewhere ends it)', async () => {
      const s = await t.login('cfo@lider.test');
      const other = await t.login('cfo@lider.test');
      await warm(s);
      await warm(other);
      await t.sql.query(`UPDATE auth_sessions SET ended_at = now(), end_reason = 'password_change' WHERE id = $1`, [sidOf(s.accessToken)]);
      await untilForgotten(s);
      expect((await me(s)).status).toBe(401);
      expect((await me(other)).status).toBe(200);
    });

    it('an assisted manager removed', async () => {
      const s = await t.login('assistant2@lider.test');
      await warm(s);
      const before = (await me(s)).body.assistedManagerIds as string[];
      expect(before).toHaveLength(5);
      await t.sql.query(`DELETE FROM user_assistants WHERE assistant_id = $1 AND manager_id = $2`, [s.userId, before[0]]);
      await untilForgotten(s);
      expect((await me(s)).body.assistedManagerIds).toHaveLength(4);
    });
  });

  (onPostgres ? it : it.skip)('bypasses and empties the cache while the LISTEN connection is down, and resumes after', async () => {
    const s = await t.login('manager10@lider.test');
    await warm(s);
    // Hold the reconnect off, then cut the listener's connection from the server side.
    notifications.retryDelayMs = () => 3_600_000;
    await t.sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'polar-notifications'`);
    await untilActive(false);
    expect(actors.size).toBe(0);
    const before = loads();
    expect((await me(s)).status).toBe(200);
    expect((await me(s)).status).toBe(200);
    expect(loads() - before).toBe(2);
    // Nobody hears this change; the cache is off, so the next request sees it anyway.
    await t.sql.query(`UPDATE users SET full_name = 'Переименован' WHERE id = $1`, [s.userId]);
    expect((await me(s)).body.fullName).toBe('Переименован');

    notifications.retryDelayMs = (n) => Math.min(10_000, 200 * 2 ** (n - 1));
    await notifications.reconnect();
    await untilActive(true);
    await warm(s);
  });
});
