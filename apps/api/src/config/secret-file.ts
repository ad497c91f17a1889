import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** 48 random bytes, base64url: 64 characters, far above the 32-character minimum. */
const SECRET_BYTES = 48;
const MIN_LENGTH = 32;

/**
 * Returns the secret kept in `file`, creating it (mode 0600) on first use.
 *
 * Creation is atomic: the secret is written to a private temporary file and hard-linked
 * into place, which fails if another process got there first, so two instances
 * starting together on one data directory end up with the same secret, and nobody
 * ever reads a half-written file.
 */
export function readOrCreateSecret(file: string): { secret: string; created: boolean } {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let created = false;
  if (!exists(file)) {
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temp, `${randomBytes(SECRET_BYTES).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(temp, file);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temp);
    }
  }
  // Someone may have loosened the permissions (a copy, a restore from backup): the
  // secret lets its reader sign in as anyone, so only the owner may read it.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_LENGTH) {
    throw new Error(`${file} holds no usable secret (at least ${MIN_LENGTH} characters): delete it to generate a new one, or set JWT_ACCESS_SECRET`);
  }
  return { secret, created };
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
