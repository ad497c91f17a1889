#!/usr/bin/env node
/**
 * Payment-call job bench: the daily «Проконтролировать оплату» job (`runPaymentCalls`)
 * over 100,000 open invoices on a real PostgreSQL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:jobs [--invoices 100000] [--keep]
 *
 * Creates a database polar_bench_jobs_<timestamp> on the server of DATABASE_URL, migrates
 * and seeds it with the built API's own `prepareDatabase`, generates the open invoices in
 * SQL, times the job twice (the second run must create nothing) and drops the database at
 * the end (unless --keep). See bench/README.md, section "Payment-call job".
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, usage, UsageError } from '../lib/args.mjs';
import { connect, createDatabase, dropDatabase, loadPg, parseServerUrl, withDatabase } from '../lib/db.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const DIST = join(ROOT, 'apps/api/dist');
const BUILD_HINT = 'pnpm --filter @polar/access build && pnpm --filter @polar/calendar build && pnpm --filter @polar/api build';
/** Invoice numbers of the generated set (the demo ones are СЧ-YYYY-NNNNN). */
const NUMBER_PREFIX = 'BENCH-';

const SPEC = {
  invoices: { type: 'int', default: 100_000, min: 1, max: 10_000_000, help: 'open invoices to generate (besides the demo ones)' },
  days: { type: 'int', default: 60, min: 1, max: 365, help: 'due dates are spread over today … today + days − 1 (calendar days)' },
  today: { type: 'string', default: null, help: 'the Moscow day of the run, YYYY-MM-DD (default: today in Moscow; a non-working day moves to the next working day)' },
  targetMs: { type: 'int', default: 5000, min: 1, max: 3_600_000, help: 'target for the first run, ms' },
  explain: { type: 'boolean', default: false, help: 'print EXPLAIN (ANALYZE, BUFFERS) of the job statements (always done when the target is missed)' },
  keep: { type: 'boolean', default: false, help: 'keep the bench database (and print its URL) instead of dropping it' },
  failOnTarget: { type: 'boolean', default: false, help: 'exit with code 2 when the target is missed' },
};

const t0 = performance.now();
const log = (m) => process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${m}\n`);
const fmt = (n) => Number(n).toLocaleString('en-US');
const ms = (n) => n.toFixed(1);

// ---------------------------------------------------------------------------
// Clean-up: our DataSource and connections, the database we created.
// ---------------------------------------------------------------------------

const state = { aborted: false, pg: null, serverUrl: null, dbName: null, keep: false, client: null, ds: null, cleaning: null };

function cleanup() {
  state.cleaning ??= (async () => {
    if (state.ds?.isInitialized) await state.ds.destroy().catch(() => undefined);
    if (state.client) await state.client.end().catch(() => undefined);
    if (!state.dbName) return;
    if (state.keep) {
      log(`kept database: ${withDatabase(state.serverUrl, state.dbName)}`);
      return;
    }
    await dropDatabase(state.pg, state.serverUrl, state.dbName);
    log(`dropped database ${state.dbName}`);
  })();
  return state.cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    state.aborted = true;
    log(`${signal}: cleaning up`);
    cleanup()
      .catch((e) => console.error(`clean-up failed: ${e.message}`))
      .finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------

function requireDist(rel) {
  const file = join(DIST, rel);
  if (!existsSync(file)) throw new Error(`${file} is missing: build the API first (${BUILD_HINT})`);
  return createRequire(join(ROOT, 'apps/api/package.json'))(file);
}

function stamp(d = new Date()) {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Records every statement the DataSource sends (TypeORM calls logQuery before each one). */
class CountingLogger {
  constructor() {
    this.statements = [];
  }
  logQuery(query, parameters) {
    this.statements.push({ query, parameters });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

/**
 * A query runner whose `query` is wrapped to time each statement; its manager's
 * `transaction` runs on this very runner (START TRANSACTION … COMMIT), as
 * `DataSource.transaction` does in JobsService.execute.
 */
function timedRunner(ds, into) {
  const qr = ds.createQueryRunner();
  const original = qr.query.bind(qr);
  qr.query = async (query, parameters, useStructuredResult) => {
    const started = performance.now();
    const result = await original(query, parameters, useStructuredResult);
    const rows = Array.isArray(result) ? (Array.isArray(result[0]) ? result[0].length : result.length) : result?.records?.length ?? null;
    into.push({ query, parameters, ms: performance.now() - started, rows, affected: Array.isArray(result) && typeof result[1] === 'number' ? result[1] : null });
    return result;
  };
  return qr;
}

const oneLine = (sql) => sql.replace(/\s+/g, ' ').trim();
const short = (sql, n = 90) => {
  const s = oneLine(sql);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
};

async function main() {
  const args = parseArgs(process.argv.slice(2), SPEC);
  if (args.help) {
    console.log(usage('pnpm bench:jobs', SPEC));
    return 0;
  }
  state.keep = args.keep;
  state.serverUrl = parseServerUrl(process.env.DATABASE_URL);
  state.pg = loadPg(ROOT);

  const calendar = createRequire(join(ROOT, 'apps/api/package.json'))('@polar/calendar');
  const { prepareDatabase } = requireDist('database/database-runtime.js');
  const { dataSourceOptions } = requireDist('database/data-source-options.js');
  const { runPaymentCalls, CALL_WORKING_DAYS_BEFORE_DUE } = requireDist('modules/planning/jobs/payment-calls.job.js');
  const { moscowDay } = requireDist('modules/jobs/jobs.service.js');
  // What the job asks of other modules and where its calls go (the clients' timelines).
  const { EventBus } = requireDist('common/events/index.js');
  const { SystemClock } = requireDist('common/context/clock.js');
  const { FunnelPort } = requireDist('modules/funnel/funnel-port.js');
  const { ClientsDirectory } = requireDist('modules/clients/clients-directory.js');
  const { TimelineService } = requireDist('modules/clients/timeline.service.js');
  const { TimelineProjection } = requireDist('modules/clients/timeline-projection.js');
  const { DataSource } = createRequire(join(ROOT, 'apps/api/package.json'))('typeorm');

  // The day of the run: Moscow today (as JobsService computes it) unless --today.
  const now = new Date();
  let today = args.today ?? moscowDay(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError(`--today must be YYYY-MM-DD (got "${today}")`);
  if (!calendar.isWorkingDay(today)) {
    const next = calendar.addWorkingDays(today, 1);
    log(`${today} is not a working day (the job would only mark overdue invoices and skip): using ${next}`);
    today = next;
  }
  const lastDue = calendar.addWorkingDays(today, CALL_WORKING_DAYS_BEFORE_DUE);

  // 1. Database: fresh, migrated, seeded by the API's own code.
  state.dbName = `polar_bench_jobs_${stamp()}`;
  const url = withDatabase(state.serverUrl, state.dbName);
  await createDatabase(state.pg, state.serverUrl, state.dbName);
  log(`created database ${state.dbName} on ${state.serverUrl.host}`);
  const prepared = await prepareDatabase({ url, poolMax: 2 }, { migrate: true, seed: 'always' });
  log(`migrated (${prepared.migrationsApplied.length} migrations) and seeded: ${JSON.stringify(prepared.seeded)}`);

  // 2. Data set: N open invoices, set-based.
  const client = (state.client = await connect(state.pg, url, { applicationName: 'polar-bench-jobs' }));
  const [{ n: demoClients }] = (await client.query(`SELECT count(*)::int AS n FROM clients`)).rows;
  const loadStart = performance.now();
  await client.query(`SELECT setseed(0.20261123)`); // random() below is reproducible
  const inserted = await client.query(
    `WITH c AS (SELECT array_agg(id ORDER BY name, id) AS ids FROM clients)
     INSERT INTO invoices (client_id, number, issue_date, due_date, amount, paid_amount, status, version)
     SELECT c.ids[1 + floor(random() * cardinality(c.ids))::int],
            $4 || lpad(g::text, 8, '0'),
            $1::date - (g % 30),
            $1::date + floor(random() * $3)::int,
            round((1000 + random() * 999000)::numeric, 2),
            0, 'issued', 1
       FROM generate_series(1, $2::int) AS g, c`,
    [today, args.invoices, args.days, NUMBER_PREFIX],
  );
  const loadMs = performance.now() - loadStart;
  const analyzeStart = performance.now();
  for (const table of ['invoices', 'clients', 'tasks', 'timeline_events']) await client.query(`VACUUM (ANALYZE) ${table}`);
  const analyzeMs = performance.now() - analyzeStart;
  log(`inserted ${fmt(inserted.rowCount)} open invoices over ${fmt(demoClients)} clients in ${ms(loadMs)} ms; VACUUM (ANALYZE) ${ms(analyzeMs)} ms`);

  const stats = (
    await client.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status IN ('issued', 'partly_paid') AND paid_amount < amount)::int AS open,
              count(*) FILTER (WHERE status IN ('issued', 'partly_paid') AND paid_amount < amount AND due_date BETWEEN $1::date AND $2::date)::int AS in_window,
              count(*) FILTER (WHERE status IN ('issued', 'partly_paid') AND paid_amount < amount AND due_date BETWEEN $1::date AND $2::date
                                 AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.invoice_id = i.id AND t.source = 'payment_call'))::int AS expected,
              count(*) FILTER (WHERE status IN ('issued', 'partly_paid') AND due_date < $1::date)::int AS to_mark_overdue,
              pg_size_pretty(pg_total_relation_size('invoices')) AS size
         FROM invoices i`,
      [today, lastDue],
    )
  ).rows[0];
  log(
    `invoices: ${fmt(stats.total)} total, ${fmt(stats.open)} open; due ${today} … ${lastDue} (today + ${CALL_WORKING_DAYS_BEFORE_DUE} working days): ${fmt(stats.in_window)}, ` +
      `of which without a call yet: ${fmt(stats.expected)}; table size ${stats.size}`,
  );

  // 3. The job (all its steps in one transaction here): one transaction on a DataSource built from
  //    the API's dataSourceOptions; every statement counted by the logger and timed.
  const logger = new CountingLogger();
  const ds = (state.ds = new DataSource({ ...dataSourceOptions({ url, poolMax: 2 }), logger }));
  await ds.initialize();

  async function timedRun(label) {
    const statements = [];
    const qr = timedRunner(ds, statements);
    const loggedBefore = logger.statements.length;
    // One transaction for the whole job (every step inside it), as before the steps existed.
    let em;
    const ctx = { now, today, step: (work) => work(em) };
    let jobFrom = 0;
    let jobTo = 0;
    const started = performance.now();
    let counts;
    try {
      counts = await qr.manager.transaction(async (tx) => {
        em = tx;
        jobFrom = statements.length;
        const events = new EventBus(new SystemClock());
        new TimelineProjection(events, new TimelineService(ds)).register();
        const c = await runPaymentCalls(ctx, { funnel: new FunnelPort(), clients: new ClientsDirectory(), events });
        jobTo = statements.length;
        return c;
      });
    } finally {
      await qr.release();
    }
    const elapsed = performance.now() - started;
    const logged = logger.statements.length - loggedBefore;
    const job = statements.slice(jobFrom, jobTo);
    const run = { label, counts, elapsedMs: elapsed, statementsLogged: logged, statementsJob: job.length, statements };
    log(
      `${label}: created ${fmt(counts.tasksCreated ?? 0)} tasks, marked ${fmt(counts.invoicesMarkedOverdue ?? 0)} overdue${counts.skipped ? ' (SKIPPED: not a working day)' : ''}; ` +
        `${logged} statements issued (${job.length} by the job + ${logged - job.length} transaction control); ${ms(elapsed)} ms`,
    );
    for (const s of statements) log(`    ${ms(s.ms).padStart(8)} ms  ${String(s.affected ?? s.rows ?? '').padStart(7)} rows  ${short(s.query)}`);
    if (logged !== statements.length) log(`    note: the logger saw ${logged} statements, the wrapped runner ${statements.length}`);
    return run;
  }

  const first = await timedRun('run 1');
  const second = await timedRun('run 2 (idempotency)');

  const created = (
    await client.query(
      `SELECT count(*)::int AS tasks,
              (SELECT count(*)::int FROM timeline_events WHERE kind = 'task_planned' AND payload->>'source' = 'payment_call') AS events,
              count(DISTINCT invoice_id)::int AS invoices
         FROM tasks WHERE source = 'payment_call'`,
    )
  ).rows[0];

  // 4. Verdicts.
  const checks = [
    { what: `run 1 creates one call per open invoice due ${today} … ${lastDue} without a call`, ok: first.counts.tasksCreated === stats.expected, detail: `${fmt(first.counts.tasksCreated)} / expected ${fmt(stats.expected)}` },
    { what: 'run 2 creates nothing (idempotent)', ok: second.counts.tasksCreated === 0, detail: `${fmt(second.counts.tasksCreated)}` },
    { what: 'one call task per invoice, one timeline event per call', ok: created.tasks === created.invoices && created.events === created.tasks, detail: `${fmt(created.tasks)} tasks, ${fmt(created.invoices)} invoices, ${fmt(created.events)} events` },
  ];
  const targetOk = first.elapsedMs < args.targetMs;

  // 5. Plans: the job's statements again under EXPLAIN (ANALYZE, BUFFERS), on the state
  //    before run 1 (its calls deleted), in a transaction that is rolled back.
  let plans = null;
  if (args.explain || !targetOk) plans = await explainJob(client, first, today);

  const env = {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: (await client.query(`SELECT version() AS v`)).rows[0].v.split(',')[0],
    loadavg: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };

  const line = '-'.repeat(78);
  console.log(`\n${line}\nPayment-call job bench — ${env.nproc} CPUs, ${env.memGiB} GiB, Node ${env.node}, ${env.postgres}; load average ${env.loadavg}`);
  console.log(`day of the run:      ${today} (window: due ${today} … ${lastDue})`);
  console.log(`invoices total:      ${fmt(stats.total)} (${fmt(args.invoices)} generated + ${fmt(stats.total - args.invoices)} demo), ${fmt(stats.in_window)} open in the window`);
  console.log(`run 1:               ${fmt(first.counts.tasksCreated)} tasks created, ${first.statementsLogged} statements issued (${first.statementsJob} by the job), ${ms(first.elapsedMs)} ms`);
  console.log(`run 2:               ${fmt(second.counts.tasksCreated)} tasks created, ${second.statementsLogged} statements issued (${second.statementsJob} by the job), ${ms(second.elapsedMs)} ms`);
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'BAD '} ${c.what}: ${c.detail}`);
  console.log(`${targetOk ? 'PASS' : 'FAIL'} first run under ${fmt(args.targetMs)} ms: ${ms(first.elapsedMs)} ms`);
  console.log(line);

  const resultsDir = join(HERE, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `jobs-${stamp()}.json`);
  const strip = (r) => ({ ...r, statements: r.statements.map((s) => ({ ...s, query: oneLine(s.query) })) });
  writeFileSync(file, JSON.stringify({ args, env, today, lastDue, database: state.dbName, stats, first: strip(first), second: strip(second), created, checks, targetOk, plans }, null, 2));
  log(`results: ${file}`);

  if (checks.some((c) => !c.ok)) {
    console.error('The job did not do what it should (see BAD above).');
    return 1;
  }
  return !targetOk && args.failOnTarget ? 2 : 0;
}

async function explainJob(client, first, today) {
  const job = first.statements.filter((s) => !/^(START TRANSACTION|COMMIT|ROLLBACK|SET TRANSACTION)/i.test(s.query.trim()));
  const plans = [];
  await client.query('BEGIN');
  try {
    // Back to the state before run 1: its calls (all stamped with its transaction's now())
    // and their timeline events removed.
    // (kept in SQL: a JS Date would lose the microseconds of created_at)
    const removed = await client.query(
      `WITH run1 AS (
          DELETE FROM tasks WHERE source = 'payment_call' AND created_at = (SELECT max(created_at) FROM tasks WHERE source = 'payment_call')
          RETURNING id::text AS id
       ), events AS (
          DELETE FROM timeline_events e USING run1 WHERE e.kind = 'task_planned' AND e.subject_type = 'task' AND e.subject_id = run1.id
          RETURNING 1
       )
       SELECT (SELECT count(*) FROM run1)::int AS tasks, (SELECT count(*) FROM events)::int AS events`,
    );
    log(`explain: removed run 1's ${fmt(removed.rows[0].tasks)} tasks and ${fmt(removed.rows[0].events)} timeline events (rolled back afterwards)`);
    for (const s of job) {
      const res = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.query}`, s.parameters);
      const text = res.rows.map((r) => r['QUERY PLAN']).join('\n');
      plans.push({ query: oneLine(s.query), text });
      console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${short(s.query, 120)}  [day ${today}]\n${text}`);
    }
  } finally {
    await client.query('ROLLBACK');
  }
  return plans;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (e) => {
    if (state.aborted) return; // the signal handler cleans up and exits with 130
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${usage('pnpm bench:jobs', SPEC)}`);
    } else {
      // Configuration mistakes need no stack trace; anything else does.
      console.error(`ERROR: ${/^DATABASE_URL/.test(e?.message ?? '') ? e.message : (e?.stack ?? e)}`);
    }
    await cleanup().catch((c) => console.error(`clean-up failed: ${c.message}`));
    process.exit(1);
  });
