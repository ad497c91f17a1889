import type { DataSource, EntityManager } from 'typeorm';

/** A claimed item, as the worker needs it. */
export interface ClaimedRow {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  lease_token: string;
}

export interface DeadRow {
  id: string;
  payload: Record<string, unknown>;
  attempts: number;
  last_error: string;
}

export interface ClaimLimits {
  want: number;
  concurrency: number;
  perMinute: number | null;
  leaseSeconds: number;
  /** Items this instance is still working on: never claimed again by it. */
  exclude: string[];
  /** Tests: take delayed items (backoff, runAt) as if their time had come. */
  ignoreRunAt: boolean;
}

export const LEASE_EXPIRED_ERROR = 'The worker stopped before finishing (its lease ran out): the server was restarted or the work took too long';

/** The SQL of the queue. Every statement is one round trip; claims are serialised per queue. */
export const QueueStore = {
  /** Inserts an item (or finds the one with the same key) with the caller's EntityManager. */
  async insert(em: EntityManager, queue: string, payload: unknown, key: string | null, runAt: Date | null, maxAttempts: number): Promise<string> {
    const inserted: Array<{ id: string }> = await em.query(
      `INSERT INTO queue_items (queue, payload, idempotency_key, run_at, max_attempts)
       VALUES ($1, $2, $3, coalesce($4, clock_timestamp()), $5)
       ON CONFLICT (queue, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id::text`,
      [queue, JSON.stringify(payload), key, runAt, maxAttempts],
    );
    if (inserted[0]) return inserted[0].id;
    const [existing]: Array<{ id: string }> = await em.query(`SELECT id::text FROM queue_items WHERE queue = $1 AND idempotency_key = $2`, [queue, key]);
    return existing.id;
  },

  /**
   * The queues that have work to take now: a waiting item whose time has come, or an
   * active item whose worker's lease ran out (claimed again, or dead). One statement over
   * two small partial indexes, so an idle poll costs one round trip instead of a claim
   * transaction per queue.
   */
  async dueQueues(db: DataSource | EntityManager): Promise<string[]> {
    const rows: Array<{ queue: string }> = await db.query(
      `SELECT DISTINCT queue FROM (
         (SELECT queue FROM queue_items WHERE status = 'waiting' AND run_at <= clock_timestamp())
         UNION ALL
         (SELECT queue FROM queue_items WHERE status = 'active' AND lease_expires_at < clock_timestamp())
       ) due`,
    );
    return rows.map((r) => r.queue);
  },

  /**
   * In one transaction, under a per-queue advisory lock (so the concurrency and rate
   * limits hold across instances): items whose worker died with no attempts left become
   * dead (returned, for onDead), then up to the free capacity of due items are claimed
   * with FOR UPDATE SKIP LOCKED, each with a new fencing token and lease.
   */
  async claim(em: EntityManager, queue: string, limits: ClaimLimits): Promise<{ claimed: ClaimedRow[]; dead: DeadRow[] }> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('polar.queue'), hashtext($1))`, [queue]);
    const [dead]: [DeadRow[], number] = await em.query(
      `UPDATE queue_items SET status = 'dead', last_error = $2, finished_at = clock_timestamp(), lease_token = NULL, lease_expires_at = NULL
        WHERE queue = $1 AND status = 'active' AND lease_expires_at < clock_timestamp() AND attempts >= max_attempts
        RETURNING id::text, payload, attempts, last_error`,
      [queue, LEASE_EXPIRED_ERROR],
    );
    const [load]: Array<{ active: number; recent: number }> = await em.query(
      `SELECT count(*) FILTER (WHERE status = 'active' AND lease_expires_at >= clock_timestamp())::int AS active,
              count(*) FILTER (WHERE started_at > clock_timestamp() - interval '1 minute')::int AS recent
         FROM queue_items WHERE queue = $1 AND (status = 'active' OR started_at > clock_timestamp() - interval '1 minute')`,
      [queue],
    );
    let room = Math.min(limits.want, limits.concurrency - load.active);
    if (limits.perMinute !== null) room = Math.min(room, limits.perMinute - load.recent);
    if (room <= 0) return { claimed: [], dead };
    const [claimed]: [ClaimedRow[], number] = await em.query(
      `UPDATE queue_items q
          SET status = 'active', attempts = q.attempts + 1, lease_token = gen_random_uuid(),
              lease_expires_at = clock_timestamp() + make_interval(secs => $3), started_at = clock_timestamp(), finished_at = NULL
         FROM (SELECT id FROM queue_items
                WHERE queue = $1 AND id <> ALL($4::bigint[])
                  AND ((status = 'waiting' AND ($5 OR run_at <= clock_timestamp())) OR (status = 'active' AND lease_expires_at < clock_timestamp()))
                ORDER BY run_at, id
                LIMIT $2
                FOR UPDATE SKIP LOCKED) due
        WHERE q.id = due.id
        RETURNING q.id::text, q.queue, q.payload, q.attempts, q.max_attempts, q.lease_token::text`,
      [queue, room, limits.leaseSeconds, limits.exclude, limits.ignoreRunAt],
    );
    return { claimed: claimed.sort((a, b) => Number(a.id) - Number(b.id)), dead };
  },

  /** Renews the lease (optionally storing progress) if `token` still holds the item. */
  async renew(db: EntityManager | DataSource, id: string, token: string, leaseSeconds: number, progress?: unknown): Promise<boolean> {
    const [, count]: [unknown[], number] = await db.query(
      `UPDATE queue_items SET lease_expires_at = clock_timestamp() + make_interval(secs => $3), progress = coalesce($4::jsonb, progress)
        WHERE id = $1 AND lease_token = $2 AND status = 'active'`,
      [id, token, leaseSeconds, progress === undefined ? null : JSON.stringify(progress)],
    );
    return count === 1;
  },

  async complete(db: DataSource, id: string, token: string, result: unknown): Promise<boolean> {
    const [, count]: [unknown[], number] = await db.query(
      `UPDATE queue_items SET status = 'done', result = $3::jsonb, finished_at = clock_timestamp(), lease_token = NULL, lease_expires_at = NULL
        WHERE id = $1 AND lease_token = $2 AND status = 'active'`,
      [id, token, result === undefined ? null : JSON.stringify(result)],
    );
    return count === 1;
  },

  /** A failed attempt: back to waiting after `delaySeconds`, or dead (returns whether it died). */
  async fail(em: EntityManager, id: string, token: string, error: string, delaySeconds: number | null): Promise<'retry' | 'dead' | 'lost'> {
    const [rows]: [Array<{ status: string }>, number] = await em.query(
      `UPDATE queue_items
          SET status = CASE WHEN $4::int IS NULL THEN 'dead' ELSE 'waiting' END,
              run_at = CASE WHEN $4::int IS NULL THEN run_at ELSE clock_timestamp() + make_interval(secs => $4::int) END,
              finished_at = CASE WHEN $4::int IS NULL THEN clock_timestamp() ELSE NULL END,
              last_error = $3, lease_token = NULL, lease_expires_at = NULL
        WHERE id = $1 AND lease_token = $2 AND status = 'active'
        RETURNING status`,
      [id, token, error, delaySeconds],
    );
    if (!rows[0]) return 'lost';
    return rows[0].status === 'dead' ? 'dead' : 'retry';
  },
};
