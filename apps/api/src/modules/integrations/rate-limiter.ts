/** What a rate-limit check tells the caller (and the RateLimit-* headers). */
export interface RateDecision {
  allowed: boolean;
  /** Requests allowed in a burst. */
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until the next request is allowed (when refused). */
  retryAfterSeconds: number;
}

/**
 * The decision of a token bucket that holds `level` tokens after refilling: a request
 * takes one token when there is a whole one. The same arithmetic for the buckets kept in
 * memory here and for the API tokens' buckets kept in PostgreSQL (api-token-authenticator).
 */
export function bucketDecision(level: number, rate: number, burst: number): RateDecision & { left: number } {
  const allowed = level >= 1;
  const left = allowed ? level - 1 : level;
  return {
    allowed,
    left,
    limit: burst,
    remaining: Math.floor(left),
    resetSeconds: Math.ceil((burst - left) / rate),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - left) / rate)),
  };
}

/**
 * Token buckets in this process's memory: `rate` requests per second sustained, `burst`
 * at once. Per API instance — with N processes a caller gets up to N times the rate.
 * Used for the public, per-IP limits (survey links, the lead form), which only guard the
 * service against floods; the API tokens' limits are shared by all processes (kept in
 * the token's row).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  take(key: string, rate: number, burst: number): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    const decision = bucketDecision(Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate), rate, burst);
    bucket.tokens = decision.left;
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.sweep(now, rate);
    return decision;
  }

  /** Forgets buckets that have refilled (idle callers), so the map does not grow without end. */
  private sweep(now: number, rate: number): void {
    for (const [key, b] of this.buckets) if (now - b.at > 60_000 || b.tokens + ((now - b.at) / 1000) * rate >= 1e6) this.buckets.delete(key);
  }
}

/** Sets the RateLimit-* headers (IETF draft) and, when refused, Retry-After. */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  };
  if (!decision.allowed) headers['Retry-After'] = String(decision.retryAfterSeconds);
  return headers;
}
