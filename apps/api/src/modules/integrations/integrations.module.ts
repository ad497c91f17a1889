import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ApiKeyAuthenticator } from '../../common/auth/api-key';
import { AuditModule } from '../audit/audit.module';
import { QueueModule } from '../queue';
import { ApiTokenAuthenticator } from './api-tokens/api-token-authenticator';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/**
 * Integrations: API tokens (actors of the global guard), webhooks from domain events,
 * idempotency keys on creating POSTs, and inbound channels.
 */
@Module({
  imports: [AuditModule, QueueModule],
  controllers: [ApiTokensController, WebhooksController],
  providers: [
    ApiTokensService,
    WebhooksService,
    ApiTokenAuthenticator,
    { provide: ApiKeyAuthenticator, useExisting: ApiTokenAuthenticator },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [ApiKeyAuthenticator, ApiTokenAuthenticator],
})
export class IntegrationsModule {}
