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
 * Token buckets in this process's memory: `rate` requests per second sustained, `burst`
 * at once. Per API instance — with N replicas a caller gets up to N times the rate,
 * which is a documented limit, not a security boundary (the buckets protect the service
 * from a runaway integration, not from a determined attacker).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  take(key: string, rate: number, burst: number): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.sweep(now, rate);
    return {
      allowed,
      limit: burst,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil((burst - bucket.tokens) / rate),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / rate)),
    };
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
