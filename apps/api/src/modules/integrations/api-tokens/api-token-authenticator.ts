import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isRole, permissionsOf, type Role } from '@polar/access';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { ApiKeyAuthenticator } from '../../../common/auth/api-key';
import type { AuthenticatedUser } from '../../../common/auth/authenticated-user';
import { Clock } from '../../../common/context/clock';
import { requestContext } from '../../../common/context/request-context';
import { DomainError } from '../../../common/errors/domain-error';
import { RateLimiter, rateLimitHeaders } from '../rate-limiter';
import { hashApiToken } from './api-tokens.service';

interface TokenRow {
  id: string;
  name: string;
  role: string;
  user_id: string | null;
  created_by: string;
  rate_per_second: number;
  burst: number;
  expires_at: Date | null;
  revoked_at: Date | null;
  email: string;
  full_name: string;
  user_role: string;
  is_active: boolean;
  assisted: string[] | null;
}

/** Paths a token may never call: sign-in and sessions are a person's, and a token must not mint tokens. */
const PERSONAL_PATHS = /^\/api\/(auth|api-tokens)(\/|$|\?)/;

const invalid = () => new DomainError(401, 'unauthorized', 'A valid access token is required');

/**
 * API tokens as actors of the global guard. A token bound to a staff member acts as
 * that person (their id, role and assisted managers: exactly their record scope); an
 * unbound token acts with its role under the id of the admin who created it. Looked up
 * on every request, so a revocation works at once. Every call is written to the audit
 * log under the token's name, and each token has its own rate limit.
 */
@Injectable()
export class ApiTokenAuthenticator extends ApiKeyAuthenticator implements OnModuleDestroy {
  private readonly limiter = new RateLimiter();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  async authenticate(req: Request, key: string): Promise<AuthenticatedUser> {
    const rows: TokenRow[] = await this.dataSource.query(
      `SELECT t.id, t.name, t.role, t.user_id, t.created_by, t.rate_per_second, t.burst, t.expires_at, t.revoked_at,
              u.email, u.full_name, u.role AS user_role, u.is_active,
              (SELECT array_agg(ua.manager_id::text) FROM user_assistants ua WHERE ua.assistant_id = u.id) AS assisted
         FROM api_tokens t
         JOIN users u ON u.id = coalesce(t.user_id, t.created_by)
        WHERE t.token_hash = $1`,
      [hashApiToken(key)],
    );
    const row = rows[0];
    const now = this.clock.now();
    if (!row || row.revoked_at || (row.expires_at && new Date(row.expires_at) <= now) || !row.is_active || !isRole(row.role)) throw invalid();
    // A bound token is that person: when their role changed, the token no longer says what it may do.
    if (row.user_id && row.user_role !== row.role) throw invalid();

    const res = req.res;
    const decision = this.limiter.take(row.id, row.rate_per_second, row.burst);
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
    const tracked = p.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** One audit entry per call (method, path, status) and the token's last use, in one statement. */
  private recordCall(token: { id: string; name: string }, actorId: string, req: Request, status: number): Promise<unknown> {
    const path = req.originalUrl.split('?')[0].slice(0, 200);
    const changes = { method: { from: null, to: req.method }, path: { from: null, to: path }, status: { from: null, to: status } };
    return this.dataSource.query(
      `WITH used AS (UPDATE api_tokens SET last_used_at = now(), last_used_ip = $5 WHERE id = $1)
       INSERT INTO audit_log (actor_id, action, entity_type, entity_id, changes, request_id, api_token_id, api_token_name)
       VALUES ($2, 'api_call', 'api_token', $1, $3, $4, $1, $6)`,
      [token.id, actorId, JSON.stringify(changes), requestContext.get()?.requestId ?? (req as { id?: string }).id ?? null, (req.ip ?? '').slice(0, 64) || null, token.name],
    );
  }
}
