import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/context/clock';
import { NotFoundError } from '../../common/errors/domain-error';
import { type Page, pageOf, type PageQueryDto } from '../../common/pagination/page.dto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { JobDto, JobRunDto } from './dto/job.dto';
import { JobRun } from './entities/job-run.entity';

export const BUSINESS_TIME_ZONE = 'Europe/Moscow';

export interface JobContext {
  now: Date;
  /** The Moscow day the run is for. */
  today: string;
}

export interface JobDefinition {
  name: string;
  description: string;
  /** Cron expression in Europe/Moscow. */
  cron: string;
  /** Hour:minute of the daily slot (for catch-up after downtime). */
  dailyAt: { hour: number; minute: number };
  /** The work, inside one transaction. Returns what it did, e.g. {created: 12}. */
  run(em: EntityManager, ctx: JobContext): Promise<Record<string, number>>;
}

export interface RunOutcome {
  runId: string | null;
  status: 'succeeded' | 'failed' | 'skipped' | 'already_claimed';
  counts: Record<string, number>;
}

/**
 * Runs the scheduled jobs. A daily slot is claimed by inserting its job_runs row: the
 * unique (job, slot) index lets exactly one instance win, even with several API
 * instances on one database. Missed slots are caught up at start-up, and each job's
 * own effects are idempotent. Every run is recorded.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly timers: CronJob[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

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
      // Catch up a slot missed while no instance was running (e.g. started at 10:00).
      if (this.pastTodaysSlot(job)) void this.runSlot(job.name, 'catch_up').catch((e) => this.logger.error(`${job.name} catch-up: ${String(e)}`));
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) timer.stop();
  }

  /** Runs today's slot unless some instance has already claimed it. */
  async runSlot(name: string, trigger: 'schedule' | 'catch_up'): Promise<RunOutcome> {
    const job = this.job(name);
    const now = this.clock.now();
    const today = moscowDay(now);
    // A failed slot may be claimed again; a running or finished one may not.
    const [claimed]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO job_runs (job_name, slot, trigger, status, started_at) VALUES ($1, $2, $3, 'running', $4)
       ON CONFLICT (job_name, slot) DO UPDATE SET status = 'running', trigger = EXCLUDED.trigger, started_at = EXCLUDED.started_at, error = NULL
         WHERE job_runs.status = 'failed'
       RETURNING id::text`,
      [name, today, trigger, now],
    );
    if (!claimed) return { runId: null, status: 'already_claimed', counts: {} };
    return this.execute(job, claimed.id, { now, today });
  }

  /** Runs a job now, by hand; recorded as its own run, outside the daily slots. */
  async runManually(name: string, userId: string): Promise<RunOutcome> {
    const job = this.job(name);
    const now = this.clock.now();
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO job_runs (job_name, slot, trigger, status, started_at, triggered_by) VALUES ($1, $2, 'manual', 'running', $3, $4) RETURNING id::text`,
      [name, `manual:${now.toISOString()}:${Math.random().toString(36).slice(2, 8)}`, now, userId],
    );
    return this.execute(job, row.id, { now, today: moscowDay(now) });
  }

  private async execute(job: JobDefinition, runId: string, ctx: JobContext): Promise<RunOutcome> {
    try {
      const counts = await this.dataSource.transaction((em) => job.run(em, ctx));
      const status = counts.skipped ? 'skipped' : 'succeeded';
      await this.finish(runId, status, counts, null);
      return { runId, status, counts };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.logger.error(`job ${job.name} failed: ${message}`);
      await this.finish(runId, 'failed', {}, message.slice(0, 2000));
      return { runId, status: 'failed', counts: {} };
    }
  }

  private async finish(runId: string, status: string, counts: Record<string, number>, error: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE job_runs SET status = $2, counts = $3, error = $4, finished_at = $5 WHERE id = $1`, [runId, status, JSON.stringify(counts), error, this.clock.now()]);
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

  async run(id: string): Promise<JobRunDto> {
    const r = await this.dataSource.getRepository(JobRun).findOne({ where: { id } });
    if (!r) throw new NotFoundError('Job run');
    return mapRun(r);
  }

  private job(name: string): JobDefinition {
    const job = this.jobs.get(name);
    if (!job) throw new NotFoundError('Job');
    return job;
  }

  private pastTodaysSlot(job: JobDefinition): boolean {
    const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: BUSINESS_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(this.clock.now())
      .split(':')
      .map(Number);
    return h > job.dailyAt.hour || (h === job.dailyAt.hour && m >= job.dailyAt.minute);
  }
}

export function moscowDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
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
  };
}
