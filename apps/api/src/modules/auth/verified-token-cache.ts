/** The claims the access check needs from a verified token. */
export interface VerifiedToken {
  sub: string;
  sid: string;
  /** Expiry, seconds since the epoch (the JWT `exp`). */
  exp: number;
}

/**
 * Access tokens whose signature and claims were verified (by passport-jwt), so that the
 * next request with the same token string skips the HMAC. A token string is immutable
 * and the signing secret is fixed for the life of the process, so a verification stays
 * true — except for time: an entry is never used once its `exp` is reached, by the same
 * rule as jsonwebtoken (valid while now < exp, in whole seconds of the wall clock).
 * Bounded: at most `maxEntries`, the oldest stored first out.
 *
 * It says nothing about the session or the user: that check (AuthActorCache or the
 * query) follows on every request all the same.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, VerifiedToken>();
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly maxEntries = 10_000,
    /** Wall-clock milliseconds, as jsonwebtoken reads them (tests move it). */
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): VerifiedToken | undefined {
    const entry = this.entries.get(token);
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    if (Math.floor(this.now() / 1000) >= entry.exp) {
      this.entries.delete(token);
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return entry;
  }

  remember(token: string, claims: VerifiedToken): void {
    if (this.entries.has(token)) return;
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(token, { sub: claims.sub, sid: claims.sid, exp: claims.exp });
  }
}
