import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isRole, permissionsOf, type Role } from '@polar/access';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { ApiKeyAuthenticator } from '../../../common/auth/api-key';
import type { AuthenticatedUser } from '../../../common/auth/authenticated-user';
import { Clock } from '../../../common/context/clock';
import { requestContext } from '../../../common/context/request-context';
import { DomainError } from '../../../common/errors/domain-error';
import { bucketDecision, rateLimitHeaders } from '../rate-limiter';
import { hashApiToken } from './api-tokens.service';

interface TokenRow {
  id: string;
  name: string;
  role: string;
  user_id: string | null;
  created_by: string;
  rate_per_second: number;
  burst: number;
  email: string;
  full_name: string;
  assisted: string[] | null;
  /** The token's bucket before this request took from it (refilled up to now). */
  level: number;
}

/** Paths a token may never call: sign-in and sessions are a person's, and a token must not mint tokens. */
const PERSONAL_PATHS = /^\/api\/(auth|api-tokens)(\/|$|\?)/;

/**
 * Looks a token up and takes one request from its bucket, in one statement. The bucket
 * lives in the token's row (`bucket_tokens` at `bucket_at`), so every API process draws
 * on the same budget: N processes do not give a token N times its rate. The row lock of
 * `FOR UPDATE` orders concurrent calls of one token, each seeing the level the one before
 * left. Refills follow the database's clock (one clock for all processes); expiry follows
 * the application's, like everywhere else. A token that is revoked, expired, of a
 * deactivated person, or bound to a person whose role changed (it no longer says what it
 * may do) matches nothing. Notes the last use on the way, as the call's record used to.
 */
const TAKE_FROM_BUCKET = `
  UPDATE api_tokens t
     SET bucket_tokens = CASE WHEN b.level >= 1 THEN b.level - 1 ELSE b.level END,
         bucket_at = now(), last_used_at = now(), last_used_ip = $3
    FROM (SELECT id,
                 least(burst, coalesce(bucket_tokens, burst)
                   + extract(epoch FROM greatest(interval '0', now() - coalesce(bucket_at, now()))) * rate_per_second)::float8 AS level
            FROM api_tokens
           WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
             FOR UPDATE) b,
         users u
   WHERE t.id = b.id AND u.id = coalesce(t.user_id, t.created_by) AND u.is_active AND (t.user_id IS NULL OR u.role = t.role)
  RETURNING t.id, t.name, t.role, t.user_id, t.created_by, t.rate_per_second, t.burst, b.level,
            u.email, u.full_name,
            (SELECT array_agg(ua.manager_id::text) FROM user_assistants ua WHERE ua.assistant_id = u.id) AS assisted`;

const invalid = () => new DomainError(401, 'unauthorized', 'A valid access token is required');

/**
 * API tokens as actors of the global guard. A token bound to a staff member acts as
 * that person (their id, role and assisted managers: exactly their record scope); an
 * unbound token acts with its role under the id of the admin who created it. Looked up
 * on every request, so a revocation works at once. Every call is written to the audit
 * log under the token's name, and each token has its own rate limit, shared by all API
 * processes.
 */
@Injectable()
export class ApiTokenAuthenticator extends ApiKeyAuthenticator implements OnModuleDestroy {
  private readonly logger = new Logger(ApiTokenAuthenticator.name);
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  async authenticate(req: Request, key: string): Promise<AuthenticatedUser> {
    const now = this.clock.now();
    // TypeORM answers an UPDATE with [rows, count].
    const [[row]]: [TokenRow[], number] = await this.dataSource.query(TAKE_FROM_BUCKET, [hashApiToken(key), now, (req.ip ?? '').slice(0, 64) || null]);
    if (!row || !isRole(row.role)) throw invalid();

    const decision = bucketDecision(Number(row.level), row.rate_per_second, row.burst);
    const res = req.res;
    if (res) for (const [name, value] of Object.entries(rateLimitHeaders(decision))) res.setHeader(name, value);
    const apiToken = { id: row.id, name: row.name };
    res?.once('finish', () => this.track(this.recordCall(apiToken, row.user_id ?? row.created_by, req, res.statusCode)));
    if (!decision.allowed) {
      throw new DomainError(429, 'rate_limited', `Rate limit of this API token exceeded; retry in ${decision.retryAfterSeconds} s`, undefined, {
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    }
    if (PERSONAL_PATHS.test(req.originalUrl)) throw new DomainError(403, 'api_token_not_allowed', 'API tokens may not use sign-in, sessions or token management');

    const role = row.role as Role;
    return {
      id: row.user_id ?? row.created_by,
      email: row.email,
      fullName: row.user_id ? row.full_name : row.name,
      role,
      permissions: permissionsOf(role),
      assistedManagerIds: row.user_id ? (row.assisted ?? []) : [],
      apiToken,
    };
  }

  /** Waits for the call records still being written (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch((e: Error) => this.logger.warn(`An API call's audit entry was not written: ${e.message}`)).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** One audit entry per call (method, path, status); the token's last use was noted with its bucket. */
  private recordCall(token: { id: string; name: string }, actorId: string, req: Request, status: number): Promise<unknown> {
    const path = req.originalUrl.split('?')[0].slice(0, 200);
    const changes = { method: { from: null, to: req.method }, path: { from: null, to: path }, status: { from: null, to: status } };
    return this.dataSource.query(
      `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, changes, request_id, api_token_id, api_token_name)
       VALUES ($2, 'api_call', 'api_token', $1::text, $3, $4, $1::uuid, $5)`,
      [token.id, actorId, JSON.stringify(changes), requestContext.get()?.requestId ?? (req as { id?: string }).id ?? null, token.name],
    );
  }
}
