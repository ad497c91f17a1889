import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { HelmetOptions } from 'helmet';
import { Logger } from 'nestjs-pino';
import { requestContext } from '../common/context/request-context';
import { answerBodyErrors } from '../common/http/body-errors';
import { ContentTypeGuard } from '../common/http/content-type.guard';
import { securityHeaders } from '../common/http/security-headers';
import { bindWriteInterceptors } from '../common/http/write-interceptors';
import { ApiValidationPipe } from '../common/validation/api-validation.pipe';
import type { AppConfig } from '../config/app-config';
import { WriteFenceInterceptor } from '../common/replica';
import { IdempotencyInterceptor } from '../modules/integrations/idempotency/idempotency.interceptor';
import { buildOpenApiDocument, mountSwagger } from './openapi';

export const API_PREFIX = 'api';

/** Helmet's options: its headers are on every answer (securityHeaders computes them once). */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      // Swagger UI and the SPA load only from this origin; inline styles are needed by both.
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'upgrade-insecure-requests': null,
    },
  },
} satisfies HelmetOptions;

/**
 * Everything the HTTP application needs besides its modules. Shared by the server,
 * the OpenAPI writer and the e2e tests, so that all three see the same API.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  // No ETag on API answers: Express hashed every body (SHA-1) for a weak ETag, and nothing
  // relies on one (neither the SPA nor a test sends If-None-Match or expects 304). Without a
  // validator a browser just fetches again instead of revalidating its cached copy: the
  // answers are small and private. Static files (serve-static, Swagger UI) keep theirs.
  express.set('etag', false);
  // JSON is the only body the API reads (plus multipart where an upload declares it);
  // anything else is refused with 415 by ContentTypeGuard.
  express.useBodyParser('json', { limit: config.bodyLimitBytes });
  // Body-parser failures (malformed JSON, too large, unsupported charset) answer here, with the one error body.
  app.use(answerBodyErrors);
  app.use(securityHeaders(HELMET_OPTIONS));
  // After the body parsers: their stream callbacks would otherwise lose the context.
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    requestContext.run({ requestId: req.id, ip: req.ip }, next);
  });
  app.enableCors({
    origin: config.corsOrigins,
    credentials: false,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
  });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new ApiValidationPipe());
  // After the access guard (registered by AppModule, so first): 401/403 come before 415.
  app.useGlobalGuards(new ContentTypeGuard(app.get(Reflector)));
  // Outermost first, as they were as global interceptors: the fence is set after a replay too.
  bindWriteInterceptors(app, [app.get(WriteFenceInterceptor, { strict: false }), app.get(IdempotencyInterceptor, { strict: false })]);
  mountSwagger(app, buildOpenApiDocument(app));
}
