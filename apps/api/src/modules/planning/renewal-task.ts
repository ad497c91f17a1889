import { addWorkingDays, moscowDay, moscowInstant } from '@polar/business-time';
import type { EntityManager } from 'typeorm';
import type { DomainEvent, EventBus } from '../../common/events';
import type { ClientsDirectory } from '../clients/clients-directory';

/** Working days the manager gets for the renewal call, never past the contract's end. */
const RENEWAL_CALL_WORKING_DAYS = 3;

/**
 * The renewal call for a service contract that ends soon, for the client's responsible
 * manager (the service module marks the contract, so this runs once per contract).
 */
export async function renewalTask(
  em: EntityManager,
  event: DomainEvent<'service_contract.renewal_due'>,
  deps: { clients: ClientsDirectory; events: EventBus },
): Promise<void> {
  const p = event.payload;
  const managerId = (await deps.clients.managersOf(em, [p.clientId])).get(p.clientId);
  if (!managerId) return;
  const today = moscowDay(event.occurredAt);
  const callBy = [addWorkingDays(today, RENEWAL_CALL_WORKING_DAYS), p.endsOn].sort()[0];
  const dueAt = moscowInstant(callBy < today ? today : callBy, '18:00');
  const subject = `Продлить договор обслуживания № ${p.number} (действует до ${p.endsOn.split('-').reverse().join('.')})`;
  const [task]: Array<{ id: string }> = await em.query(
    `INSERT INTO tasks (type, subject, description, client_id, assignee_id, author_id, due_at, priority, status, source, version)
     VALUES ('call', $1, $2, $3, $4, NULL, $5, 'high', 'planned', 'service_renewal', 1)
     RETURNING id`,
    [subject, 'Договор обслуживания скоро закончится: согласовать с клиентом продление.', p.clientId, managerId, dueAt],
  );
  await deps.events.publish(em, {
    type: 'task.created',
    actorId: null,
    payload: { taskId: task.id, clientId: p.clientId, type: 'call', subject, dueAt: dueAt.toISOString(), assigneeId: managerId, source: 'service_renewal' },
  });
}
