import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../../common/auth/authenticated-user';
import { DomainError, ValidationFailedError } from '../../../common/errors/domain-error';

/** How long the first answer is kept and replayed. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** A first request that has not finished after this long is taken as lost (its process died). */
const STALE_PENDING_SECONDS = 120;
const WAIT_FOR_FIRST_MS = 30_000;

interface StoredRow {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
}

/**
 * `Idempotency-Key` on POST: the first answer (2xx) is stored per caller and key for 24 h
 * and replayed to a repeat with the same method, path and body; another request under
 * the same key is 422. Concurrent repeats wait for the first one and get its answer, so
 * twenty parallel retries create one record. The key row is claimed with one INSERT
 * (primary key caller + key), before the handler runs and outside its transaction.
 * A failed first request frees the key (the client may retry it).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const raw = req.headers['idempotency-key'];
    if (req.method !== 'POST' || raw === undefined) return next.handle();
    // The status Nest will send: set on the response only after the interceptors ran.
    const status: number = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.run(req, context.switchToHttp().getResponse<Response>(), String(raw), status, next));
  }

  private async run(req: Request & { user?: AuthenticatedUser }, res: Response, key: string, status: number, next: CallHandler): Promise<unknown> {
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new ValidationFailedError([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1–200 visible ASCII characters' }]);
    }
    const user = req.user;
    const caller = user?.apiToken ? `token:${user.apiToken.id}` : user ? `user:${user.id}` : `ip:${req.ip ?? 'unknown'}`;
    const hash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');

    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      // Claims the key, or takes over an expired or abandoned one.
      const claimed: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys (caller, key, request_hash, expires_at)
         VALUES ($1, $2, $3, now() + interval '${IDEMPOTENCY_TTL_HOURS} hours')
         ON CONFLICT (caller, key) DO UPDATE
            SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
          WHERE idempotency_keys.expires_at < now()
             OR (idempotency_keys.response_status IS NULL AND idempotency_keys.created_at < now() - interval '${STALE_PENDING_SECONDS} seconds')
         RETURNING caller`,
        [caller, key, hash],
      );
      if (claimed.length) return this.first(caller, key, status, next);

      const [row]: StoredRow[] = await this.dataSource.query(
        `SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE caller = $1 AND key = $2`,
        [caller, key],
      );
      if (!row) continue; // freed by a failed first request meanwhile: claim again
      if (row.request_hash !== hash) {
        throw new DomainError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another request (different body or path)');
      }
      if (row.response_status !== null) {
        res.status(row.response_status);
        res.setHeader('Idempotent-Replayed', 'true');
        return row.response_body;
      }
      if (Date.now() > deadline) throw new DomainError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still running; retry later');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async first(caller: string, key: string, status: number, next: CallHandler): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND response_status IS NULL`, [caller, key]);
      throw error;
    }
    await this.dataSource.query(`UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE caller = $1 AND key = $2`, [
      caller,
      key,
      status,
      JSON.stringify(body ?? null),
    ]);
    return body;
  }
}


