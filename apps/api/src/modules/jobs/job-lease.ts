import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** Thrown inside a run whose lease another instance has taken over (the work rolls back). */
export class LeaseLostError extends Error {
  constructor(runId: string) {
    super(`The lease of job run ${runId} was lost to another instance`);
    this.name = 'LeaseLostError';
  }
}

/** A new fencing token for a claim. */
export const newLeaseToken = (): string => randomUUID();

/**
 * Renews the lease of a job run (database clock) if `token` still holds it. Inside a
 * step's transaction the UPDATE also locks the row, so no other instance can claim the
 * run until the step commits: a step either commits under a valid lease or not at all.
 */
export async function renewLease(db: EntityManager | DataSource, runId: string, token: string, leaseSeconds: number): Promise<boolean> {
  const [, count]: [unknown[], number] = await db.query(
    `UPDATE job_runs SET lease_expires_at = clock_timestamp() + make_interval(secs => $3)
      WHERE id = $1 AND lease_token = $2 AND status = 'running'`,
    [runId, token, leaseSeconds],
  );
  return count === 1;
}

/**
 * Keeps a run's lease alive between steps (work outside a transaction, slow steps on
 * PostgreSQL where the pool has another connection). On the embedded database the
 * renewal waits for the single connection; the steps renew the lease themselves.
 */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | null = null;
  lost = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runId: string,
    private readonly token: string,
    private readonly leaseSeconds: number,
    private readonly onError: (e: unknown) => void,
  ) {}

  start(): this {
    const every = Math.max(250, (this.leaseSeconds * 1000) / 3);
    this.timer = setInterval(() => {
      renewLease(this.dataSource, this.runId, this.token, this.leaseSeconds)
        .then((held) => {
          if (!held) this.lost = true;
        })
        .catch(this.onError);
    }, every);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
