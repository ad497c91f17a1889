import type { DomainEvent, DomainEventType } from '../../../common/events/domain-event';

/**
 * The events a webhook can subscribe to: public name → the domain event behind it. The
 * public names are a contract with integrators, so a renamed domain event keeps its
 * public name here.
 */
export const WEBHOOK_EVENTS = {
  'client.created': 'client.created',
  'client.updated': 'client.updated',
  'client.archived': 'client.archived',
  'deal.created': 'deal.created',
  'deal.stage_changed': 'deal.moved',
  'deal.won': 'deal.won',
  'deal.lost': 'deal.lost',
  'contract.signed': 'contract.signed',
  'invoice.issued': 'invoice.issued',
  'invoice.paid': 'invoice.paid',
  'payment.received': 'payment.received',
  'task.created': 'task.created',
  'task.done': 'task.done',
  'complaint.created': 'complaint.created',
} as const satisfies Record<string, DomainEventType>;

export type WebhookEventName = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENTS) as WebhookEventName[];

/** The resource an event is about (its sequence numbers order a receiver's updates). */
export function resourceOf(event: DomainEvent): { type: string; id: string } {
  const p = event.payload as unknown as Record<string, unknown>;
  const area = event.type.split('.')[0];
  // A payment belongs to its invoice: the invoice's sequence orders issued → paid.
  const type = area === 'payment' ? 'invoice' : area;
  const id = p[`${type}Id`];
  return { type, id: typeof id === 'string' ? id : '' };
}
