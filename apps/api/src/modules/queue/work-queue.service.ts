import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { type ClaimedRow, type DeadRow, QueueStore } from './queue-store';
import {
  type EnqueueOptions,
  ItemLeaseLostError,
  type JsonObject,
  PermanentError,
  type QueueHandler,
  type QueueOptions,
  type QueueRef,
  type WorkContext,
  type WorkProgress,
} from './queue.types';

const MAX_BACKOFF_SECONDS = 3600;

interface Registered {
  name: string;
  handler: QueueHandler<JsonObject>;
  options: Required<Omit<QueueOptions<JsonObject>, 'perMinute' | 'onDead'>> & Pick<QueueOptions<JsonObject>, 'perMinute' | 'onDead'>;
}

/**
 * The persistent work queue: everything that happens after the request (e-mail,
 * webhooks, greetings, generated visits, imports, job runs).
 *
 * - `enqueue(em, QUEUE, payload, { key })` inside the caller's transaction: the work
 *   exists exactly when the change that causes it commits (transactional outbox).
 * - `register(QUEUE, handler, options)` once at start-up (in the owning module's
 *   `onModuleInit`). Handlers must be idempotent: delivery is at least once.
 * - Workers poll when `QUEUE_ENABLED` (off in tests); tests call `drain()` instead.
 *
 * Works with several API instances on one PostgreSQL, and on the embedded PGlite with
 * its single connection (every statement is short; handlers' transactions take turns).
 */
@Injectable()
export class WorkQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkQueue.name);
  private readonly queues = new Map<string, Registered>();
  /** Items this instance is working on, by queue. */
  private readonly inFlight = new Map<string, Map<string, Promise<void>>>();
  private poller: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private lastCleanup = 0;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Registers the handler of a queue (once per queue, at start-up). */
  register<P extends JsonObject>(queue: QueueRef<P>, handler: QueueHandler<P>, options: QueueOptions<P> = {}): void {
    if (this.queues.has(queue.name)) throw new Error(`Queue ${queue.name} already has a handler`);
    this.queues.set(queue.name, {
      name: queue.name,
      handler: handler as QueueHandler<JsonObject>,
      options: {
        concurrency: options.concurrency ?? 1,
        perMinute: options.perMinute,
        maxAttempts: options.maxAttempts ?? 5,
        backoffSeconds: options.backoffSeconds ?? 10,
        leaseSeconds: options.leaseSeconds ?? this.config.queue.leaseSeconds,
        onDead: options.onDead as QueueOptions<JsonObject>['onDead'],
      },
    });
    this.inFlight.set(queue.name, new Map());
  }

  /** The registered queue names (for the admin screen). */
  names(): string[] {
    return [...this.queues.keys()].sort();
  }

  /**
   * Queues work in the caller's transaction (`em`); returns the item id. With `key`, an
   * item already queued under the same key is returned instead of a second one.
   */
  async enqueue<P extends JsonObject>(em: EntityManager, queue: QueueRef<P>, payload: P, options: EnqueueOptions = {}): Promise<string> {
    const registered = this.queues.get(queue.name);
    const maxAttempts = options.maxAttempts ?? registered?.options.maxAttempts ?? 5;
    const id = await QueueStore.insert(em, queue.name, payload, options.key ?? null, options.runAt ?? null, maxAttempts);
    this.nudge();
    return id;
  }

  onApplicationBootstrap(): void {
    if (!this.config.queue.enabled) return;
    this.poller = setInterval(() => void this.poll(), this.config.queue.pollMs);
    this.poller.unref();
    void this.poll();
  }

  /** Stops polling and waits for the items in hand (a killed process leaves them to the lease). */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    await this.polling;
    await Promise.allSettled([...this.inFlight.values()].flatMap((m) => [...m.values()]));
  }

  /**
   * Works off every item that is due now, in this process, until none is left (tests,
   * scripts). Limits of concurrency and rate are kept; `includeDelayed` also takes items
   * waiting for their time (retries after backoff). Returns how many attempts ran.
   */
  async drain(options: { queues?: string[]; includeDelayed?: boolean } = {}): Promise<number> {
    let ran = 0;
    for (;;) {
      let round = 0;
      for (const name of options.queues ?? this.names()) {
        const q = this.queues.get(name);
        if (!q) continue;
        const claimed = await this.claim(q, q.options.concurrency, options.includeDelayed ?? false);
        await Promise.all(claimed.map((row) => this.work(q, row)));
        round += claimed.length;
      }
      ran += round;
      if (!round) return ran;
    }
  }

  private nudge(): void {
    // A fresh item in this instance starts without waiting for the next tick (after the
    // caller's commit, which this cannot see: a short delay is enough in practice).
    if (this.poller && !this.stopping) setTimeout(() => void this.poll(), 50).unref();
  }

  private poll(): Promise<void> {
    if (this.polling || this.stopping) return this.polling ?? Promise.resolve();
    this.polling = (async () => {
      try {
        const due = new Set(await QueueStore.dueQueues(this.dataSource));
        for (const q of this.queues.values()) {
          if (!due.has(q.name)) continue;
          const mine = this.inFlight.get(q.name)!;
          const free = q.options.concurrency - mine.size;
          if (free <= 0) continue;
          const claimed = await this.claim(q, free, false);
          for (const row of claimed) {
            const work = this.work(q, row).finally(() => mine.delete(row.id));
            mine.set(row.id, work);
          }
        }
        if (Date.now() - this.lastCleanup > 3600_000) {
          this.lastCleanup = Date.now();
          await this.dataSource.query(`DELETE FROM queue_items WHERE status = 'done' AND finished_at < clock_timestamp() - make_interval(days => $1)`, [
            this.config.queue.keepDoneDays,
          ]);
        }
      } catch (e) {
        this.logger.error(`queue poll failed: ${String(e)}`);
      } finally {
        this.polling = null;
      }
    })();
    return this.polling;
  }

  private async claim(q: Registered, want: number, ignoreRunAt: boolean): Promise<ClaimedRow[]> {
    const { claimed, dead } = await this.dataSource.transaction(async (em) => {
      const result = await QueueStore.claim(em, q.name, {
        want,
        concurrency: q.options.concurrency,
        perMinute: ignoreRunAt ? null : (q.options.perMinute ?? null),
        leaseSeconds: q.options.leaseSeconds,
        exclude: [...this.inFlight.get(q.name)!.keys()],
        ignoreRunAt,
      });
      for (const row of result.dead) await this.died(em, q, row);
      return result;
    });
    for (const row of dead) this.logger.warn(`queue ${q.name}: item ${row.id} is dead: ${row.last_error}`);
    return claimed;
  }

  private async died(em: EntityManager, q: Registered, row: DeadRow): Promise<void> {
    if (q.options.onDead) await q.options.onDead(em, { id: row.id, payload: row.payload as JsonObject, error: row.last_error, attempts: row.attempts });
  }

  /** One attempt at one item: the handler, then done / retry later / dead. */
  private async work(q: Registered, row: ClaimedRow): Promise<void> {
    const { leaseSeconds } = q.options;
    let lost = false;
    const keeper = setInterval(
      () => {
        QueueStore.renew(this.dataSource, row.id, row.lease_token, leaseSeconds)
          .then((held) => (lost ||= !held))
          .catch((e) => this.logger.warn(`queue ${q.name}: lease renewal of ${row.id} failed: ${String(e)}`));
      },
      Math.max(250, (leaseSeconds * 1000) / 3),
    );
    keeper.unref();
    const ctx: WorkContext = {
      itemId: row.id,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      progress: async (progress: WorkProgress) => {
        if (lost || !(await QueueStore.renew(this.dataSource, row.id, row.lease_token, leaseSeconds, progress))) throw new ItemLeaseLostError(row.id);
      },
      transaction: <T>(work: (em: EntityManager) => Promise<T>) =>
        this.dataSource.transaction(async (em) => {
          if (lost || !(await QueueStore.renew(em, row.id, row.lease_token, leaseSeconds))) throw new ItemLeaseLostError(row.id);
          return work(em);
        }),
    };
    try {
      const result = await q.handler(row.payload as JsonObject, ctx);
      if (!(await QueueStore.complete(this.dataSource, row.id, row.lease_token, result))) this.logger.warn(`queue ${q.name}: item ${row.id} finished after its lease was lost`);
    } catch (e) {
      if (e instanceof ItemLeaseLostError) {
        this.logger.warn(e.message);
        return;
      }
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 4000) || 'Unknown error';
      const permanent = e instanceof PermanentError || row.attempts >= row.max_attempts;
      const delay = permanent ? null : Math.min(MAX_BACKOFF_SECONDS, q.options.backoffSeconds * 2 ** (row.attempts - 1));
      const outcome = await this.dataSource.transaction(async (em) => {
        const status = await QueueStore.fail(em, row.id, row.lease_token, message, delay);
        if (status === 'dead') await this.died(em, q, { id: row.id, payload: row.payload, attempts: row.attempts, last_error: message });
        return status;
      });
      this.logger.warn(`queue ${q.name}: item ${row.id} attempt ${row.attempts} failed (${outcome}): ${message}`);
    } finally {
      clearInterval(keeper);
    }
  }
}
