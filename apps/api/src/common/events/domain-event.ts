import type { ClientEvents } from './catalogue/client-events';
import type { FunnelEvents } from './catalogue/funnel-events';
import type { IntegrationEvents } from './catalogue/integration-events';
import type { PlanningEvents } from './catalogue/planning-events';
import type { QualityEvents } from './catalogue/quality-events';
import type { ServiceEvents } from './catalogue/service-events';

/**
 * Every domain event type and its payload. The catalogue lives here, as plain types
 * that import nothing from the modules, so a subscriber in a lower module (the
 * timeline in `clients`) can react to an event of a higher one (`funnel`) without
 * importing it: module dependencies keep running one way.
 *
 * To add an event: add `'area.happened': Payload` to the area's catalogue file,
 * publish it from the owning service, subscribe where it matters.
 */
export interface DomainEventMap extends ClientEvents, FunnelEvents, PlanningEvents, ServiceEvents, QualityEvents, IntegrationEvents {}

export type DomainEventType = keyof DomainEventMap;

/**
 * old → new of one record, written to the audit log by its subscriber. A service that
 * publishes an event describes the record change here instead of calling the audit log
 * itself: one call, one mechanism.
 */
export interface RecordChange {
  /** create, update, move, sign, payment, archive… */
  action: string;
  entityType: string;
  entityId: string;
  /** The record before the change (null or absent on create). */
  before?: object | null;
  /** The record after the change (null or absent on delete). */
  after?: object | null;
}

/**
 * What a service publishes: a discriminated union on `type`, so `payload` is typed
 * by the event type (`{ type: 'deal.moved', payload: … }`).
 */
export type NewDomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: {
    type: K;
    payload: DomainEventMap[K];
    /** Record changes for the audit log (one or many: bulk events list every record). */
    audit?: RecordChange | RecordChange[];
    /** Who did it; defaults to the request's user, null for system work (jobs, seeds). */
    actorId?: string | null;
  };
}[T];

/** What a subscriber receives: the published event with its actor and time resolved. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: {
    type: K;
    payload: DomainEventMap[K];
    audit: RecordChange[];
    actorId: string | null;
    occurredAt: Date;
  };
}[T];
