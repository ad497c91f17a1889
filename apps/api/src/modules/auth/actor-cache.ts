import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DatabaseNotifications } from '../../common/notifications';
import type { RequestUser } from './request-user';

/**
 * The signed-in user of a (user id, session id) pair as the access check loaded it, kept
 * between requests of this process so that most requests skip that query.
 *
 * It may only answer while it is sure nothing it holds changed, so:
 *
 * 1. **Any writer, any process.** Triggers (migration 1764860000000) NOTIFY
 *    {@link AUTH_ACTOR_CHANNEL} with the user id whenever a `users` row is updated or
 *    deleted, an `auth_sessions` row is updated or deleted, or a `user_assistants` row of
 *    the user as assistant is inserted, updated or deleted ('*' when one of them is
 *    truncated) — every column and table the loaded actor reads. The notification arrives
 *    after the writer's commit; the user's entries are dropped then.
 * 2. **Fail closed.** The cache is used only while the process LISTENs
 *    (common/notifications). Before the LISTEN is in place, and from the moment the
 *    connection is lost until it is back, it is empty and bypassed: every request loads
 *    the user as before. Notifications missed meanwhile therefore cannot leave anything
 *    stale. On the embedded PGlite nothing is listened to: the cache is always off there.
 * 3. **Same-process changes are deterministic.** A NOTIFY reaches this process some
 *    milliseconds after the commit, so a request that follows a change made through this
 *    process could still see the old entry. The rule: **a service that changes what the
 *    actor reads calls {@link ActorCache.forget} (or `forgetAll`) right after its
 *    transaction commits, before it answers** — sign-out, refresh-token reuse and a
 *    password change (AuthService), and every change of an account (UsersService:
 *    profile, role, activation, password reset, assisted managers). A change made
 *    elsewhere (another process, a job, SQL) takes effect when its notification arrives,
 *    normally within milliseconds.
 * 4. **No stale refill.** A load that was under way while an invalidation happened (it may
 *    have read the old row) is not stored: every invalidation moves an epoch on, and a load
 *    stores its result only if the epoch did not move since it began.
 * 5. **Bounded.** At most `maxEntries` (oldest out first) and none older than `maxAgeMs`:
 *    a safety net should a notification ever be lost on a connection that still looks
 *    alive between two heartbeats.
 *
 * Only active users with an open session are stored; a refusal is never cached.
 */
export const AUTH_ACTOR_CHANNEL = 'auth_actor_changed';

export interface ActorCacheOptions {
  maxEntries: number;
  maxAgeMs: number;
  /** Monotonic milliseconds (tests move it). */
  now?: () => number;
}

interface Entry<T> {
  userId: string;
  value: T;
  storedAt: number;
}

/** What a load must hand back to {@link ActorCache.store}: the epoch it began in. */
export type LoadTicket = { readonly epoch: number } | null;

export class ActorCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** user id → the keys of that user's entries (one per session). */
  private readonly byUser = new Map<string, Set<string>>();
  private epoch = 0;
  private enabled = false;
  private readonly now: () => number;

  /** Counters for tests and diagnostics. */
  readonly stats = { hits: 0, misses: 0, stored: 0, invalidations: 0 };

  constructor(private readonly options: ActorCacheOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Whether the cache is in use (its invalidation channel is being listened to). */
  get active(): boolean {
    return this.enabled;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Turns the cache on (notifications flow) or off and empty (they may be missed). */
  setActive(active: boolean): void {
    this.forgetAll();
    this.enabled = active;
  }

  get(userId: string, sessionId: string): T | undefined {
    if (!this.enabled) return undefined;
    const key = keyOf(userId, sessionId);
    const entry = this.entries.get(key);
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    if (this.now() - entry.storedAt >= this.options.maxAgeMs) {
      this.remove(key, entry.userId);
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return entry.value;
  }

  /** Whether an entry is held (tests, diagnostics; counts nothing, checks no age). */
  has(userId: string, sessionId: string): boolean {
    return this.entries.has(keyOf(userId, sessionId));
  }

  /** Call before loading; pass the result to {@link store}. Null while the cache is off. */
  beginLoad(): LoadTicket {
    return this.enabled ? { epoch: this.epoch } : null;
  }

  /** Keeps a loaded actor, unless anything was invalidated since the load began. */
  store(ticket: LoadTicket, userId: string, sessionId: string, value: T): void {
    if (!ticket || !this.enabled || ticket.epoch !== this.epoch) return;
    const key = keyOf(userId, sessionId);
    this.remove(key, userId);
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.entries().next().value;
      if (!oldest) break;
      this.remove(oldest[0], oldest[1].userId);
    }
    this.entries.set(key, { userId, value, storedAt: this.now() });
    let keys = this.byUser.get(userId);
    if (!keys) this.byUser.set(userId, (keys = new Set()));
    keys.add(key);
    this.stats.stored++;
  }

  /** Drops every entry of these users (all their sessions). */
  forget(...userIds: string[]): void {
    this.epoch++;
    this.stats.invalidations++;
    for (const userId of userIds) {
      const keys = this.byUser.get(userId);
      if (!keys) continue;
      for (const key of keys) this.entries.delete(key);
      this.byUser.delete(userId);
    }
  }

  forgetAll(): void {
    this.epoch++;
    this.stats.invalidations++;
    this.entries.clear();
    this.byUser.clear();
  }

  /** A notification on {@link AUTH_ACTOR_CHANNEL}: a user id, or '*' for everyone. */
  onNotification(payload: string): void {
    if (payload === '*' || payload === '') this.forgetAll();
    else this.forget(payload);
  }

  private remove(key: string, userId: string): void {
    if (!this.entries.delete(key)) return;
    const keys = this.byUser.get(userId);
    keys?.delete(key);
    if (keys && keys.size === 0) this.byUser.delete(userId);
  }
}

const keyOf = (userId: string, sessionId: string) => `${userId}:${sessionId}`;

/**
 * The process's actor cache of signed-in users (see {@link ActorCache}): 10,000 sessions,
 * a minute at most, switched on while the invalidation channel is listened to. Services
 * that change sessions or accounts inject it to {@link ActorCache.forget} after commit.
 */
@Injectable()
export class AuthActorCache extends ActorCache<RequestUser> implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: DatabaseNotifications,
  ) {
    super({ maxEntries: 10_000, maxAgeMs: 60_000 });
  }

  onModuleInit(): void {
    // Off (never active) with AUTH_CACHE=false; on the embedded PGlite the channel is
    // never listened to, so it stays off there too.
    if (!this.config.authCache) return;
    this.notifications.listen(AUTH_ACTOR_CHANNEL, {
      onNotification: (payload) => this.onNotification(payload),
      onListening: (listening) => this.setActive(listening),
    });
  }
}
