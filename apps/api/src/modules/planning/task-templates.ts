import type { TaskType } from './entities/task.entity';

/** Reminder templates (SPEC.md §3): a task in one step. */
export const TASK_TEMPLATES: ReadonlyArray<{ code: string; name: string; type: TaskType; dueInDays: number }> = [
  { code: 'call_back', name: 'Перезвонить', type: 'call', dueInDays: 1 },
  { code: 'send_proposal', name: 'Отправить КП', type: 'email', dueInDays: 1 },
  { code: 'offer_discount', name: 'Предложить скидку', type: 'call', dueInDays: 2 },
  { code: 'control_payment', name: 'Проконтролировать оплату', type: 'call', dueInDays: 0 },
  { code: 'send_documents', name: 'Отправить документы', type: 'email', dueInDays: 1 },
];

/** A Moscow wall-clock time as an instant: @polar/business-time's moscowInstant. */
export { moscowInstant as moscowTime } from '@polar/business-time';
