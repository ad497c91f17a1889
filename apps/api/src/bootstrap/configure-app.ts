import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { requestContext } from '../common/context/request-context';
import { DomainError } from '../common/errors/domain-error';
import { validationExceptionFactory } from '../common/errors/validation';
import type { AppConfig } from '../config/app-config';
import { buildOpenApiDocument, mountSwagger } from './openapi';

export const API_PREFIX = 'api';

/**
 * Everything the HTTP application needs besides its modules. Shared by the server,
 * the OpenAPI writer and the e2e tests, so that all three see the same API.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: config.bodyLimitBytes });
  express.useBodyParser('urlencoded', { limit: config.bodyLimitBytes, extended: false });
  // Name body-parser failures ourselves; Nest would turn a JSON syntax error into a bare 400.
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const type = (err as { type?: string } | null)?.type;
    if (type === 'entity.parse.failed') return next(new DomainError(400, 'malformed_json', 'Request body is not valid JSON'));
    if (type === 'entity.too.large') return next(new DomainError(413, 'payload_too_large', 'Request body is larger than allowed'));
    next(err);
  });
  app.use(
    helmet({
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
    }),
  );
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
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  mountSwagger(app, buildOpenApiDocument(app));
}
