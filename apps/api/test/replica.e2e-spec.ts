/**
 * Reports read from a real PostgreSQL streaming replica. The test brings its own servers
 * (this machine's PostgreSQL 15 binaries: initdb, pg_basebackup -R, pg_ctl), so it runs
 * the same on the PGlite and the PostgreSQL pass of the suite.
 */
import type { Response } from 'supertest';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/database/database-runtime';
import { READ_FROM_HEADER, WAL_FENCE_HEADER } from '../src/common/replica';
import { clientOf } from './setup/clients';
import { PG_BIN, PgCluster, pgBinariesPresent } from './setup/pg-cluster';
import { bearer, FixedClock, TestApp } from './setup/test-app';

const present = pgBinariesPresent();
// Jest prints nothing from a skipped file, so the reason is in the suite's name too.
const SKIP_REASON = `SKIPPED: PostgreSQL server binaries not found in ${PG_BIN} (set PG_BIN_DIR)`;
if (!present) console.warn(`replica.e2e-spec: ${SKIP_REASON}`);
const suite = (name: string, fn: () => void) => (present ? describe(name, fn) : describe.skip(`${name} — ${SKIP_REASON}`, fn));

const REPORTS = [
  '/api/analytics/dashboard',
  '/api/analytics/managers/monthly',
  '/api/analytics/funnel',
  '/api/analytics/sales?period=month',
  '/api/analytics/clients/portfolio',
  '/api/marketing/channels?from=2025-01-01&to=2026-12-31',
];
const EXPORTS = [
  '/api/analytics/dashboard.xlsx',
  '/api/analytics/managers/monthly.xlsx',
  '/api/analytics/funnel.xlsx',
  '/api/analytics/sales.xlsx?period=month',
  '/api/analytics/clients/portfolio.xlsx',
  '/api/clients/export?format=csv',
  '/api/marketing/channels/xlsx?from=2025-01-01&to=2026-12-31',
];

suite('reports from a PostgreSQL streaming replica', () => {
  let cluster: PgCluster;
  let primaryPort: number;
  let standbyPort: number;
  let t: TestApp;
  let director: string;
  let manager: string;
  /** Report bodies read from the replica once it had caught up (compared with the primary's at the end). */
  const fromReplica = new Map<string, unknown>();

  const standbyConnections = async () =>
    Number(
      (await cluster.query<{ n: string }>(standbyPort, `SELECT count(*)::text AS n FROM pg_stat_activity WHERE application_name = 'polar-api-reports'`))[0].n,
    );
  const caughtUp = async () => {
    const [{ lsn }] = await cluster.query<{ lsn: string }>(primaryPort, 'SELECT pg_current_wal_lsn()::text AS lsn');
    for (let i = 0; i < 100; i++) {
      const [{ ok }] = await cluster.query<{ ok: boolean }>(standbyPort, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the standby did not catch up in 10 s');
  };
  const openDeals = (res: Response) => {
    expect(res.status).toBe(200);
    return res.body.kpis.openDeals as number;
  };
  const from = (res: Response) => res.headers[READ_FROM_HEADER.toLowerCase()];

  beforeAll(async () => {
    cluster = PgCluster.create();
    try {
      primaryPort = await cluster.initPrimary();
      await cluster.query(primaryPort, 'CREATE DATABASE polar');
      standbyPort = await cluster.addStandby(primaryPort);
      // Migrated and seeded after the standby is up: it all arrives by streaming.
      const primaryUrl = cluster.url(primaryPort, 'polar');
      await prepareDatabase({ url: primaryUrl, poolMax: 2 }, { migrate: true, seed: 'always' });
      t = await TestApp.startOn(
        { target: { url: primaryUrl, poolMax: 5 }, close: async () => undefined },
        {
          env: { DATABASE_URL: primaryUrl, DATABASE_REPLICA_URL: cluster.url(standbyPort, 'polar'), REPLICA_MAX_LAG_SECONDS: '60' },
          // One "now" for every request: report bodies read at different moments compare equal.
          clock: new FixedClock(new Date().toISOString()),
        },
      );
      director = (await t.login('director@lider.test')).accessToken;
      manager = (await t.login('manager1@lider.test')).accessToken;
      await caughtUp();
    } catch (e) {
      cluster.destroySync();
      throw e;
    }
    // initdb, a base backup, migrations and the demo seed, then the app: on a busy machine that is a while.
  }, 240_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    cluster?.destroySync();
  });

  it('reads every report and export from the standby, with the same figures as the primary has', async () => {
    for (const url of REPORTS) {
      const res = await t.http.get(url).set(bearer(director));
      expect([url, res.status]).toEqual([url, 200]);
      expect([url, from(res)]).toEqual([url, 'replica']);
      fromReplica.set(url, res.body);
    }
    for (const url of EXPORTS) {
      const res = await t.http.get(url).set(bearer(director)).buffer(true);
      expect([url, res.status, from(res)]).toEqual([url, 200, 'replica']);
      expect(res.headers['content-disposition']).toMatch(/attachment/);
    }
    // The connections are really the standby's (pg_stat_activity there), under the reports' name.
    expect(await standbyConnections()).toBeGreaterThan(0);
    // Whatever is not a report still reads and writes the primary.
    const me = await t.http.get('/api/clients?pageSize=1').set(bearer(director));
    expect(me.status).toBe(200);
    expect(from(me)).toBeUndefined();
  });

  it('a user who just wrote reads their write while the standby lags; others read the (stale) standby within the bound', async () => {
    const before = openDeals(await t.http.get('/api/analytics/dashboard').set(bearer(manager)));
    const directorBefore = openDeals(await t.http.get('/api/analytics/dashboard').set(bearer(director)));
    await cluster.query(standbyPort, 'SELECT pg_wal_replay_pause()');
    try {
      const { id: clientId } = await clientOf(t, 'manager1@lider.test');
      const created = await t.http.post('/api/deals').set(bearer(manager)).send({ clientId, title: 'Витрины для нового зала' });
      expect(created.status).toBe(201);
      // The write answers with the primary's WAL position: a cookie for the SPA and a header.
      const fence = created.headers[WAL_FENCE_HEADER.toLowerCase()] as string;
      expect(fence).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      const cookie = (created.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('polar_wal_lsn='))!;
      expect(cookie).toMatch(/HttpOnly/);

      // The writer (the browser sends the cookie back): the primary, with the new deal.
      const own = await t.http.get('/api/analytics/dashboard').set(bearer(manager)).set('Cookie', cookie.split(';')[0]);
      expect(from(own)).toBe('primary');
      expect(openDeals(own)).toBe(before + 1);
      // The same through the header (API clients that echo it).
      const ownByHeader = await t.http.get('/api/analytics/dashboard').set(bearer(manager)).set(WAL_FENCE_HEADER, fence);
      expect([from(ownByHeader), openDeals(ownByHeader)]).toEqual(['primary', before + 1]);

      // Without the fence the standby answers, and it does not have the deal yet: proof that it is read.
      const stale = await t.http.get('/api/analytics/dashboard').set(bearer(director));
      expect([from(stale), openDeals(stale)]).toEqual(['replica', directorBefore]);

      // Beyond the lag bound nobody reads the standby.
      const config = t.app.get<AppConfig>(APP_CONFIG);
      config.replicaMaxLagSeconds = 1;
      try {
        await new Promise((r) => setTimeout(r, 2_300));
        const bounded = await t.http.get('/api/analytics/dashboard').set(bearer(director));
        expect([from(bounded), openDeals(bounded)]).toEqual(['primary', directorBefore + 1]);
      } finally {
        config.replicaMaxLagSeconds = 60;
      }
    } finally {
      await cluster.query(standbyPort, 'SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    await new Promise((r) => setTimeout(r, 1_100));
    // Caught up: everyone reads the standby again, the writer included (their write is there now).
    const again = await t.http.get('/api/analytics/dashboard').set(bearer(director));
    expect([from(again), openDeals(again)]).toEqual(['replica', directorBefore + 1]);
    for (const url of REPORTS) {
      const res = await t.http.get(url).set(bearer(director));
      expect([url, from(res)]).toEqual([url, 'replica']);
      fromReplica.set(url, res.body);
    }
  });

  it('with the standby stopped, every report and export answers from the primary, with the same figures', async () => {
    cluster.stop('standby');
    for (const url of REPORTS) {
      const res = await t.http.get(url).set(bearer(director));
      expect([url, res.status, from(res)]).toEqual([url, 200, 'primary']);
      expect(res.body).toEqual(fromReplica.get(url));
    }
    for (const url of EXPORTS) {
      const res = await t.http.get(url).set(bearer(director)).buffer(true);
      expect([url, res.status, from(res)]).toEqual([url, 200, 'primary']);
    }
    // Writes go on as ever.
    const { id: clientId } = await clientOf(t, 'manager1@lider.test');
    expect((await t.http.post('/api/deals').set(bearer(manager)).send({ clientId, title: 'Ещё одна сделка' })).status).toBe(201);

    // And once it is back, reports return to it.
    cluster.start('standby');
    await caughtUp();
    await new Promise((r) => setTimeout(r, 5_200));
    const back = await t.http.get('/api/analytics/dashboard').set(bearer(director));
    expect([back.status, from(back)]).toEqual([200, 'replica']);
  });
});
