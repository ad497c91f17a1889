import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { WAL_FENCE_COOKIE, WAL_FENCE_HEADER } from './read-from-replica';
import { ReadRouting } from './read-routing.service';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * After a successful write, tells the client how far the primary's WAL had come: a
 * cookie (the SPA sends it back by itself) and a header (other clients may echo it).
 * Report requests carrying it read the replica only once it has replayed that far.
 *
 * Why a value carried by the client rather than a table or a per-process map: it costs
 * the primary no extra write per request, it needs no cleanup, and it holds whichever
 * API process the next request reaches. It lives a little longer than the lag bound:
 * once it expires, the bound alone guarantees the replica has the write.
 * Only active when a replica is configured.
 */
@Injectable()
export class WriteFenceInterceptor implements NestInterceptor {
  private readonly logger = new Logger('ReadReplica');

  constructor(private readonly routing: ReadRouting) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.routing.enabled || context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    if (!WRITES.has(req.method)) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          (async () => {
            // A handler that wrote the answer itself has sent its headers already.
            if (res.headersSent) return body;
            try {
              const lsn = await this.routing.primaryLsn();
              const maxAge = this.routing.fenceSeconds;
              res.setHeader(WAL_FENCE_HEADER, lsn);
              res.cookie(WAL_FENCE_COOKIE, lsn, { path: '/api', maxAge: maxAge * 1000, httpOnly: true, sameSite: 'lax', secure: req.secure });
            } catch (error) {
              // The write itself succeeded; without the fence this user's next reports read the primary only by the lag bound.
              this.logger.warn(`could not read the primary's WAL position after a write: ${String(error)}`);
            }
            return body;
          })(),
        ),
      ),
    );
  }
}
