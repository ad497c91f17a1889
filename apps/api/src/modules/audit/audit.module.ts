import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../common/events/event-bus';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/**
 * Global: history of every change. Business changes reach it as domain events (each
 * event carries its record changes, old → new); configuration records that no other
 * module reacts to (users, departments, reference lists, stages, products, plans,
 * segments) call AuditService directly. See ADR 0004.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.bus.subscribeAll(async (em, event) => {
      if (!event.audit.length) return;
      await this.audit.recordMany(
        em,
        event.audit.map((change) => ({ ...change, actorId: event.actorId })),
      );
    }, 'audit.log');
  }
}
