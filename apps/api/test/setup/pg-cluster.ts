import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

/** The machine's PostgreSQL 15 server binaries (Debian layout); PG_BIN_DIR overrides. */
export const PG_BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

export function pgBinariesPresent(): boolean {
  return ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].every((b) => existsSync(join(PG_BIN, b)));
}

/** PostgreSQL refuses to run as root: as root, the servers run as the `postgres` OS user. */
function osUser(): { uid: number; gid: number; name: string } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid, name: 'postgres' };
}

function run(bin: string, args: string[]): string {
  const user = osUser();
  const [cmd, argv] = user ? ['runuser', ['-u', user.name, '--', join(PG_BIN, bin), ...args]] : [join(PG_BIN, bin), args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Throwaway PostgreSQL servers in one temporary directory: a primary and streaming
 * standbys made with pg_basebackup. Everything lives under `dir` (data, sockets, logs)
 * on free ports, so parallel runs never meet; `destroy()` stops them and deletes it.
 */
export class PgCluster {
  private readonly running = new Set<string>();
  private constructor(readonly dir: string) {}

  static create(): PgCluster {
    const dir = mkdtempSync('/tmp/polar-pg-');
    const user = osUser();
    if (user) chownSync(dir, user.uid, user.gid);
    const cluster = new PgCluster(dir);
    // Even if jest is torn down without afterAll, no server outlives the test process.
    process.once('exit', () => cluster.destroySync());
    return cluster;
  }

  url(port: number, database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${port}/${database}`;
  }

  /** initdb + a configuration fit for streaming replication; returns the port. */
  async initPrimary(name = 'primary'): Promise<number> {
    const data = join(this.dir, name);
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${this.dir}'`,
        'wal_level = replica',
        'max_wal_senders = 5',
        'hot_standby = on',
        // A throwaway server: durability costs time and buys nothing here.
        'fsync = off',
        'max_connections = 60',
        'shared_buffers = 32MB',
        '',
      ].join('\n'),
    );
    appendFileSync(join(data, 'pg_hba.conf'), 'host replication postgres 127.0.0.1/32 trust\n');
    return this.startOnFreePort(name);
  }

  /** pg_basebackup -R from the primary, started on its own port as a hot standby. */
  async addStandby(primaryPort: number, name = 'standby'): Promise<number> {
    const data = join(this.dir, name);
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    return this.startOnFreePort(name);
  }

  /**
   * Starts a server on a port that was free a moment ago; if another process took it in
   * between, on another one. Later `port` lines win (a standby's copied configuration
   * still names the primary's).
   */
  private async startOnFreePort(name: string): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      appendFileSync(join(this.dir, name, 'postgresql.conf'), `port = ${port}\n`);
      try {
        this.start(name);
        return port;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  start(name: string): void {
    run('pg_ctl', ['-D', join(this.dir, name), '-l', join(this.dir, `${name}.log`), '-w', '-t', '60', 'start']);
    this.running.add(name);
  }

  stop(name: string, mode: 'fast' | 'immediate' = 'fast'): void {
    if (!this.running.has(name)) return;
    run('pg_ctl', ['-D', join(this.dir, name), '-m', mode, '-w', 'stop']);
    this.running.delete(name);
  }

  async query<T = Record<string, unknown>>(port: number, sql: string, params: unknown[] = [], database = 'postgres'): Promise<T[]> {
    const client = new Client({ connectionString: this.url(port, database) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  destroySync(): void {
    for (const name of [...this.running]) {
      try {
        this.stop(name, 'immediate');
      } catch {
        // Already gone.
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
