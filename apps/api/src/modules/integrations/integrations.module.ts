import { Module } from '@nestjs/common';
import { ApiKeyAuthenticator } from '../../common/auth/api-key';
import { AuditModule } from '../audit/audit.module';
import { ClientsModule } from '../clients/clients.module';
import { FunnelModule } from '../funnel/funnel.module';
import { PlanningModule } from '../planning/planning.module';
import { QueueModule } from '../queue';
import { ReferenceModule } from '../reference/reference.module';
import { UsersModule } from '../users/users.module';
import { ApiTokenAuthenticator } from './api-tokens/api-token-authenticator';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { InboundController, PublicLeadsController } from './inbound/inbound.controller';
import { InboundService } from './inbound/inbound.service';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/**
 * Integrations: API tokens (actors of the global guard), webhooks from domain events,
 * idempotency keys on creating POSTs, and inbound channels (website leads, telephony,
 * e-mail) that reach clients, deals and tasks through those modules' exported services.
 * IdempotencyInterceptor is bound to the write routes by configureApp (bindWriteInterceptors).
 */
@Module({
  imports: [AuditModule, QueueModule, UsersModule, ReferenceModule, ClientsModule, FunnelModule, PlanningModule],
  controllers: [ApiTokensController, WebhooksController, PublicLeadsController, InboundController],
  providers: [
    ApiTokensService,
    WebhooksService,
    InboundService,
    ApiTokenAuthenticator,
    { provide: ApiKeyAuthenticator, useExisting: ApiTokenAuthenticator },
    IdempotencyInterceptor,
  ],
  exports: [ApiKeyAuthenticator, ApiTokenAuthenticator, IdempotencyInterceptor],
})
export class IntegrationsModule {}
