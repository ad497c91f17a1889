#!/usr/bin/env node
/**
 * Mailing bench: a mailing to 10,000 recipients sent by the built API (work queue +
 * nodemailer) into an SMTP sink in this process, on a real PostgreSQL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:mailing [--sizes 2000,10000] [--keep]
 *
 * For each size a fresh API process sends one mailing of that many addresses; the bench
 * prints the throughput (mails per second) and the API process's peak RSS (VmHWM), so
 * the sizes can be compared: the sender pages through its deliveries and must not hold
 * the recipient list in memory. See bench/README.md, section "Mailing bench".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiProcess, freePort } from '../lib/api.mjs';
import { parseArgs, usage, UsageError } from '../lib/args.mjs';
import { connect, createDatabase, dropDatabase, loadPg, parseServerUrl, withDatabase } from '../lib/db.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');

const SPEC = {
  sizes: { type: 'string', default: '2000,10000', help: 'recipient counts, one fresh API process each (comma-separated)' },
  perMinute: { type: 'int', default: 100_000, min: 1, max: 100_000, help: 'MAIL_PER_MINUTE of the API (the throttle; high = unthrottled)' },
  timeout: { type: 'int', default: 1800, min: 10, max: 86_400, help: 'seconds to wait for one mailing' },
  growthLimit: { type: 'number', default: 1.3, min: 1, max: 100, help: 'largest allowed peak-RSS ratio of the largest to the smallest size' },
  keep: { type: 'boolean', default: false, help: 'keep the bench database (and print its URL)' },
  failOnTarget: { type: 'boolean', default: false, help: 'exit with code 2 when memory grows beyond --growth-limit' },
};

const t0 = performance.now();
const log = (m) => process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${m}\n`);
const fmt = (n) => Number(n).toLocaleString('en-US');
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const state = { pg: null, serverUrl: null, dbName: null, keep: false, client: null, api: null, sink: null };

async function cleanup() {
  await state.api?.stop().catch(() => undefined);
  await state.client?.end().catch(() => undefined);
  if (state.sink) await new Promise((r) => state.sink.close(r));
  if (!state.dbName) return;
  if (state.keep) log(`kept database: ${withDatabase(state.serverUrl, state.dbName)}`);
  else {
    await dropDatabase(state.pg, state.serverUrl, state.dbName);
    log(`dropped database ${state.dbName}`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

/**
 * The SMTP sink: accepts every mail, counts it per address and drops the body (the
 * bench process itself must not grow with the mails it receives).
 */
async function startSink() {
  const { SMTPServer } = createRequire(join(ROOT, 'apps/api/package.json'))('smtp-server');
  const perAddress = new Map();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1024 * 1024,
    onRcptTo: (address, _s, cb) => {
      const to = address.address.toLowerCase();
      perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
      cb();
    },
    onData: (stream, _s, cb) => {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        total++;
        cb();
      });
    },
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  state.sink = server;
  return {
    port: server.server.address().port,
    get total() {
      return total;
    },
    perAddress,
    reset() {
      perAddress.clear();
      total = 0;
    },
  };
}

/** Peak and current resident set of a process, from /proc (Linux). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { peakKb: kb('VmHWM'), rssKb: kb('VmRSS') };
}

/** One mailing of `size` addresses, as MailingsService.send leaves it: rows queued, the dispatch item enqueued. */
async function prepareMailing(client, size, label) {
  const [{ id: clientId }] = (await client.query(`SELECT id FROM clients WHERE archived_at IS NULL ORDER BY name LIMIT 1`)).rows;
  const { rows } = await client.query(
    `INSERT INTO mailings (name, purpose, subject, body_html, body_text, status, started_at, version)
     VALUES ($1, 'information', 'Новости «Лидера», {{client.name}}', '<p>Здравствуйте, {{contact.fullName}}!</p><p><a href="{{unsubscribe.url}}">Отписаться</a></p>',
             'Здравствуйте, {{contact.fullName}}! Отписаться: {{unsubscribe.url}}', 'sending', now(), 1) RETURNING id`,
    [`Bench ${label}`],
  );
  const mailingId = rows[0].id;
  await client.query(
    `INSERT INTO mail_deliveries (mailing_id, address, client_id, state)
     SELECT $1, 'bench-' || $3 || '-' || g || '@sink.test', $2, 'queued' FROM generate_series(1, $4::int) g`,
    [mailingId, clientId, label, size],
  );
  return mailingId;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), SPEC);
  if (opts.help) {
    console.log(usage('pnpm bench:mailing', SPEC));
    return;
  }
  const sizes = opts.sizes.split(',').map((s) => Number(s.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 1_000_000)) throw new UsageError('--sizes takes whole numbers from 1 to 1,000,000, e.g. 2000,10000');
  state.keep = opts.keep;
  state.serverUrl = parseServerUrl(process.env.DATABASE_URL);
  state.pg = loadPg(ROOT);
  const sink = await startSink();
  log(`SMTP sink on 127.0.0.1:${sink.port}`);

  state.dbName = `polar_bench_mailing_${Date.now()}_${process.pid}`;
  await createDatabase(state.pg, state.serverUrl, state.dbName);
  const databaseUrl = withDatabase(state.serverUrl, state.dbName);
  log(`database ${state.dbName}`);
  Object.assign(process.env, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    SMTP_SECURE: 'false',
    MAIL_PER_MINUTE: String(opts.perMinute),
    PUBLIC_URL: 'http://crm.bench',
    QUEUE_ENABLED: 'true',
    QUEUE_POLL_MS: '50',
    JOBS_ENABLED: 'false',
  });

  const results = [];
  for (const [i, size] of sizes.entries()) {
    // A fresh process per size: its peak RSS belongs to this mailing alone.
    state.api = new ApiProcess({ root: ROOT, databaseUrl, port: await freePort(), log });
    await state.api.start();
    state.client ??= await connect(state.pg, databaseUrl, { applicationName: 'polar-bench-mailing' });
    const pid = state.api.child.pid;
    const idle = memoryOf(pid);
    sink.reset();
    const mailingId = await prepareMailing(state.client, size, `${i + 1}`);
    const started = performance.now();
    await state.client.query(`INSERT INTO queue_items (queue, payload, idempotency_key, max_attempts) VALUES ('marketing.mailing-dispatch', $1, $2, 10)`, [
      JSON.stringify({ mailingId }),
      `mailing:${mailingId}`,
    ]);
    log(`${fmt(size)} recipients: sending (API pid ${pid}, RSS at rest ${mb(idle.rssKb)})`);
    let peakKb = idle.peakKb;
    let lastLog = performance.now();
    const deadline = Date.now() + opts.timeout * 1000;
    for (;;) {
      peakKb = Math.max(peakKb, memoryOf(pid).peakKb);
      const { rows } = await state.client.query(`SELECT status FROM mailings WHERE id = $1`, [mailingId]);
      if (rows[0].status === 'sent') break;
      if (Date.now() > deadline) throw new Error(`the mailing of ${size} was not sent within ${opts.timeout} s (${sink.total} arrived)`);
      if (performance.now() - lastLog > 5000) {
        log(`  ${fmt(sink.total)} / ${fmt(size)} arrived`);
        lastLog = performance.now();
      }
      await sleep(200);
    }
    const seconds = (performance.now() - started) / 1000;
    peakKb = Math.max(peakKb, memoryOf(pid).peakKb);
    const { rows: states } = await state.client.query(`SELECT state, count(*)::int AS n FROM mail_deliveries WHERE mailing_id = $1 GROUP BY state`, [mailingId]);
    const twice = [...sink.perAddress.values()].filter((n) => n > 1).length;
    const result = { size, seconds, perSecond: size / seconds, peakKb, idleKb: idle.rssKb, arrived: sink.total, twice, states: Object.fromEntries(states.map((r) => [r.state, r.n])) };
    results.push(result);
    log(
      `${fmt(size)} recipients: ${seconds.toFixed(1)} s, ${result.perSecond.toFixed(0)} mails/s, peak RSS ${mb(peakKb)}, ` +
        `arrived ${fmt(sink.total)}, twice ${twice}, deliveries ${JSON.stringify(result.states)}`,
    );
    await state.api.stop();
    state.api = null;
  }

  console.log('\nsize        time      mails/s   peak RSS of the API');
  for (const r of results) console.log(`${fmt(r.size).padStart(8)}  ${r.seconds.toFixed(1).padStart(6)} s  ${r.perSecond.toFixed(0).padStart(8)}   ${mb(r.peakKb)}`);
  const smallest = results.reduce((a, b) => (a.size <= b.size ? a : b));
  const largest = results.reduce((a, b) => (a.size >= b.size ? a : b));
  const ratio = largest.peakKb / smallest.peakKb;
  const okMemory = ratio <= opts.growthLimit;
  const okDelivery = results.every((r) => r.arrived === r.size && r.twice === 0 && r.states.sent === r.size);
  console.log(
    `\npeak RSS ${fmt(largest.size)} vs ${fmt(smallest.size)} recipients: ×${ratio.toFixed(2)} (limit ×${opts.growthLimit}) ${okMemory ? 'PASS' : 'FAIL'}` +
      `\nevery address exactly once: ${okDelivery ? 'PASS' : 'FAIL'}`,
  );
  return okMemory && okDelivery;
}

main()
  .then(async (ok) => {
    await cleanup();
    process.exit(ok === false && process.argv.includes('--fail-on-target') ? 2 : 0);
  })
  .catch(async (e) => {
    console.error(e instanceof UsageError ? `${e.message}\n\n${usage('pnpm bench:mailing', SPEC)}` : e.stack ?? e.message);
    if (state.api) console.error(state.api.tail());
    await cleanup().catch(() => undefined);
    process.exit(1);
  });
