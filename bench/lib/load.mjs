/**
 * A small built-in HTTP load generator (what `autocannon -c N -d S` does, without the
 * dependency): N concurrent workers over keep-alive connections, each sending its next
 * request as soon as the previous answer is fully read, for a fixed duration after a
 * short warm-up. Reports requests/s and latency percentiles (nearest rank).
 *
 * Closed-loop model: latency includes the wait for a free worker, never a client-side
 * queue. Only loopback targets are accepted.
 */
import http from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function assertLoopback(url) {
  const host = new URL(url).hostname;
  if (!LOOPBACK.has(host)) throw new Error(`Refusing to send load to ${host}: the bench only targets 127.0.0.1`);
}

/** One GET over the given agent; resolves with status, body text and elapsed ms. */
export function get(agent, base, path, headers = {}) {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'GET', agent, headers: { accept: 'application/json', ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`GET ${path} timed out after 60 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return percentile(sorted, 50);
}

/**
 * Runs the load.
 * @param {object} o
 * @param {string} o.base         e.g. http://127.0.0.1:4321
 * @param {string[]} [o.bases]    several API processes: worker k sends to bases[k % n] (each
 *                                connection stays on one process, as behind a proxy)
 * @param {(i: number) => string} o.path   path of the i-th request (rotates pools of values)
 * @param {Record<string,string>} [o.headers]
 * @param {number} o.concurrency  workers (= keep-alive connections)
 * @param {number} o.durationSec  measured duration
 * @param {number} [o.warmupSec]  unmeasured warm-up before it
 * @param {(status: number, body: string) => boolean} [o.ok]  what counts as success (default: 2xx)
 */
export async function runLoad(o) {
  const bases = o.bases?.length ? o.bases : [o.base];
  for (const b of bases) assertLoopback(b);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  const ok = o.ok ?? ((status) => status >= 200 && status < 300);
  const warmupMs = (o.warmupSec ?? 0) * 1000;
  const t0 = performance.now();
  const measureFrom = t0 + warmupMs;
  const stopAt = measureFrom + o.durationSec * 1000;
  const latencies = [];
  let next = 0;
  let errors = 0;
  let firstError = null;
  let lastEnd = measureFrom;

  const worker = async (_, k) => {
    const base = bases[k % bases.length];
    while (performance.now() < stopAt) {
      const i = next++;
      const startedAt = performance.now();
      let res;
      try {
        res = await get(agent, base, o.path(i), o.headers);
      } catch (e) {
        res = { status: 0, body: String(e?.message ?? e), ms: performance.now() - startedAt };
      }
      const end = performance.now();
      if (startedAt < measureFrom) continue;
      lastEnd = Math.max(lastEnd, end);
      if (ok(res.status, res.body)) {
        latencies.push(res.ms);
      } else {
        errors++;
        firstError ??= `HTTP ${res.status} on ${o.path(i)}: ${res.body.slice(0, 300)}`;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  const seconds = Math.max(0.001, (lastEnd - measureFrom) / 1000);
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    errors,
    firstError,
    seconds,
    rps: latencies.length / seconds,
    min: sorted[0] ?? NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: latencies.reduce((s, x) => s + x, 0) / (latencies.length || 1),
  };
}

/** `n` sequential requests on one connection (no concurrency): the unloaded latency. */
export async function runSerial({ base, path, headers, n }) {
  assertLoopback(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ms = [];
  try {
    for (let i = 0; i < n; i++) {
      const res = await get(agent, base, path(i), headers);
      if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status} on ${path(i)}: ${res.body.slice(0, 300)}`);
      ms.push(res.ms);
    }
  } finally {
    agent.destroy();
  }
  return { p50: median(ms) };
}
