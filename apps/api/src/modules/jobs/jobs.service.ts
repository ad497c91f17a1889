import { BUSINESS_TIME_ZONE, moscowDay, moscowWallClock } from '@polar/business-time';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/context/clock';
import { NotFoundError } from '../../common/errors/domain-error';
import { type Page, pageOf, type PageQueryDto } from '../../common/pagination/page.dto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { JobDto, JobRunDto } from './dto/job.dto';
import type { JobContext, JobDefinition } from './job-definition';
import { defineQueue } from '../queue/queue.types';
import { WorkQueue } from '../queue/work-queue.service';
import { JobRun } from './entities/job-run.entity';
import { LeaseKeeper, LeaseLostError, newLeaseToken, renewLease } from './job-lease';

/** Jobs run on business time (Moscow): the zone and the day come from @polar/business-time. */
export { BUSINESS_TIME_ZONE, moscowDay } from '@polar/business-time';

/** A failed daily slot is tried again at most this many times (with a growing pause). */
export const MAX_SLOT_ATTEMPTS = 5;

export interface RunOutcome {
  runId: string | null;
  status: 'succeeded' | 'failed' | 'skipped' | 'already_claimed' | 'lease_lost';
  counts: Record<string, number>;
}

/** Runs started by hand: the run id; the worker claims the job_runs row (with its lease). */
export const JOB_RUN_QUEUE = defineQueue<{ runId: string }>('jobs.run');

/** Test seam: called after each committed step (a test pauses a run here and kills the process). */
export type StepProbe = (job: string, runId: string, step: number) => Promise<void>;

interface Claim {
  id: string;
  token: string;
}

/**
 * Runs the scheduled jobs. A daily slot is claimed by inserting its job_runs row with a
 * lease (expiry on the database clock) and a fencing token; the unique (job, slot) index
 * and one atomic INSERT … ON CONFLICT DO UPDATE … WHERE let exactly one instance hold it,
 * even with several API instances on one database. The holder renews the lease while it
 * works; when an instance dies its lease runs out and any instance claims the run again
 * (the periodic sweep, or the catch-up at start-up). Every run is recorded, and each
 * job's own effects are idempotent, so a run taken over after a crash just completes.
 */
@Injectable()
export class JobsService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly timers: CronJob[] = [];
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  /** See {@link StepProbe}; null outside tests. */
  stepProbe: StepProbe | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly workQueue: WorkQueue,
  ) {}

  onModuleInit(): void {
    // A run taken by another instance ('already_claimed') is that instance's to finish
    // (or the sweep's, if it dies): the queue item is done either way.
    this.workQueue.register(JOB_RUN_QUEUE, async ({ runId }) => {
      const outcome = await this.runQueued(runId);
      return { status: outcome.status };
    });
  }

  /** Records a run by hand and queues it (same transaction); the API answers 202 with it. */
  async startManually(name: string, userId: string): Promise<JobRunDto> {
    const runId = await this.dataSource.transaction(async (em) => {
      const id = await this.queueManualRun(em, name, userId);
      await this.workQueue.enqueue(em, JOB_RUN_QUEUE, { runId: id }, { key: `job-run:${id}` });
      return id;
    });
    return this.run(runId);
  }

  register(job: JobDefinition): void {
    this.jobs.set(job.name, job);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobs.enabled) return;
    for (const job of this.jobs.values()) {
      this.timers.push(
        CronJob.from({
          cronTime: job.cron,
          timeZone: BUSINESS_TIME_ZONE,
          start: true,
          onTick: () => void this.runSlot(job.name, 'schedule').catch((e) => this.logger.error(`${job.name}: ${String(e)}`)),
        }),
      );
    }
    // Catch up a slot missed while no instance was running (e.g. started at 10:00), and
    // keep taking over runs whose instance died, as long as this instance lives.
    void this.sweep();
    const every = Math.min(30_000, Math.max(500, (this.config.jobs.leaseSeconds * 1000) / 2));
    this.sweeper = setInterval(() => void this.sweep(), every);
    this.sweeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) timer.stop();
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.sweeping;
  }

  /**
   * Catch-up and take-over: today's slot of every job past its time (unclaimed, failed,
   * or whose lease expired), and manual runs whose instance died.
   */
  sweep(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = (async () => {
      try {
        for (const job of this.jobs.values()) {
          if (this.pastTodaysSlot(job)) await this.runSlot(job.name, 'catch_up');
        }
        const orphans: Array<{ id: string }> = await this.dataSource.query(
          `SELECT id::text FROM job_runs WHERE trigger = 'manual' AND status = 'running' AND lease_expires_at < clock_timestamp() AND job_name = ANY($1::text[])`,
          [[...this.jobs.keys()]],
        );
        for (const orphan of orphans) await this.runQueued(orphan.id);
      } catch (e) {
        this.logger.error(`job sweep failed: ${String(e)}`);
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  /** Runs today's slot unless some instance holds it (live lease) or has finished it. */
  async runSlot(name: string, trigger: 'schedule' | 'catch_up'): Promise<RunOutcome> {
    const job = this.job(name);
    const now = this.clock.now();
    const today = moscowDay(now);
    const token = newLeaseToken();
    // One statement decides: a new slot is inserted; an existing one is taken over only
    // when its lease expired (the instance died) or it failed (after a growing pause).
    // Under concurrency the loser's ON CONFLICT re-checks the winner's fresh lease.
    const [claimed]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO job_runs (job_name, slot, trigger, status, started_at, lease_token, lease_expires_at, attempts)
       VALUES ($1, $2, $3, 'running', $4, $5, clock_timestamp() + make_interval(secs => $6), 1)
       ON CONFLICT (job_name, slot) DO UPDATE
         SET status = 'running', trigger = EXCLUDED.trigger, started_at = EXCLUDED.started_at, finished_at = NULL, error = NULL,
             lease_token = EXCLUDED.lease_token, lease_expires_at = EXCLUDED.lease_expires_at, attempts = job_runs.attempts + 1
         WHERE (job_runs.status = 'running' AND job_runs.lease_expires_at < clock_timestamp())
            OR (job_runs.status = 'failed' AND job_runs.attempts < $7
                AND job_runs.finished_at < clock_timestamp() - make_interval(secs => $8 * job_runs.attempts))
       RETURNING id::text`,
      [name, today, trigger, now, token, this.config.jobs.leaseSeconds, MAX_SLOT_ATTEMPTS, this.config.jobs.retryPauseSeconds],
    );
    if (!claimed) return { runId: null, status: 'already_claimed', counts: {} };
    return this.execute(job, { id: claimed.id, token }, { now, today });
  }

  /** Records a run by hand, outside the daily slots, waiting for a worker (status `queued`). */
  async queueManualRun(em: EntityManager, name: string, userId: string): Promise<string> {
    this.job(name);
    const now = this.clock.now();
    const [row]: Array<{ id: string }> = await em.query(
      `INSERT INTO job_runs (job_name, slot, trigger, status, started_at, triggered_by, attempts)
       VALUES ($1, $2, 'manual', 'queued', $3, $4, 0) RETURNING id::text`,
      [name, `manual:${now.toISOString()}:${Math.random().toString(36).slice(2, 8)}`, now, userId],
    );
    return row.id;
  }

  /**
   * Claims a manual run that is queued, or running under an expired lease, and runs it.
   * `already_claimed` when it is finished or another instance holds it.
   */
  async runQueued(runId: string): Promise<RunOutcome> {
    const token = newLeaseToken();
    // TypeORM answers an UPDATE with [rows, count].
    const [[claimed]]: [Array<{ id: string; job_name: string; started_at: Date }>, number] = await this.dataSource.query(
      `UPDATE job_runs SET status = 'running', lease_token = $2, lease_expires_at = clock_timestamp() + make_interval(secs => $3), attempts = attempts + 1, error = NULL
        WHERE id = $1 AND (status = 'queued' OR (status = 'running' AND lease_expires_at < clock_timestamp()))
        RETURNING id::text, job_name, started_at`,
      [runId, token, this.config.jobs.leaseSeconds],
    );
    if (!claimed) return { runId, status: 'already_claimed', counts: {} };
    const job = this.jobs.get(claimed.job_name);
    if (!job) {
      await this.finish({ id: claimed.id, token }, 'failed', {}, `Unknown job ${claimed.job_name}`);
      return { runId, status: 'failed', counts: {} };
    }
    // A manual run is "the job as of the moment it was asked for", even when taken over later.
    const asked = new Date(claimed.started_at);
    return this.execute(job, { id: claimed.id, token }, { now: asked, today: moscowDay(asked) });
  }

  private async execute(job: JobDefinition, claim: Claim, base: { now: Date; today: string }): Promise<RunOutcome> {
    const { leaseSeconds } = this.config.jobs;
    const keeper = new LeaseKeeper(this.dataSource, claim.id, claim.token, leaseSeconds, (e) => this.logger.warn(`job ${job.name}: lease renewal failed: ${String(e)}`)).start();
    let steps = 0;
    const ctx: JobContext = {
      ...base,
      step: async <T>(work: (em: EntityManager) => Promise<T>): Promise<T> => {
        if (keeper.lost) throw new LeaseLostError(claim.id);
        const result = await this.dataSource.transaction(async (em) => {
          if (!(await renewLease(em, claim.id, claim.token, leaseSeconds))) throw new LeaseLostError(claim.id);
          return work(em);
        });
        steps += 1;
        if (this.stepProbe) await this.stepProbe(job.name, claim.id, steps);
        return result;
      },
    };
    try {
      const counts = await job.run(ctx);
      const status = counts.skipped ? 'skipped' : 'succeeded';
      if (!(await this.finish(claim, status, counts, null))) throw new LeaseLostError(claim.id);
      return { runId: claim.id, status, counts };
    } catch (e) {
      if (e instanceof LeaseLostError) {
        this.logger.warn(e.message);
        return { runId: claim.id, status: 'lease_lost', counts: {} };
      }
      const message = e instanceof Error ? e.message : String(e);
      this.logger.error(`job ${job.name} failed: ${message}`);
      await this.finish(claim, 'failed', {}, message.slice(0, 2000));
      return { runId: claim.id, status: 'failed', counts: {} };
    } finally {
      keeper.stop();
    }
  }

  /** Records the outcome if this claim still holds the run; false when the lease was lost. */
  private async finish(claim: Claim, status: string, counts: Record<string, number>, error: string | null): Promise<boolean> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `UPDATE job_runs SET status = $3, counts = $4, error = $5, finished_at = $6, lease_expires_at = NULL
        WHERE id = $1 AND lease_token = $2 AND status = 'running'`,
      [claim.id, claim.token, status, JSON.stringify(counts), error, this.clock.now()],
    );
    return count === 1;
  }

  async list(): Promise<JobDto[]> {
    const names = [...this.jobs.keys()];
    const last: Array<{ job_name: string; id: string }> = names.length
      ? await this.dataSource.query(
          `SELECT DISTINCT ON (job_name) job_name, id::text FROM job_runs WHERE job_name = ANY($1::text[]) ORDER BY job_name, started_at DESC, id DESC`,
          [names],
        )
      : [];
    const runs = last.length ? await this.dataSource.getRepository(JobRun).createQueryBuilder('r').where('r.id IN (:...ids)', { ids: last.map((l) => l.id) }).getMany() : [];
    return [...this.jobs.values()].map((j) => ({
      name: j.name,
      description: j.description,
      schedule: j.cron,
      runsOn: j.runsOn ?? 'every_day',
      timeZone: BUSINESS_TIME_ZONE,
      enabled: this.config.jobs.enabled,
      lastRun: (() => {
        const r = runs.find((x) => x.jobName === j.name);
        return r ? mapRun(r) : null;
      })(),
    }));
  }

  async runs(name: string, query: PageQueryDto): Promise<Page<JobRunDto>> {
    this.job(name);
    const [rows, total] = await this.dataSource
      .getRepository(JobRun)
      .findAndCount({ where: { jobName: name }, order: { startedAt: 'DESC', id: 'DESC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
    return pageOf(rows.map(mapRun), total, query);
  }

  async run(id: string, name?: string): Promise<JobRunDto> {
    const r = /^\d{1,18}$/.test(id) ? await this.dataSource.getRepository(JobRun).findOne({ where: { id, ...(name ? { jobName: name } : {}) } }) : null;
    if (!r) throw new NotFoundError('Job run');
    return mapRun(r);
  }

  private job(name: string): JobDefinition {
    const job = this.jobs.get(name);
    if (!job) throw new NotFoundError('Job');
    return job;
  }

  private pastTodaysSlot(job: JobDefinition): boolean {
    const { hour: h, minute: m } = moscowWallClock(this.clock.now());
    return h > job.dailyAt.hour || (h === job.dailyAt.hour && m >= job.dailyAt.minute);
  }
}

function mapRun(r: JobRun): JobRunDto {
  return {
    id: String(r.id),
    jobName: r.jobName,
    slot: r.slot,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    counts: r.counts ?? {},
    error: r.error,
    attempts: r.attempts,
  };
}
