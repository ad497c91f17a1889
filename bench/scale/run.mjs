#!/usr/bin/env node
/**
 * Scale bench (issue 16): every list, search, board and card of the API at 1M clients.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:scale [--clients 1000000] …
 *
 * Creates a fresh database (--db, default polar_bench) on the server of DATABASE_URL, lets
 * the built API migrate it and load the demo data, adds the data set with set-based SQL
 * (INSERT … SELECT FROM generate_series), rebuilds the funnel summary, VACUUM ANALYZE, then
 * measures every endpoint of the issue's table at 1 and 10 connections, with the database
 * time per request from pg_stat_database. See bench/README.md («Scale bench»).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, usage } from '../lib/args.mjs';
import { ApiProcess, FloorServer, freePort } from '../lib/api.mjs';
import { connect, loadPg, parseServerUrl, quoteIdent, withDatabase } from '../lib/db.mjs';
import { runLoad } from '../lib/load.mjs';
import { summarise } from '../lib/cpuprofile.mjs';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const PASSWORD = 'lider-demo';

const SPEC = {
  clients: { type: 'int', default: 1_000_000, min: 0, max: 5_000_000, help: 'clients to generate (besides the demo ones)' },
  contacts: { type: 'int', default: 500_000, min: 0, max: 10_000_000, help: 'contacts to generate' },
  deals: { type: 'int', default: 400_000, min: 0, max: 5_000_000, help: 'deals to generate' },
  tasks: { type: 'int', default: 2_000_000, min: 0, max: 20_000_000, help: 'tasks to generate (the issue asks 10M tasks + timeline; 2M each is what builds in minutes on 2 shared cores)' },
  timeline: { type: 'int', default: 2_000_000, min: 0, max: 20_000_000, help: 'timeline events to generate' },
  payments: { type: 'int', default: 3_000_000, min: 0, max: 10_000_000, help: 'payments to generate (two per invoice)' },
  duration: { type: 'number', default: 5, min: 1, max: 600, help: 'measured seconds per scenario and connection count' },
  warmup: { type: 'number', default: 1, min: 0, max: 60, help: 'unmeasured warm-up seconds before each measurement' },
  db: { type: 'string', default: 'polar_bench', help: 'database to (re)create on the server of DATABASE_URL' },
  reuse: { type: 'boolean', default: false, help: 'measure an existing, already built --db (skip creating and loading)' },
  keep: { type: 'boolean', default: false, help: 'keep the database at the end' },
  buildOnly: { type: 'boolean', default: false, help: 'only create and load --db, measure nothing and keep it (bench:analytics builds its data set this way)' },
  apiCpuProf: { type: 'boolean', default: false, help: 'run the API with --cpu-prof and print where its CPU went (profile in bench/results/; adds overhead)' },
  apiProcesses: { type: 'int', default: 1, min: 1, max: 8, help: 'API processes for the 10-connection runs (the connections are spread over them, as behind a reverse proxy); the 1-connection runs use the first' },
  only: { type: 'string', default: '', help: 'measure only the scenarios whose name contains one of these comma-separated words' },
  statsWait: { type: 'number', default: 11, min: 0, max: 60, help: 'seconds to wait for the API backends to flush their statistics (PostgreSQL: 10 s idle)' },
};

const t0 = performance.now();
const log = (m) => process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Word lists: Russian company names, so a search word hits a realistic fraction. */
const ADJECTIVES = [
  'Северный', 'Южная', 'Восточное', 'Западные', 'Снежный', 'Зелёная', 'Красное', 'Золотые', 'Белый', 'Тёплая',
  'Солнечный', 'Речная', 'Лесное', 'Горные', 'Полярный', 'Морская', 'Степное', 'Волжские', 'Уральский', 'Сибирская',
  'Невское', 'Донские', 'Окский', 'Камская', 'Быстрое', 'Надёжные', 'Верный', 'Свежая', 'Чистое', 'Новые',
  'Старый', 'Добрая', 'Главное', 'Первые', 'Торговый', 'Продуктовая', 'Городское', 'Сельские', 'Домашний', 'Вкусная',
];
const NOUNS = ['двор', 'лавка', 'подворье', 'ряды', 'рынок', 'база', 'склад', 'маркет', 'магазин', 'дом', 'гастроном', 'стан', 'берег', 'союз', 'путь', 'край', 'ключ', 'мир', 'сад', 'угол'];
const SURNAMES = ['Иванов', 'Петрова', 'Сидоров', 'Гусева', 'Кузнецов', 'Смирнова', 'Попов', 'Волкова', 'Соколов', 'Лебедева', 'Козлов', 'Новикова', 'Морозов', 'Орлова', 'Зайцев'];
const sqlArray = (xs) => `(ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}])`;

async function step(db, title, sql, params = []) {
  const started = performance.now();
  const res = await db.query(sql, params);
  log(`${title}: ${res.rowCount ?? ''} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return res;
}

/** The data set, set-based: a few INSERT … SELECT statements, chunked only to show progress. */
async function build(db, a) {
  await db.query(`SELECT setseed(0.16)`);
  const chunk = 250_000;
  for (let from = 1; from <= a.clients; from += chunk) {
    const to = Math.min(a.clients, from + chunk - 1);
    await step(
      db,
      `clients ${from}…${to}`,
      `WITH m AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email ~ '^manager[0-9]+@lider\\.test$')
       INSERT INTO clients (kind, name, name_normalized, manager_id, status, city, version, created_at, updated_at)
       SELECT 'legal_entity', s.name, lower(s.name), m.ids[1 + (i * 31 / 7) % cardinality(m.ids)],
              (ARRAY['cold','thinking','ready','active','regular','lost'])[1 + (i * 7) % 6],
              (ARRAY['Москва','Тверь','Подольск','Казань','Самара','Тула','Псков'])[1 + (i / 3) % 7], 1,
              now() - (i % 20000) * interval '1 hour', now() - (i % 20000) * interval '1 hour'
         FROM m, (SELECT i, ${sqlArray(ADJECTIVES)}[(1 + (i::bigint * 7919) % ${ADJECTIVES.length})::int] || ' ' || ${sqlArray(NOUNS)}[(1 + (i::bigint * 104729) % ${NOUNS.length})::int] || ' ' || i AS name
                    FROM generate_series($1::int, $2::int) i) s`,
      [from, to],
    );
  }
  if (a.contacts) {
    await step(
      db,
      'contacts',
      `WITH c AS (SELECT id, row_number() OVER () AS rn FROM clients), n AS (SELECT count(*) AS n FROM clients)
       INSERT INTO client_contacts (client_id, full_name, version)
       SELECT c.id, ${sqlArray(SURNAMES)}[1 + (i * 31) % ${SURNAMES.length}] || ' ' || (ARRAY['Анна','Иван','Пётр','Мария','Олег'])[1 + i % 5], 1
         FROM generate_series(1, $1::int) i, n JOIN c ON TRUE
        WHERE c.rn = 1 + (i * 7) % n.n`,
      [a.contacts],
    );
  }
  if (a.deals) {
    await step(
      db,
      'deals',
      `WITH c AS (SELECT id, manager_id, row_number() OVER () AS rn FROM clients), n AS (SELECT count(*) AS n FROM clients),
            st AS (SELECT array_agg(id ORDER BY sort_order) FILTER (WHERE kind = 'open' AND is_active) AS open,
                          array_agg(probability ORDER BY sort_order) FILTER (WHERE kind = 'open' AND is_active) AS prob,
                          (array_agg(id) FILTER (WHERE kind = 'won'))[1] AS won, (array_agg(id) FILTER (WHERE kind = 'lost'))[1] AS lost
                     FROM pipeline_stages)
       INSERT INTO deals (client_id, title, manager_id, stage_id, status, amount, probability, closed_at, created_at, updated_at, version)
       SELECT c.id, 'Оснащение ' || i, c.manager_id,
              CASE WHEN k < 70 THEN st.open[1 + i % cardinality(st.open)] WHEN k < 85 THEN st.won ELSE st.lost END,
              CASE WHEN k < 70 THEN 'open' WHEN k < 85 THEN 'won' ELSE 'lost' END,
              round((10000 + random() * 2000000)::numeric, 2),
              CASE WHEN k < 70 THEN st.prob[1 + i % cardinality(st.open)] WHEN k < 85 THEN 100 ELSE 0 END,
              CASE WHEN k < 70 THEN NULL ELSE now() - (i % 700) * interval '1 day' END,
              now() - (i % 700) * interval '1 day', now() - (i % 9000) * interval '1 hour', 1
         FROM (SELECT i, (i * 37) % 100 AS k FROM generate_series(1, $1::int) i) g, n, st JOIN c ON TRUE
        WHERE c.rn = 1 + (g.i * 13) % n.n`,
      [a.deals],
    );
  }
  const tasksChunk = 1_000_000;
  for (let from = 1; from <= a.tasks; from += tasksChunk) {
    const to = Math.min(a.tasks, from + tasksChunk - 1);
    await step(
      db,
      `tasks ${from}…${to}`,
      `WITH c AS (SELECT id, manager_id, row_number() OVER () AS rn FROM clients), n AS (SELECT count(*) AS n FROM clients)
       INSERT INTO tasks (type, subject, client_id, assignee_id, author_id, due_at, status, completed_at, source, version)
       SELECT (ARRAY['call','meeting','email','visit','other'])[1 + i % 5], 'Позвонить по заказу ' || i, c.id, c.manager_id, c.manager_id,
              date_trunc('day', now()) + ((i % 730) - 600) * interval '1 day' + (i % 10) * interval '1 hour',
              CASE WHEN (i % 730) - 600 < 0 THEN 'done' ELSE 'planned' END,
              CASE WHEN (i % 730) - 600 < 0 THEN date_trunc('day', now()) + ((i % 730) - 600) * interval '1 day' END, 'manual', 1
         FROM generate_series($1::int, $2::int) i, n JOIN c ON TRUE
        WHERE c.rn = 1 + (i * 17) % n.n`,
      [from, to],
    );
  }
  for (let from = 1; from <= a.timeline; from += tasksChunk) {
    const to = Math.min(a.timeline, from + tasksChunk - 1);
    await step(
      db,
      `timeline ${from}…${to}`,
      `WITH c AS (SELECT id, manager_id, row_number() OVER () AS rn FROM clients), n AS (SELECT count(*) AS n FROM clients)
       INSERT INTO timeline_events (client_id, occurred_at, kind, actor_id, payload)
       SELECT c.id, now() - (i % 17000) * interval '1 hour', 'note', c.manager_id, jsonb_build_object('text', 'Заметка ' || i)
         FROM generate_series($1::int, $2::int) i, n JOIN c ON TRUE
        WHERE c.rn = 1 + (i * 19) % n.n`,
      [from, to],
    );
  }
  if (a.payments) {
    const invoices = Math.ceil(a.payments / 2);
    await step(
      db,
      'invoices',
      `WITH c AS (SELECT id, row_number() OVER () AS rn FROM clients), n AS (SELECT count(*) AS n FROM clients)
       INSERT INTO invoices (client_id, number, issue_date, due_date, amount, paid_amount, status, version)
       SELECT c.id, 'BENCH-' || lpad(i::text, 8, '0'), current_date - (i % 700), current_date - (i % 700) + 10, 20000, 20000, 'paid', 1
         FROM generate_series(1, $1::int) i, n JOIN c ON TRUE
        WHERE c.rn = 1 + (i * 23) % n.n`,
      [invoices],
    );
    await step(
      db,
      'payments',
      `INSERT INTO payments (invoice_id, paid_on, amount)
       SELECT inv.id, inv.issue_date + h, 10000 FROM invoices inv, generate_series(1, 2) h WHERE inv.number LIKE 'BENCH-%'`,
    );
  }
  // The bulk insert went past the deal events: the funnel's summary rows are rebuilt once.
  await step(db, 'deal_stage_totals rebuild', `DELETE FROM deal_stage_totals`);
  await step(
    db,
    'deal_stage_totals rebuild',
    `INSERT INTO deal_stage_totals (stage_id, client_manager_id, manager_id, deal_count, amount, weighted_amount)
     SELECT d.stage_id, c.manager_id, d.manager_id, count(*), sum(d.amount), sum(round(d.amount * d.probability / 100.0, 2))
       FROM deals d JOIN clients c ON c.id = d.client_id GROUP BY 1, 2, 3`,
  );
  await step(db, 'VACUUM (ANALYZE)', `VACUUM (ANALYZE)`);
}

/**
 * The word a user's search scenario looks for: «северного» when the user's clients have
 * that adjective, else the adjective with the median count among the user's clients. The
 * generator pairs adjectives and managers unevenly (i ≡ 0 mod 40 never lands on
 * manager3), so a fixed word can find nothing in one manager's scope and measure only the
 * cost of filtering everyone else's matches out.
 */
async function searchWordFor(db, email) {
  const { rows } = await db.query(
    `SELECT split_part(c.name, ' ', 1) AS word, count(*)::int AS n
       FROM clients c JOIN users u ON u.id = c.manager_id
      WHERE u.email = $1 AND c.archived_at IS NULL AND split_part(c.name, ' ', 1) = ANY($2::text[])
      GROUP BY 1 ORDER BY 2, 1`,
    [email, ADJECTIVES],
  );
  if (!rows.length || rows.some((r) => r.word === 'Северный')) return 'северного';
  return rows[Math.floor(rows.length / 2)].word.toLowerCase();
}

/** Database time and transactions spent by the API since the last call (pg_stat_database). */
async function dbCounters(db, name) {
  await db.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.query(`SELECT active_time::float8 AS active_ms, (xact_commit + xact_rollback)::float8 AS xacts FROM pg_stat_database WHERE datname = $1`, [name]);
  return rows[0];
}

/**
 * The floor under the API's numbers: Node's http server alone (no framework, no sign-in,
 * no database) answering with the client card's real bytes, measured like the API (CPU
 * from /proc, the same load generator on the same machine).
 */
async function measureFloor(api, session, clientId, a) {
  const body = JSON.stringify(await api.json('GET', `/api/clients/${clientId}`, { token: await session.token() }));
  const dir = mkdtempSync(join(os.tmpdir(), 'polar-floor-'));
  const bodyFile = join(dir, 'card.json');
  writeFileSync(bodyFile, body);
  const server = new FloorServer({ port: await freePort(), bodyFile });
  try {
    await server.start();
    const before = server.cpuMs();
    const c1 = await runLoad({ base: server.base, path: () => '/', concurrency: 1, durationSec: a.duration, warmupSec: a.warmup });
    const cpuMs = (server.cpuMs() - before) / (c1.requests * ((a.duration + a.warmup) / a.duration));
    const c10 = await runLoad({ base: server.base, path: () => '/', concurrency: 10, durationSec: a.duration, warmupSec: a.warmup });
    log(`floor (bare Node, the card's ${Buffer.byteLength(body)} bytes): ${cpuMs.toFixed(2)} ms CPU/req, p50 ${c1.p50.toFixed(2)} ms @1, ${c10.rps.toFixed(0)} req/s @10`);
    return { bytes: Buffer.byteLength(body), cpuMs, c1, c10 };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const a = parseArgs(process.argv.slice(2), SPEC);
  if (a.help) {
    process.stdout.write(`${usage('pnpm bench:scale', SPEC)}\n\nDATABASE_URL must point at a PostgreSQL on 127.0.0.1.\n`);
    return 0;
  }
  if (!/^polar_bench[a-z0-9_]*$/.test(a.db)) throw new Error(`--db must start with polar_bench (it is dropped and recreated): ${a.db}`);
  if (a.buildOnly && a.reuse) throw new Error('--build-only builds --db: it cannot be combined with --reuse');
  // A built-only database is the point of the run: it is always kept.
  if (a.buildOnly) a.keep = true;
  const serverUrl = parseServerUrl(process.env.DATABASE_URL);
  const pg = loadPg(ROOT);
  const dbUrl = withDatabase(serverUrl, a.db);
  if (!a.reuse) {
    const admin = await connect(pg, serverUrl.href);
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(a.db)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quoteIdent(a.db)} ENCODING 'UTF8' TEMPLATE template0`);
    await admin.end();
    log(`created database ${a.db}`);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const profile = join(ROOT, 'bench/results', `scale-api-${stamp}.cpuprofile`);
  const nodeArgs = a.apiCpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench/results')}`, `--cpu-prof-name=scale-api-${stamp}.cpuprofile`] : [];
  // Several processes must accept each other's tokens: one secret for all of them.
  const shared = a.apiProcesses > 1 ? { JWT_ACCESS_SECRET: process.env.JWT_ACCESS_SECRET ?? `bench-${randomUUID()}${randomUUID()}` } : {};
  const api = new ApiProcess({ root: ROOT, databaseUrl: dbUrl, port: await freePort(), nodeArgs, env: shared });
  const others = [];
  let db = null;
  try {
    log('starting the API (migrations + demo seed)');
    await api.start();
    db = await connect(pg, dbUrl, { applicationName: 'polar-bench-scale' });
    if (!a.reuse) {
      const started = performance.now();
      await build(db, a);
      log(`data set built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const { rows: sizes } = await db.query(
      `SELECT (SELECT count(*) FROM clients)::int AS clients, (SELECT count(*) FROM client_contacts)::int AS contacts, (SELECT count(*) FROM deals)::int AS deals,
              (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM timeline_events)::int AS timeline, (SELECT count(*) FROM payments)::int AS payments,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    log(`data: ${JSON.stringify(sizes[0])}`);
    if (a.buildOnly) return 0;

    // The others start once the first has migrated and seeded the database.
    for (let n = 1; n < a.apiProcesses; n++) {
      const other = new ApiProcess({ root: ROOT, databaseUrl: dbUrl, port: await freePort(), env: shared });
      others.push(other);
      await other.start();
    }
    if (others.length) log(`${1 + others.length} API processes: ${[api, ...others].map((p) => p.base).join(', ')}`);
    const director = api.session('director@lider.test', PASSWORD);
    const manager = api.session('manager3@lider.test', PASSWORD);
    const ids = (await db.query(`SELECT id FROM clients ORDER BY md5(id::text) LIMIT 1000`)).rows.map((r) => r.id);
    const managerWord = await searchWordFor(db, manager.email);
    const allScenarios = [
      ['client by id', director, (i) => `/api/clients/${ids[i % ids.length]}`],
      ['client list, first page — manager', manager, () => '/api/clients?pageSize=25'],
      ['client list, first page — director', director, () => '/api/clients?pageSize=25'],
      [`client search «${managerWord}» — manager`, manager, () => `/api/clients?q=${encodeURIComponent(managerWord)}&pageSize=25`],
      ['client search «северного» — director', director, () => `/api/clients?q=${encodeURIComponent('северного')}&pageSize=25`],
      // A word still being typed: no exact form, so the prefix range is what fills the page.
      ['client search «север» (being typed) — director', director, () => `/api/clients?q=${encodeURIComponent('север')}&pageSize=25`],
      ['deals list — manager', manager, () => '/api/deals?pageSize=25'],
      ['deals list — director', director, () => '/api/deals?pageSize=25'],
      ['funnel board — manager', manager, () => '/api/funnel/board'],
      ['funnel board — director', director, () => '/api/funnel/board'],
      ['«Мои дела» — manager', manager, () => '/api/planning/my-day'],
      // What any request costs before its own work: the pipeline with one trivial
      // statement, and a signed-in request that only reads its user.
      ['floor: health, not signed in (SELECT 1)', director, () => '/api/health'],
      ['floor: the signed-in user (GET /api/auth/me)', director, () => '/api/auth/me'],
    ];
    const only = a.only ? a.only.split(',').map((w) => w.trim()).filter(Boolean) : [];
    const scenarios = only.length ? allScenarios.filter(([name]) => only.some((w) => name.includes(w))) : allScenarios;
    // First every scenario on one connection, with the database time it cost (the API's
    // backends flush their statistics after 10 s idle, so each reading waits for that),
    // then every scenario on 10 connections.
    const results = [];
    await sleep(a.statsWait * 1000);
    // The API's own background work (job leases, the work queue's polling) runs during the
    // measurements and the statistics waits too: its rate, read over an idle window, is
    // taken out of every scenario's database time and transactions.
    const idleFrom = await dbCounters(db, a.db);
    const idleCpuFrom = api.cpuMs();
    const idleStarted = performance.now();
    await sleep(a.statsWait * 1000);
    let counters = await dbCounters(db, a.db);
    let cpuAt = api.cpuMs();
    let countersAt = performance.now();
    const idleSec = (countersAt - idleStarted) / 1000;
    const background = {
      activeMsPerSec: Math.max(0, (counters.active_ms - idleFrom.active_ms) / idleSec),
      xactsPerSec: Math.max(0, (counters.xacts - idleFrom.xacts) / idleSec),
      cpuMsPerSec: cpuAt === null ? 0 : Math.max(0, (cpuAt - idleCpuFrom) / idleSec),
    };
    log(`API background while idle: ${background.activeMsPerSec.toFixed(2)} ms of database time, ${background.xactsPerSec.toFixed(2)} transactions and ${background.cpuMsPerSec.toFixed(2)} ms of API CPU per second`);
    for (const [name, session, path] of scenarios) {
      const token = await session.token();
      const probe = await api.json('GET', path(0), { token });
      const row = { name, session, path, total: probe?.total ?? null, estimate: probe?.totalIsEstimate ?? false };
      const r = await runLoad({ base: api.base, path, headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, concurrency: 1, durationSec: a.duration, warmupSec: a.warmup });
      if (r.errors) throw new Error(`${name}: ${r.errors} errors, first: ${r.firstError}`);
      await sleep(a.statsWait * 1000);
      const after = await dbCounters(db, a.db);
      const cpuAfter = api.cpuMs();
      const afterAt = performance.now();
      const elapsed = (afterAt - countersAt) / 1000;
      // The warm-up requests spent database time too: count them in (same rate).
      const requests = r.requests * ((a.duration + a.warmup) / a.duration) + 1;
      row.c1 = {
        rps: r.rps,
        p50: r.p50,
        p95: r.p95,
        dbMs: Math.max(0, after.active_ms - counters.active_ms - background.activeMsPerSec * elapsed) / requests,
        xacts: Math.max(0, after.xacts - counters.xacts - background.xactsPerSec * elapsed) / requests,
        // The API process's own CPU per request (Node: routing, guards, validation, pg
        // protocol, mapping, JSON): load-independent, unlike p50 on a shared machine.
        cpuMs: cpuAfter === null ? NaN : Math.max(0, cpuAfter - cpuAt - background.cpuMsPerSec * elapsed) / requests,
      };
      counters = after;
      cpuAt = cpuAfter;
      countersAt = afterAt;
      log(`${name} @1: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, db ${row.c1.dbMs.toFixed(2)} ms/req, API CPU ${row.c1.cpuMs.toFixed(2)} ms/req, ${row.c1.xacts.toFixed(1)} xacts/req`);
      results.push(row);
    }
    for (const row of results) {
      const token = await row.session.token();
      const r = await runLoad({ base: api.base, bases: [api, ...others].map((p) => p.base), path: row.path, headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, concurrency: 10, durationSec: a.duration, warmupSec: a.warmup });
      if (r.errors) throw new Error(`${row.name}: ${r.errors} errors, first: ${r.firstError}`);
      row.c10 = { rps: r.rps, p50: r.p50, p95: r.p95 };
      log(`${row.name} @10: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
    }
    const floor = only.length && !only.some((w) => 'floor'.includes(w)) ? null : await measureFloor(api, director, ids[0], a);
    const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
    const lines = [
      `| request | rows (total) | p50 / p95 ms @1 | DB ms/req @1 | API CPU ms/req | API/DB @1 | (CPU+DB)/DB | req/s @10 | p50 / p95 ms @10 | statements¹/req |`,
      '|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
      ...results.map(
        (r) =>
          `| ${r.name} | ${r.total === null ? '—' : `${r.estimate ? '≈ ' : ''}${r.total.toLocaleString('en')}`} | ${f(r.c1.p50)} / ${f(r.c1.p95)} | ${f(r.c1.dbMs, 2)} | ${f(r.c1.cpuMs, 2)} | ${f(r.c1.p50 / r.c1.dbMs)}× | ${f((r.c1.cpuMs + r.c1.dbMs) / r.c1.dbMs)}× | ${f(r.c10.rps, 0)} | ${f(r.c10.p50)} / ${f(r.c10.p95)} | ${f(r.c1.xacts)} |`,
      ),
    ];
    process.stdout.write(
      `\nData: ${JSON.stringify(sizes[0])}; ${1 + others.length} API process(es) for @10; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; API background ${background.activeMsPerSec.toFixed(2)} DB ms/s, ${background.xactsPerSec.toFixed(2)} xacts/s (subtracted)\n\n${lines.join('\n')}\n\n¹ transactions per request (each autocommit statement is one), the API's idle background subtracted.\n${floor ? `\nFloor, no framework: Node's http server alone sending the client card's ${floor.bytes.toLocaleString('en')}-byte answer (bench/lib/floor-server.mjs): ${f(floor.cpuMs, 2)} ms CPU/req, p50 / p95 ${f(floor.c1.p50, 2)} / ${f(floor.c1.p95, 2)} ms @1, ${f(floor.c10.rps, 0)} req/s and p95 ${f(floor.c10.p95)} ms @10.\n` : ''}`,
    );
  } finally {
    for (const other of others) await other.stop();
    await api.stop();
    if (db) await db.end();
    if (a.apiCpuProf && existsSync(profile)) {
      const p = summarise(JSON.parse(readFileSync(profile, 'utf8')));
      const line = (r) => `${r.ms.toFixed(0).padStart(8)} ms ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}`;
      process.stdout.write(`\nAPI CPU profile ${profile} (${p.totalMs.toFixed(0)} ms sampled)\nby package:\n${p.packages.slice(0, 15).map(line).join('\n')}\nby function:\n${p.functions.slice(0, 30).map(line).join('\n')}\n`);
    }
    if (!a.keep && !a.reuse) {
      const admin = await connect(pg, serverUrl.href);
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(a.db)} WITH (FORCE)`);
      await admin.end();
    }
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
