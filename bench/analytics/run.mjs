#!/usr/bin/env node
/**
 * Analytics bench (issue 14): every report of /api/analytics at 1M clients.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:analytics [--db polar_bench_analytics] …
 *   DATABASE_URL=… pnpm bench:analytics --reuse --db polar_bench_copy   # an already built scale data set
 *
 * The clients, deals, tasks, timeline, invoices and payments come from the scale bench
 * (`bench/scale/run.mjs --build-only`, not duplicated here). This script adds, set-based and
 * only once per database, what the reports read and the scale set lacks: the deals' stage
 * history (the funnel's time in stage and reach), deal lines with product groups and cost
 * prices (cross-sales, profit, sales by product), proposals, monthly plans, loss reasons,
 * channels and competitors on lost deals, expected close dates, unpaid invoices. Then it
 * measures each report through the API, sequential requests on one connection, with the
 * database time per request from pg_stat_database. See bench/README.md («Analytics bench»).
 */
import os from 'node:os';
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, usage } from '../lib/args.mjs';
import { ApiProcess, freePort } from '../lib/api.mjs';
import { connect, loadPg, parseServerUrl, withDatabase } from '../lib/db.mjs';
import http from 'node:http';
import { get, percentile } from '../lib/load.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const PASSWORD = 'lider-demo';

const SPEC = {
  db: { type: 'string', default: 'polar_bench_analytics', help: 'database: built by the scale bench unless --reuse' },
  reuse: { type: 'boolean', default: false, help: 'use an existing scale data set in --db (the analytics additions are made once if missing)' },
  clients: { type: 'int', default: 1_000_000, min: 0, max: 5_000_000, help: 'clients (passed to the scale bench when building)' },
  deals: { type: 'int', default: 400_000, min: 0, max: 5_000_000, help: 'deals (scale bench)' },
  tasks: { type: 'int', default: 10_000_000, min: 0, max: 20_000_000, help: 'tasks (scale bench)' },
  timeline: { type: 'int', default: 2_000_000, min: 0, max: 20_000_000, help: 'timeline events (scale bench)' },
  payments: { type: 'int', default: 3_000_000, min: 0, max: 10_000_000, help: 'payments (scale bench)' },
  contacts: { type: 'int', default: 500_000, min: 0, max: 10_000_000, help: 'contacts (scale bench)' },
  requests: { type: 'int', default: 20, min: 1, max: 10_000, help: 'measured sequential requests per report' },
  warmup: { type: 'int', default: 2, min: 0, max: 100, help: 'unmeasured requests before each report' },
  only: { type: 'string', default: '', help: 'measure only the reports whose name contains this text' },
  statsWait: { type: 'number', default: 11, min: 0, max: 60, help: 'seconds to wait for the API backends to flush their statistics (PostgreSQL: 10 s idle)' },
};

const t0 = performance.now();
const log = (m) => process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function step(db, title, sql, params = []) {
  const started = performance.now();
  const res = await db.query(sql, params);
  log(`${title}: ${res.rowCount ?? ''} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return res;
}

/** The scale bench's deals, by their generated title (the demo deals keep theirs). */
const BENCH_DEAL = `d.title ~ '^Оснащение [0-9]+$'`;
/** A stable per-row number without a sequence: the same data on every run. */
const H = (col) => `((hashtext(${col}::text)::bigint & 2147483647) % 1000000)::int`; // 0…999 999: no int overflow below

/** What the reports read and the scale set does not generate; set-based, once per database. */
async function addAnalyticsData(db) {
  const [{ done }] = (await db.query(`SELECT EXISTS (SELECT 1 FROM deal_lines WHERE description LIKE 'BENCH %') AS done`)).rows;
  if (done) {
    log('analytics additions already present');
    return false;
  }
  // One transaction: a failed step leaves nothing half-added (the check above stays honest).
  await db.query('BEGIN');
  // Closed deals of the scale set were created the day they closed: give them a sales cycle
  // (5–132 days), a loss reason and comment, a channel; open deals an expected close month.
  await step(
    db,
    'deals: sales cycle, loss reasons, channels, expected close',
    `WITH r AS (SELECT array_agg(id ORDER BY sort_order) FILTER (WHERE kind = 'loss_reason') AS loss,
                       array_agg(id ORDER BY sort_order) FILTER (WHERE kind = 'channel') AS ch FROM reference_items)
     UPDATE deals d
        SET created_at = CASE WHEN d.status = 'open' THEN d.created_at ELSE d.closed_at - (5 + ${H('d.id')} % 128) * interval '1 day' END,
            loss_reason_id = CASE WHEN d.status = 'lost' THEN r.loss[1 + ${H('d.id')} % cardinality(r.loss)] END,
            loss_comment = CASE WHEN d.status = 'lost' AND ${H('d.id')} % 2 = 0 THEN 'Причина обсуждена с клиентом' END,
            channel_id = CASE WHEN cardinality(r.ch) > 0 THEN r.ch[1 + (${H('d.id')} / 7) % cardinality(r.ch)] END,
            expected_close_date = CASE WHEN d.status = 'open' THEN current_date + (${H('d.id')} % 210 - 30) END
       FROM r WHERE ${BENCH_DEAL}`,
  );
  // Every move a deal made: created in the first open stage, forward one stage at a time up
  // to its current (open), last (won) or some (lost) stage, then closed; evenly spaced.
  await step(
    db,
    'deal stage history',
    `WITH st AS (SELECT array_agg(id ORDER BY sort_order) FILTER (WHERE kind = 'open' AND is_active) AS open,
                        (array_agg(id) FILTER (WHERE kind = 'won'))[1] AS won, (array_agg(id) FILTER (WHERE kind = 'lost'))[1] AS lost
                   FROM pipeline_stages),
          k AS (SELECT d.id, d.status, d.created_at, coalesce(d.closed_at, now()) AS end_at, st.open, st.won, st.lost,
                       greatest(1, CASE WHEN d.status = 'open' THEN coalesce(array_position(st.open, d.stage_id), 1)
                                        WHEN d.status = 'won' THEN cardinality(st.open)
                                        ELSE 1 + ${H('d.id')} % cardinality(st.open) END) AS k
                  FROM deals d, st WHERE ${BENCH_DEAL})
     INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, changed_at, comment)
     SELECT k.id, CASE WHEN j > 1 THEN k.open[j - 1] END, k.open[j], k.created_at + (k.end_at - k.created_at) * ((j - 1)::float8 / k.k), 'bench'
       FROM k CROSS JOIN LATERAL generate_series(1, k.k) j
     UNION ALL
     SELECT k.id, k.open[k.k], CASE WHEN k.status = 'won' THEN k.won ELSE k.lost END, k.end_at, 'bench'
       FROM k WHERE k.status <> 'open'`,
  );
  // Cost prices for the profit figures (the demo catalogue has some without).
  await step(db, 'products: cost prices', `UPDATE products SET cost_price = round(list_price * 0.68, 2) WHERE cost_price IS NULL`);
  // One to three lines per deal from the catalogue, so won deals span one or more groups.
  await step(
    db,
    'deal lines',
    `WITH p AS (SELECT array_agg(id ORDER BY sku) AS ids, array_agg(list_price ORDER BY sku) AS prices FROM products WHERE is_active)
     INSERT INTO deal_lines (deal_id, product_id, description, quantity, unit_price, line_total, sort_order)
     SELECT d.id, p.ids[x.n], 'BENCH ' || j, q, p.prices[x.n], round(q * p.prices[x.n], 2), j
       FROM deals d, p, LATERAL generate_series(1, 1 + ${H('d.id')} % 3) j,
            LATERAL (SELECT 1 + (${H('d.id')} + j * 7919) % cardinality(p.ids) AS n, 1 + (j + ${H('d.id')}) % 3 AS q) x
      WHERE ${BENCH_DEAL}`,
  );
  await step(
    db,
    'proposals',
    `INSERT INTO proposals (deal_id, number, status, issue_date, valid_until, total, version)
     SELECT d.id, 'BENCH-P' || lpad(row_number() OVER (ORDER BY d.id)::text, 8, '0'), 'sent',
            (d.created_at AT TIME ZONE 'Europe/Moscow')::date + 2, (d.created_at AT TIME ZONE 'Europe/Moscow')::date + 32, d.amount, 1
       FROM deals d WHERE ${BENCH_DEAL} AND ${H('d.id')} % 3 <> 0`,
  );
  await step(
    db,
    'monthly plans',
    `INSERT INTO monthly_plans (manager_id, month, revenue_target, won_deals_target, calls_target, meetings_target, version)
     SELECT u.id, m::date, 90000000, 500, 4000, 400, 1
       FROM users u, generate_series(date_trunc('month', current_date) - interval '24 months', date_trunc('month', current_date) + interval '1 month', interval '1 month') m
      WHERE u.role = 'sales_manager'
     ON CONFLICT (manager_id, month) DO NOTHING`,
  );
  await step(
    db,
    'competitors',
    `INSERT INTO competitors (name, prices, version)
     SELECT 'Конкурент ' || i, 'На 5–10 % дешевле', 1 FROM generate_series(1, 8) i
     ON CONFLICT (name) DO NOTHING`,
  );
  await step(
    db,
    'losses to competitors',
    `WITH k AS (SELECT array_agg(id ORDER BY name) AS ids FROM competitors WHERE is_active)
     INSERT INTO deal_competitor_losses (deal_id, competitor_id, lost_at)
     SELECT d.id, k.ids[1 + ${H('d.id')} % cardinality(k.ids)], d.closed_at
       FROM deals d, k WHERE ${BENCH_DEAL} AND d.status = 'lost' AND ${H('d.id')} % 3 = 0
     ON CONFLICT (deal_id) DO NOTHING`,
  );
  // The scale set's invoices are all paid: debts for the dashboard and the KPIs.
  await step(
    db,
    'unpaid invoices',
    `WITH c AS (SELECT id, row_number() OVER () AS rn FROM clients), n AS (SELECT count(*) AS n FROM clients)
     INSERT INTO invoices (client_id, number, issue_date, due_date, amount, paid_amount, status, version)
     SELECT c.id, 'BENCH-U' || lpad(i::text, 8, '0'), current_date - (i % 240), current_date - (i % 240) + 14, 30000,
            CASE WHEN i % 4 = 0 THEN 10000 ELSE 0 END, CASE WHEN i % 4 = 0 THEN 'partly_paid' ELSE 'issued' END, 1
       FROM n, generate_series(1, greatest(100, n.n / 20)::int) i JOIN c ON TRUE
      WHERE c.rn = 1 + (i * 29) % n.n`,
  );
  await db.query('COMMIT');
  for (const t of ['deals', 'deal_stage_history', 'deal_lines', 'proposals', 'monthly_plans', 'products', 'competitors', 'deal_competitor_losses', 'invoices']) {
    await step(db, `VACUUM (ANALYZE) ${t}`, `VACUUM (ANALYZE) ${t}`);
  }
  return true;
}

/** Database time and transactions spent by the API since the last call (pg_stat_database). */
async function dbCounters(db, name) {
  await db.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.query(`SELECT active_time::float8 AS active_ms, (xact_commit + xact_rollback)::float8 AS xacts FROM pg_stat_database WHERE datname = $1`, [name]);
  return rows[0];
}

/**
 * The analytics summary rows (revenue per day, open deals per stage and month) follow the
 * events; data written with SQL needs the API's own rebuild command.
 */
function rebuildTotals(dbUrl) {
  log('rebuilding the analytics summary rows (pnpm --filter @polar/api run analytics:rebuild-totals)');
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/scripts/rebuild-analytics-totals.ts'], {
      cwd: resolve(ROOT, 'apps/api'),
      env: { ...process.env, DATABASE_URL: dbUrl },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`analytics:rebuild-totals exited with ${code}`))));
  });
}

/** The scale bench builds the data set (its own generator, not a copy of it). */
function buildWithScale(a) {
  const args = ['bench/scale/run.mjs', '--build-only', '--db', a.db];
  for (const k of ['clients', 'contacts', 'deals', 'tasks', 'timeline', 'payments']) args.push(`--${k}`, String(a[k]));
  log(`building the data set: node ${args.join(' ')}`);
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: process.env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`bench/scale/run.mjs --build-only exited with ${code}`))));
  });
}

const day = (d) => d.toISOString().slice(0, 10);

/** `n` sequential requests on one keep-alive connection: the unloaded latency, p50 and p95 (nearest rank). */
async function serial(base, path, headers, n) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ms = [];
  try {
    for (let i = 0; i < n; i++) {
      const res = await get(agent, base, path, headers);
      if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status} on ${path}: ${res.body.slice(0, 300)}`);
      ms.push(res.ms);
    }
  } finally {
    agent.destroy();
  }
  const sorted = ms.sort((x, y) => x - y);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
}

async function main() {
  const a = parseArgs(process.argv.slice(2), SPEC);
  if (a.help) {
    process.stdout.write(`${usage('pnpm bench:analytics', SPEC)}\n\nDATABASE_URL must point at a PostgreSQL on 127.0.0.1.\n`);
    return 0;
  }
  if (!/^polar_bench[a-z0-9_]*$/.test(a.db)) throw new Error(`--db must start with polar_bench: ${a.db}`);
  const serverUrl = parseServerUrl(process.env.DATABASE_URL);
  const pg = loadPg(ROOT);
  const dbUrl = withDatabase(serverUrl, a.db);
  if (!a.reuse) await buildWithScale(a);

  const api = new ApiProcess({ root: ROOT, databaseUrl: dbUrl, port: await freePort() });
  let db = null;
  try {
    log(`starting the API on ${a.db} (it migrates the database first)`);
    await api.start({ timeoutMs: 1_800_000 });
    db = await connect(pg, dbUrl, { applicationName: 'polar-bench-analytics' });
    const started = performance.now();
    if (await addAnalyticsData(db)) log(`analytics additions in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    // Always: cheap next to the build, and a reused copy may have been loaded past the events.
    await rebuildTotals(dbUrl);
    await step(db, 'VACUUM (ANALYZE) summary rows', `VACUUM (ANALYZE) analytics_revenue_days, analytics_open_deals, analytics_funnel_deals, analytics_funnel_stays, analytics_client_days, analytics_client_mix, analytics_won_deals, analytics_won_lines, analytics_deal_channels, analytics_unpaid_invoices`);
    const { rows: sizes } = await db.query(
      `SELECT (SELECT count(*) FROM clients)::int AS clients, (SELECT count(*) FROM deals)::int AS deals,
              (SELECT count(*) FROM deal_stage_history)::int AS stage_changes, (SELECT count(*) FROM deal_lines)::int AS deal_lines,
              (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM invoices)::int AS invoices, (SELECT count(*) FROM payments)::int AS payments,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    log(`data: ${JSON.stringify(sizes[0])}`);

    const director = api.session('director@lider.test', PASSWORD);
    const manager = api.session('manager3@lider.test', PASSWORD);
    const today = new Date();
    const quarterAgo = day(new Date(today.getTime() - 91 * 86_400_000));
    const reports = [
      ['dashboard — director', director, '/api/analytics/dashboard', 300],
      ['dashboard — manager', manager, '/api/analytics/dashboard', 300],
      ['managers/monthly — director', director, '/api/analytics/managers/monthly', 1000],
      ['managers/monthly — manager', manager, '/api/analytics/managers/monthly', 1000],
      ['funnel, this month — director', director, '/api/analytics/funnel', 1000],
      [`funnel, 3 months — director`, director, `/api/analytics/funnel?from=${quarterAgo}&to=${day(today)}`, 1000],
      [`funnel, 3 months — manager`, manager, `/api/analytics/funnel?from=${quarterAgo}&to=${day(today)}`, 1000],
      ['sales, month — director', director, '/api/analytics/sales?period=month', 1000],
      ['sales, quarter — director', director, '/api/analytics/sales?period=quarter', 1000],
      ['sales, year — director', director, '/api/analytics/sales?period=year', 1000],
      ['sales, year — manager', manager, '/api/analytics/sales?period=year', 1000],
      ['clients/portfolio — director', director, '/api/analytics/clients/portfolio', 1000],
      ['clients/portfolio — manager', manager, '/api/analytics/clients/portfolio', 1000],
      ['competitors — director', director, '/api/competitors', 1000],
    ].filter(([name]) => !a.only || name.includes(a.only));

    const results = [];
    await sleep(a.statsWait * 1000);
    let counters = await dbCounters(db, a.db);
    for (const [name, session, path, target] of reports) {
      const token = await session.token();
      const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (a.warmup) await serial(api.base, path, headers, a.warmup);
      const r = await serial(api.base, path, headers, a.requests);
      await sleep(a.statsWait * 1000);
      const after = await dbCounters(db, a.db);
      const requests = a.requests + a.warmup;
      const row = { name, target, ...r, dbMs: (after.active_ms - counters.active_ms) / requests, xacts: (after.xacts - counters.xacts) / requests };
      counters = after;
      log(`${name}: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, db ${row.dbMs.toFixed(1)} ms/req, ${row.xacts.toFixed(1)} xacts/req${row.p95 > target ? `  — over the ${target} ms target` : ''}`);
      results.push(row);
    }
    const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
    const lines = [
      '| report | p50 ms | p95 ms | DB ms/req | statements¹/req | target | |',
      '|:--|--:|--:|--:|--:|--:|:--|',
      ...results.map((r) => `| ${r.name} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.dbMs)} | ${f(r.xacts)} | < ${r.target} ms | ${r.p95 <= r.target ? 'ok' : 'MISSED'} |`),
    ];
    process.stdout.write(`\nData: ${JSON.stringify(sizes[0])}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}\n\n${lines.join('\n')}\n\n¹ transactions per request (each autocommit statement is one).\n`);
  } finally {
    await api.stop();
    if (db) await db.end();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
