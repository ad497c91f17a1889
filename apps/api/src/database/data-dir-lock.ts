import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';

/** Another live process holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | null,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Polar CRM process` +
        `${holderPid ? ` (pid ${holderPid})` : ''}. Two processes on one embedded database would corrupt it: ` +
        'stop the other one, or give this one another DATA_DIR (or a DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * How the lock is held. `socket` (Linux): a listening socket in the abstract namespace,
 * named after the directory's real path. The kernel frees it when the process ends in
 * any way, SIGKILL included, so a crash never leaves a stale lock, and two processes can
 * never both bind it. `pidfile` (elsewhere): `polar.lock` with the holder's pid, taken
 * over when that pid no longer runs.
 */
export type LockStrategy = 'socket' | 'pidfile';

const defaultStrategy = (): LockStrategy => (process.platform === 'linux' ? 'socket' : 'pidfile');

/**
 * Makes this process the only one using `dataDir` until `release()` (or its exit), or
 * throws DataDirLockedError naming the holder.
 */
export async function lockDataDir(dataDir: string, strategy: LockStrategy = defaultStrategy()): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const real = realpathSync(dataDir);
  return strategy === 'socket' ? lockWithSocket(real) : lockWithPidFile(real);
}

async function lockWithSocket(dataDir: string): Promise<DataDirLock> {
  const name = `\0polar-crm-data-${createHash('sha256').update(dataDir).digest('hex').slice(0, 40)}`;
  // A process asking who holds the lock is told the pid, for the error message.
  const server: Server = createServer((socket) => socket.end(String(process.pid)));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(name, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new DataDirLockedError(dataDir, await askHolderPid(name));
    throw error;
  }
  // The lock must not keep a finished process alive.
  server.unref();
  return { release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function askHolderPid(name: string): Promise<number | null> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = createConnection(name);
    const done = (pid: number | null) => {
      socket.destroy();
      resolve(pid);
    };
    socket.setTimeout(2000, () => done(null));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => done(/^\d+$/.test(answer) ? Number(answer) : null));
    socket.on('error', () => done(null));
  });
}

async function lockWithPidFile(dataDir: string): Promise<DataDirLock> {
  const file = join(dataDir, 'polar.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return {
        release: async () => {
          if (readPid(file) === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readPid(file);
    if (holder !== null && isRunning(holder)) throw new DataDirLockedError(dataDir, holder);
    // The holder is gone (killed, crashed): the lock is stale.
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new DataDirLockedError(dataDir, readPid(file));
}

function readPid(file: string): number | null {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
