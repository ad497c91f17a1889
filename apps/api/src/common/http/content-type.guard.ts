import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error';
import { SWAGGER_METADATA } from '../validation/swagger-metadata';

const JSON_ONLY = ['application/json'];

/**
 * A request body must be one the operation declares (`@ApiConsumes`, JSON by default).
 * Without this, a `text/plain` or form body is not parsed, the handler sees an empty body,
 * and an operation whose fields are all optional quietly does its work anyway.
 *
 * A guard rather than an interceptor: it only looks at the request before the handler, and
 * a route with no interceptor at all skips Nest's per-request rxjs chain (see
 * bindWriteInterceptors). Registered after the access guard, so 401/403 still come first.
 */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
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
    return true;
  }
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}
