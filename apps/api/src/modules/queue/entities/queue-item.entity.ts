import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type QueueItemStatus = 'waiting' | 'active' | 'done' | 'dead';

/**
 * One piece of background work (the transactional outbox). Written in the transaction of
 * the change that causes it; a worker claims it with `FOR UPDATE SKIP LOCKED` and a lease
 * (visibility timeout). A failed attempt waits (`run_at`, exponential backoff) and is tried
 * again; after `max_attempts` it is `dead`, with the last error, until an admin retries it.
 */
@Entity('queue_items')
@Check('queue_items_status_check', `status IN ('waiting', 'active', 'done', 'dead')`)
@Index('queue_items_key', ['queue', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('queue_items_due_idx', ['queue', 'status', 'runAt'])
@Index('queue_items_started_idx', ['queue', 'startedAt'])
// The poll's first question, which queues have work now (QueueStore.dueQueues).
@Index('queue_items_waiting_run_at_idx', ['runAt'], { where: "status = 'waiting'" })
@Index('queue_items_active_lease_idx', ['leaseExpiresAt'], { where: "status = 'active'" })
export class QueueItem {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  queue: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** One key per effect (e.g. `invoice-reminder:<invoice id>`): the same key is queued once. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  @Column({ type: 'varchar', length: 10, default: 'waiting' })
  status: QueueItemStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts: number;

  /** Not before this moment (a delayed item, or the backoff after a failure). */
  @Column({ name: 'run_at', type: 'timestamptz', default: () => 'now()' })
  runAt: Date;

  /** Fencing token of the current claim. */
  @Column({ name: 'lease_token', type: 'uuid', nullable: true })
  leaseToken: string | null;

  /** While active: until when the worker owns it; after that any worker may take it. */
  @Column({ name: 'lease_expires_at', type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null;

  /** Progress of long work, as the handler reports it ({done, total, …}). */
  @Column({ type: 'jsonb', nullable: true })
  progress: Record<string, unknown> | null;

  /** What the handler returned. */
  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
