import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One run of a scheduled job. A scheduled slot (e.g. a working day) is claimed by one
 * instance at a time: the unique index on (job, slot) holds one row per slot, and the
 * claim carries a lease (`leaseExpiresAt`) that the running instance renews. A slot
 * whose lease expired (its instance died) or whose run failed may be claimed again.
 */
@Entity('job_runs')
@Check('job_runs_status_check', `status IN ('queued', 'running', 'succeeded', 'failed', 'skipped')`)
@Index('job_runs_slot_key', ['jobName', 'slot'], { unique: true })
@Index('job_runs_job_time_idx', ['jobName', 'startedAt'])
export class JobRun {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'job_name', type: 'varchar', length: 64 })
  jobName: string;

  /** `2026-11-23` for a scheduled daily slot; `manual:<time>` for a run by hand. */
  @Column({ type: 'varchar', length: 64 })
  slot: string;

  @Column({ type: 'varchar', length: 10 })
  trigger: 'schedule' | 'catch_up' | 'manual';

  /** `queued`: a manual run waiting for a worker. */
  @Column({ type: 'varchar', length: 10 })
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped';

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  counts: Record<string, number> | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'triggered_by', type: 'uuid', nullable: true })
  triggeredBy: string | null;

  /** Until when the claiming instance owns the run; renewed while it works (database clock). */
  @Column({ name: 'lease_expires_at', type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null;

  /** Fencing token of the current claim: only its holder may renew or finish the run. */
  @Column({ name: 'lease_token', type: 'uuid', nullable: true })
  leaseToken: string | null;

  /** How many times the run was claimed (more than 1 after a crash or a failure). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;
}
