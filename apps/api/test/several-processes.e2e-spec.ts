/**
 * Several API processes on one machine and one PostgreSQL database, as the README's
 * Production section and docker/compose.yaml run them: two built servers
 * (apps/api/dist/main.js, as `node dist/main.js` in the image) side by side.
 * PostgreSQL only: the embedded database belongs to one process (its data directory is locked).
 * Needs the API built (`pnpm build`, which .ci/run does before the tests).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { moscowToday } from '@polar/business-time';
import { addWorkingDays, isWorkingDay } from '@polar/calendar';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { DEMO_PASSWORD } from '../src/database/seed/demo-staff';
import { freePort } from './setup/pg-cluster';
import { cloneTemplateDatabase, type TestDatabase } from './setup/test-app';

const MAIN_JS = join(__dirname, '..', 'dist', 'main.js');
const onPostgres = !!process.env.DATABASE_URL;
// Jest prints nothing from a skipped file, so the reason is in the suite's name too.
const SKIP_REASON = 'SKIPPED: needs PostgreSQL (DATABASE_URL); the embedded database serves one process only';
if (!onPostgres) console.warn(`several-processes.e2e-spec: ${SKIP_REASON}`);
const suite = (name: string, fn: () => void) => (onPostgres ? describe(name, fn) : describe.skip(`${name} — ${SKIP_REASON}`, fn));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One built API server (dist/main.js) in its own process. */
class ApiServer {
  private output = '';
  private exited = false;
  private constructor(
    readonly proc: ChildProcess,
    readonly base: string,
  ) {
    proc.stdout?.on('data', (c: Buffer) => (this.output = (this.output + c.toString()).slice(-20_000)));
    proc.stderr?.on('data', (c: Buffer) => (this.output = (this.output + c.toString()).slice(-20_000)));
    proc.on('exit', () => (this.exited = true));
  }

  static async start(databaseUrl: string): Promise<ApiServer> {
    const port = await freePort();
    const proc = spawn(process.execPath, [MAIN_JS], {
      cwd: join(__dirname, '..'),
      env: {
        PATH: process.env.PATH,
        TZ: 'UTC',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        DB_POOL_MAX: '4',
        // The same secret in every process: a token signed by one is valid in all.
        JWT_ACCESS_SECRET: 'several-processes-test-secret-of-32-characters',
        LOG_LEVEL: 'warn',
        // Workers and scheduled jobs on, as in production. The payment-call slot is at
        // 00:00 (always past), so both processes catch it up at start, and a short lease
        // makes their sweeps look for an unclaimed slot every three seconds. Not shorter:
        // the lease is renewed every 2 s, and two processes booting on a busy 2-core
        // machine can stall their event loops long enough to lose a 2 s lease, which
        // would be a correct take-over but not the single claim this test shows.
        JOBS_ENABLED: 'true',
        QUEUE_ENABLED: 'true',
        QUEUE_POLL_MS: '100',
        PAYMENT_CALLS_CRON: '0 0 * * *',
        JOB_LEASE_SECONDS: '6',
        CORS_ORIGINS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ApiServer(proc, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (server.exited) throw new Error(`the API exited at start:\n${server.output}`);
      try {
        if ((await fetch(`${server.base}/api/health`, { signal: AbortSignal.timeout(2000) })).ok) return server;
      } catch {
        // Not listening yet.
      }
      await sleep(200);
    }
    await server.stop();
    throw new Error(`the API did not answer /api/health in 180 s:\n${server.output}`);
  }

  async call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: Record<string, string> }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  }
}

suite('several API processes on one PostgreSQL database', () => {
  let db: TestDatabase;
  let sql: DataSource;
  let a: ApiServer;
  let b: ApiServer;
  const today = moscowToday(new Date());
  const working = isWorkingDay(today);

  const slot = async () =>
    (await sql.query(`SELECT id::text, status, attempts FROM job_runs WHERE job_name = 'payment-calls' AND slot = $1`, [today])) as Array<{
      id: string;
      status: string;
      attempts: number;
    }>;
  const until = async (what: string, check: () => Promise<boolean>, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  };
  const callsPerInvoice = async () =>
    ((await sql.query(
      `SELECT count(t.id)::int AS n FROM invoices i LEFT JOIN tasks t ON t.invoice_id = i.id AND t.source = 'payment_call'
        WHERE i.number LIKE 'СЧ-MULTI-%' GROUP BY i.id ORDER BY i.number`,
    )) as Array<{ n: number }>).map((r) => r.n);

  beforeAll(async () => {
    if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: build the API first (pnpm build)`);
    db = await cloneTemplateDatabase();
    sql = await new DataSource(dataSourceOptions({ ...db.target, poolMax: 2 })).initialize();
    // Twelve unpaid invoices due on the next working day: today's payment-call slot calls each once.
    const [client] = await sql.query(`SELECT c.id FROM clients c WHERE c.manager_id IS NOT NULL ORDER BY c.name LIMIT 1`);
    await sql.query(
      `INSERT INTO invoices (client_id, number, issue_date, due_date, amount, paid_amount, status, version)
       SELECT $1, 'СЧ-MULTI-' || lpad(g::text, 2, '0'), $2::date - 10, $3, 100, 0, 'issued', 1 FROM generate_series(1, 12) g`,
      [client.id, today, addWorkingDays(today, 1)],
    );
    // Both at once: each catches up today's slot as it starts.
    [a, b] = await Promise.all([ApiServer.start(db.target.url), ApiServer.start(db.target.url)]);
    // Two Node servers starting side by side on a busy 2-core machine take their time.
  }, 240_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sql?.destroy();
    await db?.close();
  });

  it('both serve requests, and a token issued by one is accepted by the other', async () => {
    const login = await a.call('POST', '/api/auth/login', undefined, { email: 'director@lider.test', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const me = await b.call('GET', '/api/auth/me', login.body.accessToken);
    expect([me.status, me.body.email]).toEqual([200, 'director@lider.test']);
    // The refresh token too: rotated on B, the new access token works on A.
    const refreshed = await b.call('POST', '/api/auth/refresh', undefined, { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await a.call('GET', '/api/clients?pageSize=1', refreshed.body.accessToken)).status).toBe(200);
    // The old refresh token is dead everywhere.
    expect((await a.call('POST', '/api/auth/refresh', undefined, { refreshToken: login.body.refreshToken })).status).toBe(401);
  });

  it('a deactivation through one process shuts the user out of the other within a bounded time', async () => {
    const admin = (await a.call('POST', '/api/auth/login', undefined, { email: 'admin@lider.test', password: DEMO_PASSWORD })).body.accessToken;
    const victim = (await b.call('POST', '/api/auth/login', undefined, { email: 'service2@lider.test', password: DEMO_PASSWORD })).body as unknown as {
      accessToken: string;
      user: { id: string };
    };
    // B serves the user from its actor cache from the second request on.
    for (let i = 0; i < 3; i++) expect((await b.call('GET', '/api/auth/me', victim.accessToken)).status).toBe(200);
    expect((await a.call('POST', `/api/users/${victim.user.id}/deactivate`, admin)).status).toBe(200);
    // B hears of it through the database's NOTIFY: within milliseconds, bounded here by
    // 5 s (far below the cache's 60 s maximum age, which must not be what refuses it).
    const since = Date.now();
    await until('B to refuse the deactivated user', async () => (await b.call('GET', '/api/auth/me', victim.accessToken)).status === 401, 5_000);
    expect(Date.now() - since).toBeLessThan(5_000);
  });

  it("an API token's rate limit is one budget for both processes, not one each", async () => {
    const admin = (await a.call('POST', '/api/auth/login', undefined, { email: 'admin@lider.test', password: DEMO_PASSWORD })).body.accessToken;
    const created = await a.call('POST', '/api/api-tokens', admin, { name: 'Обмен с 1С', role: 'director', ratePerSecond: 1, burst: 4 });
    expect(created.status).toBe(201);
    const token = created.body.token;
    // Eight calls in turn through A and B. With a bucket in each process both would
    // answer four (eight in all); with one bucket the fifth call is refused wherever it lands.
    const started = Date.now();
    const statuses: number[] = [];
    for (const api of [a, b, a, b, a, b, a, b]) statuses.push((await api.call('GET', '/api/clients?pageSize=1', token)).status);
    // A slow machine may refill a request per second elapsed; the eight calls take well under one.
    const refilled = Math.floor((Date.now() - started) / 1000);
    if (refilled === 0) expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
    else expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(4 + refilled);
  });

  it('the scheduled payment-call slot, due in both processes at once, runs exactly once', async () => {
    await until('the slot to finish', async () => (await slot())[0]?.status === 'succeeded');
    expect((await slot()).map((r) => [r.status, r.attempts])).toEqual([['succeeded', 1]]);
    if (working) expect(await callsPerInvoice()).toEqual(Array(12).fill(1));

    // Three more times the slot becomes due for both at the same moment (each sweeps every
    // three seconds): one of them claims it, the other sees it claimed.
    for (let round = 0; round < 3; round++) {
      const [before] = await slot();
      await sql.query(`DELETE FROM job_runs WHERE id = $1`, [before.id]);
      await until('a new run of the slot', async () => (await slot())[0]?.status === 'succeeded');
      const rows = await slot();
      expect(rows.map((r) => [r.status, r.attempts])).toEqual([['succeeded', 1]]);
      expect(rows[0].id).not.toBe(before.id);
    }
    if (working) expect(await callsPerInvoice()).toEqual(Array(12).fill(1));
  });

  it('work-queue items enqueued through both are each processed exactly once', async () => {
    const admin = (await a.call('POST', '/api/auth/login', undefined, { email: 'admin@lider.test', password: DEMO_PASSWORD })).body.accessToken;
    // Manual job runs go through the persistent work queue; six at once, half through each process.
    const started = await Promise.all([a, b, a, b, a, b].map((api) => api.call('POST', '/api/jobs/payment-calls/run', admin)));
    expect(started.map((r) => r.status)).toEqual(Array(6).fill(202));
    const ids = started.map((r) => r.body.id as string);
    await until(
      'the six runs',
      async () => {
        const rows = await sql.query(`SELECT count(*)::int AS n FROM job_runs WHERE id = ANY($1::bigint[]) AND status IN ('succeeded', 'failed')`, [ids]);
        return rows[0].n === 6;
      },
      60_000,
    );
    const runs = await sql.query(`SELECT status, attempts FROM job_runs WHERE id = ANY($1::bigint[])`, [ids]);
    expect(runs.map((r: { status: string; attempts: number }) => [r.status, r.attempts])).toEqual(Array(6).fill(['succeeded', 1]));
    const items = await sql.query(
      `SELECT status, attempts FROM queue_items WHERE queue = 'jobs.run' AND idempotency_key = ANY($1::text[])`,
      [ids.map((id) => `job-run:${id}`)],
    );
    expect(items.map((r: { status: string; attempts: number }) => [r.status, r.attempts])).toEqual(Array(6).fill(['done', 1]));
    if (working) expect(await callsPerInvoice()).toEqual(Array(12).fill(1));
  });
});
