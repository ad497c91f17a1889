import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SWAGGER_METADATA } from '../validation/swagger-metadata';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DomainError } from '../errors/domain-error';

const JSON_ONLY = ['application/json'];

/**
 * A request body must be one the operation declares (`@ApiConsumes`, JSON by default).
 * Without this, a `text/plain` or form body is not parsed, the handler sees an empty body,
 * and an operation whose fields are all optional quietly does its work anyway.
 */
@Injectable()
export class ContentTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    if (hasBody(req)) {
      const declared = this.reflector.getAllAndOverride<string[] | undefined>(SWAGGER_METADATA.consumes, [context.getHandler(), context.getClass()]) ?? JSON_ONLY;
      const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!declared.includes(mediaType)) {
        throw new DomainError(415, 'unsupported_media_type', `Content-Type must be ${declared.join(' or ')}${mediaType ? ` (got ${mediaType})` : ''}`, [
          { field: 'Content-Type', message: `Content-Type must be ${declared.join(' or ')}` },
        ]);
      }
    }
    return next.handle();
  }
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}
