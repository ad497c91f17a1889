import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../context/clock';
import { requestContext } from '../context/request-context';
import type { DomainEvent, DomainEventType, NewDomainEvent } from './domain-event';

/**
 * A subscriber: runs inside the publisher's transaction, with its EntityManager. It
 * must write only through `em` (never through its own connection: on the embedded
 * database there is only one, and a write outside the transaction would survive a
 * rollback). Throwing rolls the publisher's whole change back.
 */
export type EventHandler<T extends DomainEventType = DomainEventType> = (em: EntityManager, event: DomainEvent<T>) => Promise<void>;

interface Subscription {
  name: string;
  handler: EventHandler;
}

/**
 * The domain-event bus: synchronous, in-transaction publish/subscribe.
 *
 * A service that changes business state publishes a typed event with the
 * EntityManager of its transaction; every subscriber of that type runs right there, in
 * registration order, then the subscribers of every event (the audit log). An exception
 * in any of them propagates to the publisher, whose transaction rolls back: the change,
 * its history and its consequences exist together or not at all.
 *
 * Subscribers register from their own module (usually in `onModuleInit`) by event
 * type, so the publisher never imports the modules that react to it:
 *
 * ```ts
 * // service.module.ts — the installation job follows the hand-over
 * bus.subscribe('deal.handed_over', (em, e) => installations.createForHandover(em, e.payload), 'service.installation');
 * ```
 *
 * Work that must happen after the commit (e-mails, webhooks, notifications) is a
 * subscriber too: it enqueues an item of the work queue with the same `em`, so the item
 * is committed exactly when the change is, and the queue's worker runs it later:
 *
 * ```ts
 * bus.subscribe('invoice.paid', (em, e) => queue.enqueue(em, 'webhooks', { event: e.type, ...e.payload }), 'webhooks');
 * ```
 *
 * Nothing here is asynchronous or fire-and-forget: there is no event that can be lost
 * after the change committed.
 */
@Injectable()
export class EventBus {
  private readonly byType = new Map<DomainEventType, Subscription[]>();
  private readonly everything: Subscription[] = [];

  constructor(private readonly clock: Clock) {}

  /**
   * Runs `handler` for every published event of the given type(s).
   * @param name who subscribes (shown in errors), e.g. 'clients.timeline'.
   * @returns a function that removes the subscription (tests).
   */
  subscribe<T extends DomainEventType>(types: T | readonly T[], handler: EventHandler<T>, name: string): () => void {
    const list = (Array.isArray(types) ? types : [types]) as readonly T[];
    const subscription: Subscription = { name, handler: handler as EventHandler };
    for (const type of list) {
      const subscribers = this.byType.get(type) ?? [];
      subscribers.push(subscription);
      this.byType.set(type, subscribers);
    }
    return () => {
      for (const type of list) {
        const subscribers = this.byType.get(type) ?? [];
        this.byType.set(
          type,
          subscribers.filter((s) => s !== subscription),
        );
      }
    };
  }

  /** Runs `handler` for every event of every type, after the typed subscribers (the audit log). */
  subscribeAll(handler: EventHandler, name: string): () => void {
    const subscription: Subscription = { name, handler };
    this.everything.push(subscription);
    return () => {
      const at = this.everything.indexOf(subscription);
      if (at >= 0) this.everything.splice(at, 1);
    };
  }

  /**
   * Publishes an event inside the caller's transaction: resolves when every subscriber
   * has run, rejects (and the caller's transaction must roll back) when one failed.
   * @param em the EntityManager of the transaction that made the change.
   */
  async publish<T extends DomainEventType>(em: EntityManager, event: NewDomainEvent<T>): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) {
      // Without a transaction a failing subscriber could not undo the change.
      throw new Error(`Domain event ${event.type} published outside a transaction`);
    }
    const resolved = {
      type: event.type,
      payload: event.payload,
      audit: event.audit === undefined ? [] : Array.isArray(event.audit) ? event.audit : [event.audit],
      actorId: event.actorId !== undefined ? event.actorId : (requestContext.get()?.userId ?? null),
      occurredAt: this.clock.now(),
    } as DomainEvent;
    for (const subscription of [...(this.byType.get(event.type) ?? []), ...this.everything]) {
      await subscription.handler(em, resolved);
    }
  }

  /** Names of the subscribers of a type, in the order they run (diagnostics, tests). */
  subscribersOf(type: DomainEventType): string[] {
    return [...(this.byType.get(type) ?? []), ...this.everything].map((s) => s.name);
  }
}
