import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { parseLsn } from './lsn';

export type ReadTarget = 'primary' | 'replica';

export interface ReadRoute {
  target: ReadTarget;
  /** Why (for the log and the X-Polar-Read-From header's companion in debugging). */
  reason: string;
}

type ReplicaStatus =
  | { state: 'ok'; checkedAt: number; replay: bigint; freshAsOf: number | null }
  | { state: 'down' | 'unusable'; checkedAt: number; reason: string };

/** A healthy replica's position is re-read at most this often (one tiny query on each side). */
const STATUS_TTL_MS = 1_000;
/** After a failure the replica is left alone this long: requests go to the primary without waiting. */
const DOWN_RETRY_MS = 5_000;
/** A report waits at most this long for a status check; then it reads the primary. */
const CHECK_WAIT_MS = 1_000;
/** A connection attempt to the replica gives up after this long (a host that drops packets). */
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * Where report reads go: the primary, or a PostgreSQL streaming replica
 * (`DATABASE_REPLICA_URL`) when it is healthy, recent enough and has replayed the
 * reader's own last write.
 *
 * - **Freshness.** Every check samples the primary's WAL position (pg_current_wal_lsn)
 *   before reading the replica's replayed position (pg_last_wal_replay_lsn). Every
 *   commit before a sample's time lies at or below its position, so the replica holds
 *   everything committed up to the latest sample it has replayed past. When that is more
 *   than `REPLICA_MAX_LAG_SECONDS` ago, reads go to the primary (an idle primary whose
 *   position does not move never counts as lag).
 * - **Read-after-write.** A successful write answers with the primary's WAL position
 *   (WriteFenceInterceptor: a short-lived cookie and a header). A report request carrying
 *   one reads the replica only when the replica has replayed at least that far. The value
 *   travels with the client, so it holds whichever API process the next request reaches.
 * - **Failure.** An unreachable replica, one that is not a standby, or a query failing
 *   there sends reads to the primary; each change of state is logged once.
 *
 * Services obtain their EntityManager through `manager()`: inside a request routed by
 * `@ReadsFromReplica()` it is the replica's, everywhere else the primary's.
 */
@Injectable()
export class ReadRouting implements OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplica');
  private readonly context = new AsyncLocalStorage<{ target: ReadTarget; manager: EntityManager }>();
  private replica: DataSource | null = null;
  private connecting: Promise<DataSource> | null = null;
  private status: ReplicaStatus | null = null;
  private checking: Promise<ReplicaStatus> | null = null;
  /** Samples of the primary's WAL position: when it was where. */
  private samples: Array<{ at: number; lsn: bigint }> = [];
  /** The last health verdict logged, so that only changes are logged. */
  private lastHealth: string | null = null;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A replica is configured (PostgreSQL primary and DATABASE_REPLICA_URL). */
  get enabled(): boolean {
    return this.config.databaseReplicaUrl !== null;
  }

  /**
   * How long a write's fence cookie lives: past the lag bound, after which the bound alone
   * keeps a replica that lacks the write out of use.
   */
  get fenceSeconds(): number {
    return this.config.replicaMaxLagSeconds * 2 + 60;
  }

  /** The EntityManager for a read: the replica's inside a request routed there, otherwise the primary's. */
  manager(): EntityManager {
    return this.context.getStore()?.manager ?? this.primary.manager;
  }

  /** Where the reads of the current call go. */
  currentTarget(): ReadTarget {
    return this.context.getStore()?.target ?? 'primary';
  }

  /** Runs `work` with its reads (through `manager()`) on the given side. */
  runOn<T>(target: ReadTarget, work: () => T): T {
    const manager = target === 'replica' && this.replica?.isInitialized ? this.replica.manager : this.primary.manager;
    return this.context.run({ target: manager === this.primary.manager ? 'primary' : 'replica', manager }, work);
  }

  /**
   * Chooses the side for a report request. `minLsn` is the reader's last write on the
   * primary (from the fence cookie or header), or null.
   */
  async route(minLsn: bigint | null): Promise<ReadRoute> {
    if (!this.enabled) return { target: 'primary', reason: 'no replica configured' };
    const status = await this.currentStatus();
    if (!status) return this.verdict({ target: 'primary', reason: 'replica check did not answer in time' });
    if (status.state !== 'ok') return this.verdict({ target: 'primary', reason: status.reason });
    const behindMs = status.freshAsOf === null ? Infinity : Date.now() - status.freshAsOf;
    if (behindMs > this.config.replicaMaxLagSeconds * 1000) {
      const shown = Number.isFinite(behindMs) ? `${Math.round(behindMs / 1000)} s` : 'too far';
      return this.verdict({ target: 'primary', reason: `replica lags ${shown} behind (bound ${this.config.replicaMaxLagSeconds} s)` });
    }
    this.verdict({ target: 'replica', reason: 'replica healthy' });
    // Not a health problem: this reader's own write has not reached the replica yet.
    if (minLsn !== null && status.replay < minLsn) return { target: 'primary', reason: 'own write not replayed on the replica yet' };
    return { target: 'replica', reason: 'replica healthy' };
  }

  /** A read on the replica failed: take it out of use for a while (the caller retries on the primary). */
  replicaFailed(error: unknown): void {
    this.status = { state: 'down', checkedAt: Date.now(), reason: `replica query failed: ${describe(error)}` };
    this.verdict({ target: 'primary', reason: this.status.reason });
  }

  /** The primary's current WAL position (after a commit it is at or past that commit). */
  async primaryLsn(): Promise<string> {
    const [row]: Array<{ lsn: string }> = await this.primary.query('SELECT pg_current_wal_lsn()::text AS lsn');
    return row.lsn;
  }

  async onApplicationShutdown(): Promise<void> {
    const pending = this.connecting;
    this.connecting = null;
    await pending?.catch(() => undefined);
    if (this.replica?.isInitialized) await this.replica.destroy().catch(() => undefined);
    this.replica = null;
  }

  /** Logs a change of the replica's health (not every request). */
  private verdict(route: ReadRoute): ReadRoute {
    const health = route.target === 'replica' ? 'replica' : `primary: ${route.reason.replace(/\d+ s behind/, 'behind')}`;
    if (health !== this.lastHealth) {
      if (route.target === 'replica') this.logger.log('reports read from the replica');
      else this.logger.warn(`reports read from the primary: ${route.reason}`);
      this.lastHealth = health;
    }
    return route;
  }

  private async currentStatus(): Promise<ReplicaStatus | null> {
    const now = Date.now();
    const s = this.status;
    if (s && now - s.checkedAt < (s.state === 'ok' ? STATUS_TTL_MS : DOWN_RETRY_MS)) return s;
    this.checking ??= this.check().finally(() => (this.checking = null));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), CHECK_WAIT_MS)));
    try {
      return await Promise.race([this.checking, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async check(): Promise<ReplicaStatus> {
    const at = Date.now();
    try {
      // The primary first: whatever was committed before `at` is at or below this position.
      const primaryLsn = parseLsn(await this.primaryLsn());
      if (primaryLsn !== null) this.samples.push({ at, lsn: primaryLsn });
      const replica = await this.replicaSource();
      const [row]: Array<{ standby: boolean; replay: string | null }> = await replica.query(
        'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replay',
      );
      const replay = parseLsn(row?.replay);
      if (!row?.standby || replay === null) {
        this.status = { state: 'unusable', checkedAt: at, reason: 'DATABASE_REPLICA_URL is not a standby in recovery (pg_is_in_recovery() is false)' };
      } else {
        let freshAsOf: number | null = null;
        for (const sample of this.samples) if (sample.lsn <= replay && (freshAsOf === null || sample.at > freshAsOf)) freshAsOf = sample.at;
        this.status = { state: 'ok', checkedAt: at, replay, freshAsOf };
      }
    } catch (error) {
      this.status = { state: 'down', checkedAt: at, reason: `replica unreachable: ${describe(error)}` };
    }
    // Samples older than the lag bound can no longer make the replica usable.
    const keepFrom = at - (this.config.replicaMaxLagSeconds + 5) * 1000;
    this.samples = this.samples.filter((s) => s.at >= keepFrom);
    return this.status;
  }

  /** The replica's own small pool, opened on first use and again after a failed attempt. */
  private async replicaSource(): Promise<DataSource> {
    if (this.replica?.isInitialized) return this.replica;
    this.connecting ??= (async () => {
      const url = this.config.databaseReplicaUrl;
      if (!url) throw new Error('no replica configured');
      // The primary's own configuration (entities included), pointed at the standby: this
      // module needs no knowledge of the schema, and the two cannot drift apart.
      const base = this.primary.options as PostgresConnectionOptions;
      const ds = new DataSource({
        ...base,
        url,
        migrations: [],
        migrationsRun: false,
        // Shows up in pg_stat_activity on the standby.
        applicationName: 'polar-api-reports',
        extra: { ...(base.extra as object), max: this.config.dbReplicaPoolMax, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
      });
      await ds.initialize();
      this.replica = ds;
      return ds;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return (error as Error & { code?: string }).code ? `${(error as Error & { code?: string }).code} ${error.message}` : error.message;
  return String(error);
}
