import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DatabaseTarget } from '../../src/database/data-source-options';

const API_DIR = join(__dirname, '..', '..');

/** An API instance in a child process (see child-api.ts), which a test may SIGKILL. */
export class ChildApi {
  private output = '';
  private readonly waiters: Array<() => void> = [];
  private exited: number | string | null = null;

  private constructor(readonly proc: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      for (const wake of this.waiters.splice(0)) wake();
    };
    proc.stdout?.on('data', collect);
    proc.stderr?.on('data', collect);
    proc.on('exit', (code, signal) => {
      this.exited = code ?? signal ?? 'exit';
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static start(database: DatabaseTarget, env: Record<string, string>): ChildApi {
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'test/setup/child-api.ts'], {
      cwd: API_DIR,
      env: {
        PATH: process.env.PATH,
        TZ: 'UTC',
        LOG_LEVEL: 'silent',
        // The secret never matters here; without it the config would write one to DATA_DIR.
        JWT_ACCESS_SECRET: 'child-api-test-secret-of-at-least-32-characters',
        CHILD_DATABASE_URL: database.url,
        CHILD_POOL_MAX: String(database.poolMax),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ChildApi(proc);
  }

  /** Waits until the process prints a line matching `pattern`; returns the match. */
  async waitFor(pattern: RegExp, timeoutMs = 90_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (this.exited !== null) throw new Error(`child API exited (${this.exited}) before ${pattern}:\n${this.output.slice(-2000)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`child API did not print ${pattern} in ${timeoutMs} ms:\n${this.output.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Kills the process the hard way (no shutdown hooks: as kill -9, an OOM kill or a crash). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.exited !== null) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.proc.kill(signal);
    await gone;
  }
}
