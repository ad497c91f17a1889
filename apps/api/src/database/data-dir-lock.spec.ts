import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

const API_ROOT = resolve(__dirname, '../..');

interface Child {
  process: ChildProcess;
  output(): string;
  /** Resolves when the output contains `text`; rejects if the process exits first. */
  waitFor(text: string): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a TypeScript entry point of the API in a child process, as `pnpm dev` does. */
function run(entry: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: API_ROOT,
    // DATABASE_URL is cleared: the lock guards the embedded database, and the suite also
    // runs with DATABASE_URL set (CI's PostgreSQL pass), where the API would not touch DATA_DIR.
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners: Array<() => void> = [];
  const collect = (chunk: Buffer) => {
    out += chunk.toString();
    listeners.forEach((l) => l());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return {
    process: child,
    output: () => out,
    exited,
    waitFor: (text) =>
      new Promise<void>((done, fail) => {
        const check = () => out.includes(text) && done();
        listeners.push(check);
        check();
        void exited.then(({ code, signal }) => fail(new Error(`exited (${code ?? signal}) before "${text}":\n${out}`)));
      }),
  };
}

describe('the embedded database directory lock', () => {
  let dir: string;
  const children: Child[] = [];
  const start = (entry: string, env: Record<string, string> = {}) => {
    const c = run(entry, { DATA_DIR: dir, ...env });
    children.push(c);
    return c;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'polar-lock-'));
  });
  afterEach(async () => {
    for (const c of children.splice(0)) {
      if (c.process.exitCode === null && c.process.signalCode === null) {
        c.process.kill('SIGKILL');
        await c.exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a second API on the same DATA_DIR with a clear message and a non-zero exit code', async () => {
    const holder = start('test/fixtures/hold-data-dir.ts');
    await holder.waitFor('ready');

    const second = start('src/main.ts', { PORT: '0', NODE_ENV: 'development', DEMO_SEED: 'false', JOBS_ENABLED: 'false' });
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toContain(`The data directory ${dir}`);
    expect(second.output()).toContain(`in use by another Polar CRM process (pid ${holder.process.pid})`);
    expect(second.output()).not.toContain('Polar CRM is running');
    // The first one is unharmed.
    expect(holder.process.exitCode).toBeNull();
  }, 120_000);

  it('is not left behind by a killed process: the next start opens the directory', async () => {
    const first = start('test/fixtures/hold-data-dir.ts');
    await first.waitFor('ready');
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const next = start('test/fixtures/hold-data-dir.ts');
    await next.waitFor(`ready ${next.process.pid}`);
  }, 120_000);

  describe('the pid-file variant (platforms without abstract sockets)', () => {
    it('refuses while the holder runs and frees on release', async () => {
      const lock = await lockDataDir(dir, 'pidfile');
      await expect(lockDataDir(dir, 'pidfile')).rejects.toThrow(DataDirLockedError);
      await expect(lockDataDir(dir, 'pidfile')).rejects.toThrow(`pid ${process.pid}`);
      await lock.release();
      await (await lockDataDir(dir, 'pidfile')).release();
    });

    it('takes over the lock of a process that no longer runs', async () => {
      const gone = spawn(process.execPath, ['-e', '']);
      await new Promise((done) => gone.once('exit', done));
      writeFileSync(join(dir, 'polar.lock'), String(gone.pid));
      await (await lockDataDir(dir, 'pidfile')).release();
    });
  });

  it('the socket variant refuses a second holder within one process too', async () => {
    const lock = await lockDataDir(dir, 'socket');
    await expect(lockDataDir(dir, 'socket')).rejects.toThrow(`pid ${process.pid}`);
    await lock.release();
    await (await lockDataDir(dir, 'socket')).release();
  });
});
