import type { EntityManager } from 'typeorm';

/** A JSON value, as stored in the queue (payloads, progress, results). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * A named queue and the type of its payload. Declare it once, next to the module that
 * owns the work, and use it to enqueue and to register the handler:
 *
 * ```ts
 * export const SEND_EMAIL = defineQueue<{ messageId: string }>('mail.send');
 * ```
 */
export interface QueueRef<P extends JsonObject> {
  readonly name: string;
  /** Type-only: never set. */
  readonly payloadType?: P;
}

/** Declares a queue; `name` is lower-case words with dots or dashes, e.g. `mail.send`. */
export function defineQueue<P extends JsonObject>(name: string): QueueRef<P> {
  if (!/^[a-z][a-z0-9.-]{0,63}$/.test(name)) throw new Error(`Invalid queue name "${name}"`);
  return { name };
}

export interface EnqueueOptions {
  /**
   * One key per effect, e.g. `greeting:<client id>:2026`. While an item with this key
   * exists in the queue (in any state), enqueueing it again returns the existing item.
   */
  key?: string;
  /** Not before this moment. */
  runAt?: Date;
  /** Overrides the queue's `maxAttempts` for this item. */
  maxAttempts?: number;
}

/** Progress of long work: shown to whoever polls it. */
export interface WorkProgress {
  done: number;
  total: number;
  /** What the handler is doing now, a code the client can translate, e.g. `writing`. */
  phase?: string;
}

/** What a handler gets besides its payload. */
export interface WorkContext {
  itemId: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** Stores the progress and renews the lease; throws if another worker took the item over. */
  progress(progress: WorkProgress): Promise<void>;
  /**
   * Runs `work` in a transaction that also renews the item's lease (and locks it), so
   * it commits only while this worker owns the item. Use it for the item's effects.
   */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * Does the work of one item. Delivery is at least once: after a crash the same item may
 * run again, so the effects must be idempotent (a unique key per effect, an upsert, a
 * status check). A thrown error is retried with exponential backoff; {@link PermanentError}
 * goes straight to `dead`. The returned value is stored as the item's result.
 */
export type QueueHandler<P extends JsonObject> = (payload: P, ctx: WorkContext) => Promise<Json | void>;

/** An item that has failed for good (all attempts used, or a permanent error). */
export interface DeadItem<P extends JsonObject> {
  id: string;
  payload: P;
  error: string;
  attempts: number;
}

export interface QueueOptions<P extends JsonObject> {
  /** At most this many items of the queue are worked on at once, across all instances. Default 1. */
  concurrency?: number;
  /** At most this many items start per minute, across all instances (e.g. an SMTP provider's limit). */
  perMinute?: number;
  /** Attempts before an item is dead. Default 5. */
  maxAttempts?: number;
  /** Pause before the first retry; doubles with every attempt, at most an hour. Default 10 s. */
  backoffSeconds?: number;
  /** Lease (visibility timeout), renewed while the handler runs. Default QUEUE_LEASE_SECONDS. */
  leaseSeconds?: number;
  /**
   * Called in the transaction that marks an item dead, including when its worker died
   * with no attempts left: e.g. to mark the import the item was working on failed.
   */
  onDead?: (em: EntityManager, item: DeadItem<P>) => Promise<void>;
}

/** Thrown by a handler when trying again cannot help (bad payload, record gone): the item is dead at once. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

/** Thrown inside a handler whose item another worker has taken over (its lease ran out). */
export class ItemLeaseLostError extends Error {
  constructor(itemId: string) {
    super(`Queue item ${itemId} was taken over by another worker`);
    this.name = 'ItemLeaseLostError';
  }
}
