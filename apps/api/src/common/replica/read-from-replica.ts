import { applyDecorators, type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, from, type Observable, switchMap, throwError } from 'rxjs';
import { parseLsn } from './lsn';
import { ReadRouting } from './read-routing.service';

/** Cookie and header that carry the reader's last write position (see WriteFenceInterceptor). */
export const WAL_FENCE_COOKIE = 'polar_wal_lsn';
export const WAL_FENCE_HEADER = 'X-Polar-Wal-Lsn';
/** Tells which side answered a replica-routed request: `replica` or `primary`. */
export const READ_FROM_HEADER = 'X-Polar-Read-From';

/** The highest WAL position the request carries (cookie from the SPA, header from other clients). */
export function fenceOf(req: Request): bigint | null {
  const candidates: Array<string | undefined> = [];
  const header = req.headers[WAL_FENCE_HEADER.toLowerCase()];
  candidates.push(Array.isArray(header) ? header[0] : header);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === WAL_FENCE_COOKIE) candidates.push(decodeURIComponent(part.slice(eq + 1).trim()));
  }
  let max: bigint | null = null;
  for (const c of candidates) {
    const lsn = parseLsn(c);
    if (lsn !== null && (max === null || lsn > max)) max = lsn;
  }
  return max;
}

/**
 * Routes the reads of one report request: to the replica when ReadRouting allows it,
 * otherwise to the primary. A failure on the replica (it went away mid-request, a query
 * cancelled by recovery) is answered again from the primary, not as an error.
 */
@Injectable()
export class ReadFromReplicaInterceptor implements NestInterceptor {
  constructor(private readonly routing: ReadRouting) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.routing.enabled || context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    return from(this.routing.route(fenceOf(req))).pipe(
      switchMap((route) => {
        const onPrimary = () => {
          if (!res.headersSent) res.setHeader(READ_FROM_HEADER, 'primary');
          return this.routing.runOn('primary', () => next.handle());
        };
        if (route.target === 'primary') return onPrimary();
        return this.routing.runOn('replica', () => {
          if (this.routing.currentTarget() !== 'replica') return onPrimary();
          res.setHeader(READ_FROM_HEADER, 'replica');
          return next.handle();
        }).pipe(
          catchError((error: unknown) => {
            // Validation, scope and other answers are the same on either side.
            if (error instanceof HttpException || res.headersSent) return throwError(() => error);
            this.routing.replicaFailed(error);
            return onPrimary();
          }),
        );
      }),
    );
  }
}

/**
 * The handler's reads (through ReadRouting.manager()) may go to the streaming replica.
 * For read-only report and export endpoints only: a write there would fail on the standby.
 */
export function ReadsFromReplica(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseInterceptors(ReadFromReplicaInterceptor));
}
