/**
 * The API under test: the built server (apps/api/dist/main.js) started as a child
 * process on 127.0.0.1 and a free port, and the few calls the bench makes to it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertLoopback } from './load.mjs';

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

let ticks = null;
/** Clock ticks per second of /proc's CPU times (100 on Linux unless the kernel says otherwise). */
function clockTicks() {
  if (ticks === null) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * CPU time (user + system, ms) process `pid` has used so far, from /proc (Linux). It is
 * what the process itself costs, whatever else the machine is doing: on a loaded machine
 * the latency measures the CPU queue, this does not. Null where /proc is missing.
 */
export function processCpuMs(pid) {
  if (!pid || !existsSync(`/proc/${pid}/stat`)) return null;
  // The command name (field 2) may hold spaces: the fields are counted after its ')'.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return ((utime + stime) * 1000) / clockTicks();
}

/**
 * Node's http server answering every request with one fixed body (bench/lib/floor-server.mjs),
 * in a child process of its own so that its CPU can be read like the API's.
 */
export class FloorServer {
  constructor({ port, bodyFile }) {
    this.port = port;
    this.bodyFile = bodyFile;
    this.base = `http://127.0.0.1:${port}`;
    this.child = null;
  }

  async start() {
    assertLoopback(this.base);
    this.child = spawn(process.execPath, [fileURLToPath(new URL('floor-server.mjs', import.meta.url)), String(this.port), this.bodyFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
      this.child.stdout.once('data', resolve);
    });
  }

  cpuMs() {
    return processCpuMs(this.child?.pid);
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

export class ApiProcess {
  /**
   * @param {{ root: string, databaseUrl: string, port: number, nodeArgs?: string[], env?: Record<string, string>, log?: (m: string) => void }} o
   */
  constructor(o) {
    this.root = o.root;
    this.databaseUrl = o.databaseUrl;
    this.port = o.port;
    this.base = `http://127.0.0.1:${o.port}`;
    this.log = o.log ?? (() => {});
    this.nodeArgs = o.nodeArgs ?? [];
    this.extraEnv = o.env ?? {};
    this.child = null;
    this.output = [];
    this.exit = null;
  }

  get mainJs() {
    return join(this.root, 'apps/api/dist/main.js');
  }

  /** Starts the server and waits until /api/health answers (it migrates and seeds first). */
  async start({ timeoutMs = 180_000 } = {}) {
    if (!existsSync(this.mainJs)) {
      throw new Error(`${this.mainJs} is missing: build the API first (pnpm --filter @polar/access build && pnpm --filter @polar/api build)`);
    }
    assertLoopback(this.base);
    const env = {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      DEMO_SEED: 'true',
      LOG_LEVEL: 'warn',
      ...this.extraEnv,
    };
    delete env.MIGRATE_ON_START;
    delete env.SERVE_WEB_DIR;
    this.child = spawn(process.execPath, [...this.nodeArgs, this.mainJs], { cwd: this.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exit = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    this.exited = null;
    this.exit.then((e) => (this.exited = e));
    const keep = (chunk) => {
      for (const line of String(chunk).split('\n')) if (line.trim()) this.output.push(line);
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);

    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`The API exited during start-up (${JSON.stringify(this.exited)}):\n${this.tail()}`);
      try {
        const res = await fetch(`${this.base}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`The API did not answer /api/health within ${timeoutMs / 1000} s:\n${this.tail()}`);
  }

  /** CPU time the API process has used so far (see processCpuMs). */
  cpuMs() {
    return processCpuMs(this.child?.pid);
  }

  tail(n = 40) {
    return this.output.slice(-n).join('\n');
  }

  /** SIGTERM (graceful shutdown), SIGKILL after 15 s. Only the process this object started. */
  async stop() {
    if (!this.child || this.exited) return;
    this.child.kill('SIGTERM');
    const done = await Promise.race([this.exit, sleep(15_000).then(() => null)]);
    if (!done) {
      this.child.kill('SIGKILL');
      await Promise.race([this.exit, sleep(5_000)]);
    }
  }

  async json(method, path, { token, body, form } = {}) {
    const headers = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload;
    if (form) payload = form;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.base}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(120_000) });
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = text;
    }
    if (!res.ok) throw new Error(`${method} ${path} → HTTP ${res.status}: ${text.slice(0, 500)}`);
    return data;
  }

  /** Signs in; the session re-signs in when its access token is older than 10 minutes (the TTL is ≤ 15). */
  session(email, password) {
    let token = null;
    let at = 0;
    const request = (method, path, options) => this.json(method, path, options);
    const current = async () => {
      if (!token || Date.now() - at > 10 * 60_000) {
        const pair = await request('POST', '/api/auth/login', { body: { email, password } });
        token = pair.accessToken;
        at = Date.now();
      }
      return token;
    };
    return {
      email,
      token: current,
      me: async () => request('GET', '/api/auth/me', { token: await current() }),
    };
  }
}
