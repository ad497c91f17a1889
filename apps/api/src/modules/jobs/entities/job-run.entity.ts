import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One run of a scheduled job. A scheduled slot (e.g. a working day) can be claimed
 * once: the unique index on (job, slot) decides which instance runs it.
 */
@Entity('job_runs')
@Check('job_runs_status_check', `status IN ('running', 'succeeded', 'failed', 'skipped')`)
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

  @Column({ type: 'varchar', length: 10 })
  status: 'running' | 'succeeded' | 'failed' | 'skipped';

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
}
