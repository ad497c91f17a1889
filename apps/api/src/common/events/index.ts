export type { DomainEvent, DomainEventMap, DomainEventType, NewDomainEvent, RecordChange } from './domain-event';
export type { Changes } from './catalogue/client-events';
export type { TaskType } from './catalogue/planning-events';
export { EventBus, type EventHandler } from './event-bus';
export { EventsModule } from './events.module';
