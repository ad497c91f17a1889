import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, type Notification } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/** What a module registers for one channel. */
export interface ChannelHandler {
  /** A NOTIFY on the channel (payload as sent; '' when none). Must not throw. */
  onNotification(payload: string): void;
  /**
   * The channel is being listened to (true) or no longer is (false: start-up, a lost
   * connection, shutdown). While false, notifications may be missed: a cache must not
   * trust itself. Called with the current state right at registration.
   */
  onListening?(listening: boolean): void;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The API process's one LISTEN connection to PostgreSQL: a plain `pg` Client outside
 * the TypeORM pool (a pooled connection is handed to other work and its LISTENs would
 * go with it), shared by every module that wants to hear NOTIFYs.
 *
 * - `listen(channel, handler)` registers a handler; every channel is LISTENed on the
 *   one connection. `onListening(false)` tells the handler whenever notifications may
 *   have been missed, `onListening(true)` once they flow again.
 * - A lost connection is reconnected with backoff (0.2 s doubling to 10 s).
 * - Every 10 s the connection NOTIFYs a private channel and must hear it back within
 *   5 s: that proves the round trip (a half-open TCP connection, or a transaction-mode
 *   pool that cannot carry LISTEN, fails it) — otherwise it counts as lost.
 * - Only on a real PostgreSQL (DATABASE_URL). On the embedded PGlite the socket server
 *   multiplexes one database session and notifications would reach whichever connection
 *   runs the next query, not this one: there nothing is listened to and every handler
 *   stays at `onListening(false)`.
 * - Closed on application shutdown.
 */
@Injectable()
export class DatabaseNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('DatabaseNotifications');
  private readonly handlers = new Map<string, Set<ChannelHandler>>();
  /** A channel is in here once its LISTEN succeeded on the current connection. */
  private readonly listening = new Set<string>();
  /** The current connection (also while it connects); events of any other client are stale. */
  private client: Client | null = null;
  /** The current connection once connected (its LISTENs may still be under way). */
  private connected: Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private heartbeatWait: { payload: string; timer: NodeJS.Timeout } | null = null;
  private attempts = 0;
  private closed = false;
  private readonly pingChannel = `polar_ping_${randomBytes(6).toString('hex')}`;
  /** Where to connect; null = notifications are not available here (embedded PGlite). */
  private url: string | null;

  /** Pause before reconnect attempt n (1-based). Tests may replace it to hold the connection down. */
  retryDelayMs = (attempt: number): number => Math.min(10_000, 200 * 2 ** (attempt - 1));
  heartbeatEveryMs = 10_000;
  heartbeatTimeoutMs = 5_000;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    // The pool's own database by default (in tests a per-test database).
    this.url = config.databaseListenUrl ?? (dataSource.options as { url?: string }).url ?? null;
  }

  /** Whether notifications can flow in this process at all (PostgreSQL, not PGlite); known once the app has started. */
  get available(): boolean {
    return this.url !== null;
  }

  /** Whether the channel's LISTEN is in effect on a live connection right now. */
  isListening(channel: string): boolean {
    return this.listening.has(channel);
  }

  /** Registers a handler; returns the function that removes it. */
  listen(channel: string, handler: ChannelHandler): () => void {
    if (!CHANNEL.test(channel)) throw new Error(`Invalid notification channel name "${channel}"`);
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      // A channel added while connected is LISTENed on the live connection.
      if (this.connected) void this.listenOn(this.connected, channel);
    }
    set.add(handler);
    handler.onListening?.(this.listening.has(channel));
    return () => {
      set.delete(handler);
    };
  }

  /** Drops the connection now and connects again at once (tests; an operator's nudge). */
  async reconnect(): Promise<void> {
    if (!this.url || this.closed) return;
    const old = this.client;
    this.dropConnection();
    if (old) close(old);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempts = 0;
    await this.connect();
  }

  /** Connects before the application starts serving, so the first requests already benefit. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.url) return;
    // The server says what it is (the app's config need not: tests hand the database over
    // without DATABASE_URL); PGlite's version names it.
    const [{ version }]: Array<{ version: string }> = await this.dataSource.query('SELECT version() AS version');
    if (/PGlite|emscripten/i.test(version)) {
      this.url = null;
      return;
    }
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.dropConnection();
    if (client) await close(client);
  }

  private connect(): Promise<void> {
    if (this.connecting) return this.connecting;
    this.connecting = this.tryConnect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async tryConnect(): Promise<void> {
    if (this.closed || !this.url) return;
    this.attempts++;
    const client = new Client({
      connectionString: this.url,
      application_name: 'polar-notifications',
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    this.client = client;
    client.on('notification', (n) => this.dispatch(client, n));
    // Either event means the connection is gone (a terminated backend, a restart, the network).
    client.on('error', (e) => this.lost(client, e.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.pingChannel}"`);
      if (this.client !== client) return; // lost meanwhile: lost() has scheduled the retry
      this.connected = client;
      await Promise.all([...this.handlers.keys()].map((channel) => this.listenOn(client, channel)));
      if (this.client !== client) return;
      if (this.attempts > 1) this.log.log(`listening again after ${this.attempts - 1} failed attempt(s)`);
      this.attempts = 0;
      this.heartbeatTimer = setInterval(() => this.heartbeat(client), this.heartbeatEveryMs);
      this.heartbeatTimer.unref();
    } catch (error) {
      this.lost(client, error instanceof Error ? error.message : String(error));
    }
  }

  private async listenOn(client: Client, channel: string): Promise<void> {
    try {
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      this.lost(client, error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.client !== client || this.listening.has(channel)) return;
    this.listening.add(channel);
    for (const h of this.handlers.get(channel) ?? []) h.onListening?.(true);
  }

  private dispatch(client: Client, n: Notification): void {
    if (client !== this.client) return;
    if (n.channel === this.pingChannel) {
      const wait = this.heartbeatWait;
      if (wait && wait.payload === n.payload) {
        clearTimeout(wait.timer);
        this.heartbeatWait = null;
      }
      return;
    }
    for (const h of this.handlers.get(n.channel) ?? []) {
      try {
        h.onNotification(n.payload ?? '');
      } catch (error) {
        this.log.error(`a handler of "${n.channel}" failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private heartbeat(client: Client): void {
    if (client !== this.client || this.heartbeatWait) return;
    const payload = randomBytes(6).toString('hex');
    const timer = setTimeout(() => this.lost(client, `no heartbeat notification within ${this.heartbeatTimeoutMs} ms`), this.heartbeatTimeoutMs);
    timer.unref();
    this.heartbeatWait = { payload, timer };
    client.query('SELECT pg_notify($1, $2)', [this.pingChannel, payload]).catch((e: Error) => this.lost(client, e.message));
  }

  /** The current connection failed: tell every handler at once, close it, retry with backoff. */
  private lost(client: Client, reason: string): void {
    if (client !== this.client) return; // a dropped connection's late event
    const wasUp = this.connected === client;
    this.dropConnection();
    void close(client);
    if (this.closed) return;
    if (wasUp) this.log.warn(`LISTEN connection lost (${reason}); reconnecting`);
    else if (this.attempts === 1 || this.attempts % 10 === 0) this.log.warn(`LISTEN connection failed (${reason}); retrying`);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryDelayMs(Math.max(1, this.attempts)));
    this.retryTimer.unref();
  }

  /** Forgets the connection and tells the handlers that nothing is listened to any more. */
  private dropConnection(): void {
    this.client = null;
    this.connected = null;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    if (this.heartbeatWait) clearTimeout(this.heartbeatWait.timer);
    this.heartbeatWait = null;
    const channels = [...this.listening];
    this.listening.clear();
    for (const channel of channels) for (const h of this.handlers.get(channel) ?? []) h.onListening?.(false);
  }
}

/** Ends a connection politely, or tears its socket down when the server does not answer (half-open). */
async function close(client: Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      resolve();
    }, 1_000);
    timer.unref();
  });
  await Promise.race([client.end().catch(() => undefined), forced]);
  clearTimeout(timer);
}
