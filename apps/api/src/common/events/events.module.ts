import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';

/** Global: every module publishes to and subscribes on the one EventBus. See ADR 0004. */
@Global()
@Module({ providers: [EventBus], exports: [EventBus] })
export class EventsModule {}
