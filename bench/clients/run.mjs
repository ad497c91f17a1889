#!/usr/bin/env node
/**
 * Clients bench: list, filters, search and get-by-id of /api/clients under load at
 * 100,000 (or 1,000,000) clients, the same SQL timed directly, and a 10,000-row import.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:clients [--clients 100000] …
 *
 * Creates a database polar_bench_<timestamp> on the server of DATABASE_URL, lets the built
 * API migrate it and load the demo data, adds the data set in SQL, measures, and drops the
 * database at the end (unless --keep). See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, usage, UsageError } from '../lib/args.mjs';
import { ApiProcess, freePort } from '../lib/api.mjs';
import { connect, createDatabase, dropDatabase, loadPg, parseServerUrl, withDatabase } from '../lib/db.mjs';
import { runLoad, runSerial } from '../lib/load.mjs';
import { Identifiers, isValidInn, loadDataSet, makeGenerator } from './data.mjs';
import { buildImportCsv, timeImport } from './import.mjs';
import { explainText, openCapture, timeStatements } from './sql.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const PASSWORD = 'lider-demo';
const DIRECTOR = 'director@lider.test';
const MANAGER = 'manager3@lider.test';
const TARGET_P95_MS = 50;
const TARGET_IMPORT_S = 20;

/** Search terms: a word form other than the stored one, and a name prefix. */
const WORD_FORM = 'северного'; // stored as «Северный двор», «Северная лавка», «Северное подворье»…
const NAME_PREFIX = 'Снежин'; // «Снежинка», «Снежинка-Маркет»…

const SPEC = {
  clients: { type: 'int', default: 100_000, min: 0, max: 5_000_000, help: 'clients to generate (besides the 300 demo ones), e.g. 100000 or 1000000' },
  contacts: { type: 'int', default: 2, min: 0, max: 10, help: 'contacts per generated client' },
  concurrency: { type: 'int', default: 10, min: 1, max: 256, help: 'concurrent connections of the load generator' },
  duration: { type: 'number', default: 10, min: 1, max: 600, help: 'measured seconds per scenario' },
  warmup: { type: 'number', default: 1, min: 0, max: 60, help: 'unmeasured warm-up seconds before each scenario' },
  importRows: { type: 'int', default: 10_000, min: 0, max: 50_000, help: 'rows of the import file (0 skips the import)' },
  serial: { type: 'int', default: 30, min: 0, max: 1000, help: 'sequential requests per scenario for the unloaded p50 (0 skips)' },
  sqlRepeat: { type: 'int', default: 5, min: 1, max: 100, help: 'repetitions of each direct SQL timing (median)' },
  seed: { type: 'int', default: 20261123, min: 0, max: 2 ** 31, help: 'PRNG seed of the data set' },
  keep: { type: 'boolean', default: false, help: 'keep the bench database (and print its URL) instead of dropping it' },
  apiCpuProf: { type: 'boolean', default: false, help: 'run the API with --cpu-prof (profile in bench/results/; adds overhead)' },
  failOnTarget: { type: 'boolean', default: false, help: 'exit with code 2 when a target is missed' },
};

const t0 = performance.now();
const log = (m) => process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${m}\n`);

// ---------------------------------------------------------------------------
// Clean-up: the API process we started, our connections, the database we created.
// ---------------------------------------------------------------------------

const state = { api: null, db: null, capture: null, pg: null, serverUrl: null, dbName: null, keep: false, aborted: false };

class Interrupted extends Error {}
function checkInterrupted() {
  if (state.aborted) throw new Interrupted('interrupted');
}
let cleaning = null;

function cleanup() {
  cleaning ??= (async () => {
    await state.capture?.close().catch(() => {});
    await state.db?.end().catch(() => {});
    if (state.api) {
      log('stopping the API');
      await state.api.stop().catch((e) => log(`could not stop the API: ${e.message}`));
    }
    if (state.dbName) {
      if (state.keep) {
        log(`kept database ${withDatabase(state.serverUrl, state.dbName)}`);
      } else {
        log(`dropping database ${state.dbName}`);
        await dropDatabase(state.pg, state.serverUrl, state.dbName).catch((e) => log(`could not drop ${state.dbName}: ${e.message}`));
      }
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    state.aborted = true;
    log(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2), SPEC);
  if (args.help) {
    process.stdout.write(`${usage('pnpm bench:clients', SPEC)}\n\nDATABASE_URL must point at a PostgreSQL on 127.0.0.1 (any database; a new one is created).\n`);
    return 0;
  }
  state.keep = args.keep;
  const loadBefore = os.loadavg();
  const serverUrl = parseServerUrl(process.env.DATABASE_URL);
  state.serverUrl = serverUrl;
  const pg = loadPg(ROOT);
  state.pg = pg;
  // node-postgres: bigint counts as numbers; the bench only counts rows.
  pg.types.setTypeParser(20, (v) => Number(v));

  // 1. A fresh database, migrated and seeded by the API itself.
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dbName = `polar_bench_${stamp}_${process.pid}`;
  await createDatabase(pg, serverUrl, dbName);
  state.dbName = dbName;
  const dbUrl = withDatabase(serverUrl, dbName);
  log(`created database ${dbName}`);

  const api = new ApiProcess({
    root: ROOT,
    databaseUrl: dbUrl,
    port: await freePort(),
    nodeArgs: args.apiCpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench/results')}`, `--cpu-prof-name=api-${stamp}.cpuprofile`] : [],
  });
  state.api = api;
  log(`starting the API on ${api.base} (migrations + demo seed)`);
  await api.start();
  log('API is up');

  const db = await connect(pg, dbUrl);
  state.db = db;
  const serverVersion = (await db.query('SHOW server_version')).rows[0].server_version;

  // 2. The data set.
  const refs = { industry: [], activity_kind: [], acquisition_channel: [] };
  for (const r of (await db.query(`SELECT id, kind FROM reference_items WHERE is_active`)).rows) refs[r.kind]?.push(r.id);
  const managers = (await db.query(`SELECT id, email FROM users WHERE email ~ '^manager[0-9]+@lider\\.test$' AND is_active`)).rows;
  const managerIds = Array.from({ length: 10 }, (_, i) => managers.find((m) => m.email === `manager${i + 1}@lider.test`)?.id);
  if (managerIds.some((id) => !id)) throw new Error('The demo managers manager1…manager10@lider.test are missing: did the demo seed run?');
  const taken = (await db.query(`
    SELECT array(SELECT inn FROM clients WHERE inn IS NOT NULL) AS inns,
           array(SELECT unnest(phones_normalized) FROM clients UNION SELECT unnest(phones_normalized) FROM client_contacts) AS phones,
           array(SELECT unnest(emails_normalized) FROM clients UNION SELECT unnest(emails_normalized) FROM client_contacts) AS emails`)).rows[0];
  const ids = new Identifiers({ takenInns: taken.inns, takenPhones: taken.phones, takenEmails: taken.emails });
  const normalize = createRequire(join(ROOT, 'apps/api/package.json'))(join(ROOT, 'apps/api/dist/modules/clients/client-normalize.js'));
  const gen = makeGenerator({ seed: args.seed, ids, managerIds, refs, normalize, now: new Date() });

  log(`generating ${args.clients.toLocaleString('en-US')} clients × ${args.contacts} contacts`);
  const loaded = await loadDataSet(db, gen, { count: args.clients, contactsPerClient: args.contacts, log });
  log(`data loaded in ${loaded.seconds.toFixed(1)} s; VACUUM ANALYZE`);
  const vacuumStarted = performance.now();
  await db.query('VACUUM (ANALYZE) clients');
  await db.query('VACUUM (ANALYZE) client_contacts');
  log(`VACUUM ANALYZE took ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
  const counts = (await db.query(`SELECT (SELECT count(*) FROM clients) AS clients, (SELECT count(*) FROM client_contacts) AS contacts,
                                         pg_size_pretty(pg_database_size(current_database())) AS size`)).rows[0];
  log(`database: ${counts.clients.toLocaleString('en-US')} clients, ${counts.contacts.toLocaleString('en-US')} contacts, ${counts.size}`);

  // 3. Users and the pools of values the requests rotate through.
  const director = api.session(DIRECTOR, PASSWORD);
  const manager = api.session(MANAGER, PASSWORD);
  const directorMe = await director.me();
  const managerMe = await manager.me();
  const users = {
    director: { session: director, me: directorMe, label: 'director (all)' },
    manager: { session: manager, me: managerMe, label: 'manager3 (own)' },
  };
  const pools = {};
  for (const [key, u] of Object.entries(users)) {
    const own = key === 'manager' ? `AND manager_id = '${u.me.id}'` : '';
    const sample = async (sql) => (await db.query(sql)).rows.map((r) => r.v);
    pools[key] = {
      ids: await sample(`SELECT id AS v FROM clients WHERE archived_at IS NULL ${own} ORDER BY random() LIMIT 1000`),
      inns: await sample(`SELECT inn AS v FROM clients WHERE inn IS NOT NULL AND archived_at IS NULL ${own} ORDER BY random() LIMIT 100`),
      phones: [
        ...(await sample(`SELECT phones_normalized[1] AS v FROM clients WHERE cardinality(phones_normalized) > 0 AND archived_at IS NULL ${own} ORDER BY random() LIMIT 50`)),
        ...(await sample(`SELECT p.phones_normalized[1] AS v FROM client_contacts p JOIN clients c ON c.id = p.client_id
                           WHERE cardinality(p.phones_normalized) > 0 AND c.archived_at IS NULL ${own.replace('manager_id', 'c.manager_id')} ORDER BY random() LIMIT 50`)),
      ].map(otherPhoneFormat),
    };
    if (!pools[key].ids.length) throw new Error(`No clients in the scope of ${u.me.email}`);
    if (pools[key].inns.some((inn) => !isValidInn(inn))) throw new Error('An INN of the data set fails its check digit');
  }

  // 4. Scenarios.
  const rot = (list) => (i) => list[i % list.length];
  const listPath = (q) => `/api/clients?${new URLSearchParams(q)}`;
  const scenarios = [];
  for (const [key, u] of Object.entries(users)) {
    const p = pools[key];
    const add = (name, kind, query, opts = {}) => scenarios.push({ user: key, label: u.label, name, kind, query, ...opts });
    add('list', 'list', () => ({ pageSize: '25' }));
    add('filter status=active&city=Москва', 'list', () => ({ status: 'active', city: 'Москва', pageSize: '25' }));
    if (key === 'director') add('filter managerId=manager3', 'list', () => ({ managerId: managerMe.id, pageSize: '25' }));
    add(`search word form "${WORD_FORM}"`, 'search', () => ({ q: WORD_FORM }));
    add(`search prefix "${NAME_PREFIX}"`, 'search', () => ({ q: NAME_PREFIX }));
    // With an explicit sort the list is not ranked: the fallback when the ranked search fails.
    const sorted = (name, values) => ({ user: key, label: u.label, name: `${name} + sort=name (workaround)`, kind: 'search', query: (i) => ({ q: rot(values)(i), sort: 'name' }), variants: values.length });
    add('search INN', 'search', (i) => ({ q: rot(p.inns)(i) }), { variants: p.inns.length, fallback: sorted('search INN', p.inns) });
    add('search phone (8 XXX XXXXXXX)', 'search', (i) => ({ q: rot(p.phones)(i) }), { variants: p.phones.length, fallback: sorted('search phone (8 XXX XXXXXXX)', p.phones) });
    add('get by id', 'get', null, { id: rot(p.ids), variants: p.ids.length });
  }

  const capture = await openCapture(ROOT, dbUrl);
  state.capture = capture;

  async function measure(s) {
    const u = users[s.user];
    const token = await u.session.token();
    const headers = { authorization: `Bearer ${token}` };
    const path = s.kind === 'get' ? (i) => `/api/clients/${s.id(i)}` : (i) => listPath(s.query(i));
    log(`${u.label}: ${s.name} — ${args.concurrency} connections, ${args.duration} s`);

    // One request first: it must succeed, and it tells how many rows match.
    const first = await api.json('GET', path(0), { token });
    const rows = s.kind === 'get' ? 1 : first.total;
    if (s.kind === 'search' && !first.total) throw new Error(`${s.name} found nothing for ${path(0)}: the data set or the search is broken`);

    const load = await runLoad({ base: api.base, path, headers, concurrency: args.concurrency, durationSec: args.duration, warmupSec: args.warmup });
    if (load.errors) throw new Error(`${load.errors} of ${load.errors + load.requests} requests failed; first: ${load.firstError}`);
    const serial = args.serial ? await runSerial({ base: api.base, path, headers, n: args.serial }) : null;

    // The same SQL, directly.
    const variantCount = Math.min(s.variants ?? 1, 5);
    const variants = [];
    for (let v = 0; v < variantCount; v++) {
      variants.push(s.kind === 'get' ? await capture.get(s.id(v), u.me) : await capture.list(s.query(v), u.me));
    }
    const sql = await timeStatements(db, variants, { repeat: args.sqlRepeat });
    const target = s.kind === 'get' ? null : TARGET_P95_MS;
    const result = {
      ...describe(s),
      example: path(0),
      rows,
      ...pick(load, ['requests', 'rps', 'p50', 'p95', 'p99', 'max', 'mean']),
      serialP50: serial?.p50 ?? null,
      sqlExec: sql.exec,
      sqlWall: sql.wall,
      jitMs: sql.jitMs,
      ratio: load.p50 / sql.exec,
      target,
      pass: target === null ? null : load.p95 < target,
      statements: variants[0].map((q) => ({ sql: q.sql, params: q.params })),
    };
    if (result.pass === false) result.plans = await explainText(db, variants[0]);
    log(
      `  ${fmt(load.rps, 0)} req/s, p50 ${fmt(load.p50)} ms, p95 ${fmt(load.p95)} ms, p99 ${fmt(load.p99)} ms; SQL ${fmt(sql.exec)} ms` +
        (result.pass === null ? '' : result.pass ? ' — PASS' : ' — FAIL'),
    );
    return result;
  }
  const describe = (s) => ({ user: s.user, label: users[s.user].label, name: s.name, kind: s.kind });

  const results = [];
  for (const s of scenarios) {
    checkInterrupted();
    try {
      results.push(await measure(s));
    } catch (e) {
      checkInterrupted();
      const message = String(e?.message ?? e);
      log(`  ERROR: ${message.slice(0, 400)}`);
      results.push({ ...describe(s), error: message, target: s.kind === 'get' ? null : TARGET_P95_MS, pass: false });
      // An INN or phone search that fails on the server: still time the lookup with an explicit sort.
      if (s.fallback && /HTTP 5\d\d/.test(message)) {
        try {
          results.push({ ...(await measure(s.fallback)), workaround: true });
        } catch (e2) {
          const m2 = String(e2?.message ?? e2);
          log(`  ERROR: ${m2.slice(0, 400)}`);
          results.push({ ...describe(s.fallback), error: m2, target: TARGET_P95_MS, pass: false });
        }
      }
    }
  }

  // 5. Import.
  checkInterrupted();
  let imports = null;
  if (args.importRows > 0) {
    imports = { rows: args.importRows, bytes: 0, dryRun: null, real: null, error: null };
    try {
      const managerEmails = managers.map((m) => m.email);
      const csv = buildImportCsv(gen, args.importRows, managerEmails);
      imports.bytes = csv.length;
      log(`import: ${args.importRows.toLocaleString('en-US')} rows, ${(csv.length / 1024 / 1024).toFixed(2)} MiB CSV, as ${DIRECTOR}`);
      const before = (await db.query('SELECT count(*) AS n FROM clients')).rows[0].n;
      const dry = await timeImport(api, director, csv, { dryRun: true });
      describeImport('dry run', dry);
      imports.dryRun = { seconds: dry.seconds, serverSeconds: dry.serverSeconds, phases: dry.phases, validRows: dry.job.report?.validRows ?? null };
      checkImport(dry, args.importRows, true);
      const real = await timeImport(api, director, csv, { dryRun: false });
      describeImport('import', real);
      imports.real = { seconds: real.seconds, serverSeconds: real.serverSeconds, phases: real.phases, createdRows: real.job.createdRows, pass: real.seconds < TARGET_IMPORT_S };
      checkImport(real, args.importRows, false);
      const after = (await db.query('SELECT count(*) AS n FROM clients')).rows[0].n;
      if (after - before !== args.importRows) throw new Error(`The import reported success but the clients table grew by ${after - before}, not ${args.importRows}`);
    } catch (e) {
      checkInterrupted();
      imports.error = String(e?.message ?? e);
      log(`  ERROR: ${imports.error.slice(0, 600)}`);
    }
  }

  // 6. Report.
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: serverVersion,
    loadAverageBefore: loadBefore.map((x) => Number(x.toFixed(2))),
    loadAverageAfter: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
  const run = {
    date: new Date().toISOString(),
    machine,
    options: { ...args, help: undefined },
    dataSet: { clients: counts.clients, contacts: counts.contacts, databaseSize: counts.size, loadSeconds: loaded.seconds },
    results,
    imports,
  };
  printReport(run);
  const outDir = join(ROOT, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, `clients-${stamp}.json`);
  writeFileSync(outFile, `${JSON.stringify(run, null, 2)}\n`);
  log(`raw results and plans: ${outFile}`);

  if (results.some((r) => r.error) || imports?.error) {
    log('some scenarios failed with errors (see above)');
    return 1;
  }
  const missed = results.some((r) => r.pass === false) || imports?.real?.pass === false;
  return missed && args.failOnTarget ? 2 : 0;
}

// ---------------------------------------------------------------------------

/** "79162345678" → "8 916 2345678": the same number as a user would type it. */
function otherPhoneFormat(normalized) {
  return normalized.length === 11 && normalized[0] === '7' ? `8 ${normalized.slice(1, 4)} ${normalized.slice(4)}` : normalized;
}

function pick(o, keys) {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

function fmt(x, digits = 1) {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits);
}

function describeImport(what, r) {
  const j = r.job;
  log(
    `  ${what}: ${j.status} in ${r.seconds.toFixed(2)} s (server ${r.serverSeconds?.toFixed(2) ?? '?'} s); ` +
      `valid ${j.report?.validRows ?? '?'}, created ${j.createdRows}, errors ${j.report?.errors.length ?? '?'}, duplicates ${j.report?.duplicates.length ?? '?'}` +
      (j.failureReason ? `; ${j.failureReason}` : ''),
  );
  log(`    phases (from polling): ${phasesText(r.phases)}`);
}

function phasesText(phases) {
  return Object.entries(phases ?? {})
    .filter(([k]) => k !== 'end')
    .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
    .join(', ');
}

function checkImport(r, rows, dryRun) {
  const j = r.job;
  const problems = [];
  if (j.status !== 'succeeded') problems.push(`status ${j.status}: ${j.failureReason}`);
  if (j.report?.errors.length) problems.push(`errors: ${JSON.stringify(j.report.errors.slice(0, 5))}`);
  if (j.report?.duplicates.length) problems.push(`duplicates: ${JSON.stringify(j.report.duplicates.slice(0, 5))}`);
  if (j.report?.validRows !== rows) problems.push(`${j.report?.validRows} valid rows of ${rows}`);
  if (!dryRun && j.createdRows !== rows) problems.push(`${j.createdRows} rows created of ${rows}`);
  if (problems.length) throw new Error(`The ${dryRun ? 'dry run' : 'import'} did not go through:\n  ${problems.join('\n  ')}`);
}

/** "SELECT <60 columns> FROM … LEFT JOIN …" → "SELECT … FROM "clients" "c" ⟕ manager …" (at most 400 characters). */
function sqlSummary(sql) {
  const from = sql.indexOf(' FROM ');
  const head = sql.startsWith('SELECT COUNT') ? sql.slice(0, from) : 'SELECT …';
  const text = `${head}${sql.slice(from)}`
    .replace(/\s+/g, ' ')
    .replace(/ LEFT JOIN "[^"]+" "([^"]+)" ON "[^"]+"\."[^"]+"="[^"]+"\."[^"]+"/g, ' ⟕ $1');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** The plan nodes that matter (scans, joins, sorts) and the timings, indented as in the plan. */
function planSummary(plan) {
  const keep = /(Seq Scan|Index|Bitmap Heap|Hash (\w+ )?Join|Nested Loop|Merge|Sort|Aggregate|Limit|Gather|Planning Time|Execution Time|JIT)/;
  const lines = plan
    .split('\n')
    .filter((l) => keep.test(l) && !/Sort Key|Sort Method|Index Cond|Worker \d|Memoize|reference_items|users manager/.test(l))
    .map((l) => `    ${l.replace(/\(cost=[^)]*\) /, '').slice(0, 160)}`);
  return lines.slice(0, 16).join('\n');
}

function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (align[i] === 'r' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(' | ')} |`;
  const sep = `|${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(headers), sep, ...rows.map(line)].join('\n');
}

function printReport(run) {
  const { machine: m, options: o, dataSet: d } = run;
  const out = [];
  out.push('');
  out.push(`Clients bench — ${run.date}`);
  out.push(`Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB RAM; Node ${m.node}; PostgreSQL ${m.postgres}`);
  out.push(`Load average (1/5/15 min) before: ${m.loadAverageBefore.join(' / ')}, after: ${m.loadAverageAfter.join(' / ')} — other work on the machine skews the figures`);
  out.push(`Data: ${d.clients.toLocaleString('en-US')} clients, ${d.contacts.toLocaleString('en-US')} contacts (${d.databaseSize}); generated in ${d.loadSeconds.toFixed(1)} s`);
  out.push(`Load: ${o.concurrency} connections × ${o.duration} s per scenario (after ${o.warmup} s warm-up); API, PostgreSQL and load generator share the machine`);
  out.push('');
  out.push(
    table(
      ['user', 'scenario', 'rows', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'p50 @1 ms', 'SQL ms', 'SQL wall ms', 'API/SQL', 'target', 'result'],
      run.results.map((r) => (r.error ? [r.label, r.name, '—', '—', '—', '—', '—', '—', '—', '—', '—', r.target === null ? '—' : `p95 < ${r.target}`, 'ERROR'] : [
        r.label,
        r.name,
        r.rows.toLocaleString('en-US'),
        fmt(r.rps, 0),
        fmt(r.p50),
        fmt(r.p95),
        fmt(r.p99),
        fmt(r.serialP50),
        fmt(r.sqlExec, 2),
        fmt(r.sqlWall, 2),
        `${fmt(r.ratio)}×`,
        r.target === null ? '—' : `p95 < ${r.target}`,
        r.pass === null ? '—' : r.pass ? 'PASS' : 'FAIL',
      ])),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
    ),
  );
  out.push('');
  out.push('p50 @1: one connection, sequential requests (no queueing). SQL ms: planning + execution of the statements the API runs for one');
  out.push('request (EXPLAIN ANALYZE, median); SQL wall: the same statements from a plain pg client. API/SQL = p50 under load / SQL ms.');
  const failed = run.results.filter((r) => r.error);
  if (failed.length) {
    out.push('');
    out.push('Errors:');
    for (const r of failed) out.push(`  ${r.label} / ${r.name}: ${r.error.slice(0, 600)}`);
  }
  if (run.results.some((r) => r.jitMs > 0)) {
    out.push(`JIT compiled some statements: ${run.results.filter((r) => r.jitMs > 0).map((r) => `${r.label} ${r.name} (${fmt(r.jitMs)} ms)`).join('; ')}`);
  }
  if (run.imports) {
    const i = run.imports;
    const n = i.rows.toLocaleString('en-US');
    out.push('');
    out.push(
      table(
        ['import', 'rows', 'elapsed s', 'server s', 'created', 'target', 'result'],
        [
          i.dryRun ? ['dry run', n, fmt(i.dryRun.seconds, 2), fmt(i.dryRun.serverSeconds, 2), '0', '—', i.error && !i.real ? 'ERROR' : '—'] : ['dry run', n, '—', '—', '—', '—', 'ERROR'],
          i.real
            ? ['import', n, fmt(i.real.seconds, 2), fmt(i.real.serverSeconds, 2), i.real.createdRows.toLocaleString('en-US'), `< ${TARGET_IMPORT_S} s`, i.error ? 'ERROR' : i.real.pass ? 'PASS' : 'FAIL']
            : ['import', n, '—', '—', '—', `< ${TARGET_IMPORT_S} s`, 'not run'],
        ],
        ['l', 'r', 'r', 'r', 'r', 'l', 'l'],
      ),
    );
    if (i.dryRun?.phases) out.push(`Dry run phases: ${phasesText(i.dryRun.phases)}`);
    if (i.real?.phases) out.push(`Import phases:  ${phasesText(i.real.phases)}`);
    if (i.error) out.push(`Import error: ${i.error.slice(0, 800)}`);
  }
  const slow = run.results.filter((r) => r.pass === false && r.plans);
  if (slow.length) {
    out.push('');
    out.push('Plans behind the missed targets (EXPLAIN ANALYZE, main nodes; full plans in the JSON file):');
    for (const r of slow) {
      for (const p of r.plans) {
        out.push('');
        out.push(`--- ${r.label} / ${r.name}: ${sqlSummary(p.sql)}`);
        out.push(planSummary(p.plan));
      }
    }
  }
  out.push('');
  process.stdout.write(`${out.join('\n')}\n`);
}

let code = 1;
try {
  code = await main();
} catch (e) {
  if (e instanceof Interrupted || state.aborted) {
    process.stderr.write('\nbench interrupted\n');
  } else if (e instanceof UsageError) {
    process.stderr.write(`${e.message}\n\n${usage('pnpm bench:clients', SPEC)}\n`);
  } else {
    process.stderr.write(`\nbench failed: ${e?.stack ?? e}\n`);
    if (state.api?.output.length) process.stderr.write(`\nlast API output:\n${state.api.tail()}\n`);
  }
  code = state.aborted ? 130 : 1;
} finally {
  await cleanup();
}
process.exit(code);
