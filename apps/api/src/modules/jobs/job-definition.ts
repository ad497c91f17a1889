import type { EntityManager } from 'typeorm';

/** What a scheduled job is and what its run gets: the contract between JobsService and the modules' jobs. */
export interface JobContext {
  now: Date;
  /** The Moscow day the run is for. */
  today: string;
  /**
   * Runs one unit of the job's work in its own transaction. The run's lease is renewed
   * inside that transaction, so a step commits only while this instance owns the run;
   * a job that does large work in several steps survives a crash with what it committed
   * (its effects must be idempotent, so the next claim simply continues).
   */
  step<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
}

export const JOB_RUNS_ON = ['every_day', 'working_days', 'working_hours', 'first_working_day_of_month'] as const;
export type JobRunsOn = (typeof JOB_RUNS_ON)[number];

export interface JobDefinition {
  name: string;
  description: string;
  /** Cron expression in Europe/Moscow. */
  cron: string;
  /**
   * Which of its scheduled days the job does work on (it returns `skipped` on the
   * others): shown to people with the schedule, «…, по рабочим дням». Default: every day.
   */
  runsOn?: JobRunsOn;
  /** Hour:minute of the daily slot (for catch-up after downtime). */
  dailyAt: { hour: number; minute: number };
  /** The work, in one or more `ctx.step` transactions. Returns what it did, e.g. {created: 12}. */
  run(ctx: JobContext): Promise<Record<string, number>>;
}
