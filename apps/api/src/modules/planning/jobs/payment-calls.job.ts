import { addWorkingDays, isWorkingDay, subtractWorkingDays } from '@polar/calendar';
import type { EntityManager } from 'typeorm';
import type { JobContext, JobDefinition } from '../../jobs/jobs.service';
import { moscowTime } from '../task-templates';

export const PAYMENT_CALLS_JOB = 'payment-calls';

/** The company rule: call the client this many working days before the payment is due. */
export const CALL_WORKING_DAYS_BEFORE_DUE = 3;

/**
 * «Проконтролировать оплату»: every working day, one call task for the client's
 * responsible manager per unpaid invoice whose due date is 3 working days ahead — and,
 * catching up after downtime, for every unpaid invoice due within those 3 working days
 * that has no call yet. It also marks unpaid invoices past their due date overdue.
 *
 * The calls are created in steps of `chunkSize` invoices, each its own transaction, so
 * a run killed mid-way keeps what it committed and the run that takes over creates only
 * the rest. The partial unique index on tasks(invoice_id) WHERE source = 'payment_call'
 * makes a duplicate impossible whatever happens; each step is one set-based statement.
 */
export async function runPaymentCalls(ctx: JobContext, chunkSize = Number.MAX_SAFE_INTEGER): Promise<Record<string, number>> {
  const overdue = await ctx.step(async (em) => {
    const [, count]: [unknown[], number] = await em.query(
      `UPDATE invoices SET status = 'overdue', version = version + 1, updated_at = now()
        WHERE status IN ('issued', 'partly_paid') AND due_date < $1`,
      [ctx.today],
    );
    return count;
  });
  if (!isWorkingDay(ctx.today)) return { skipped: 1, tasksCreated: 0, invoicesMarkedOverdue: overdue };

  // Due dates whose call day (3 working days earlier) is today or already past:
  // every due date from today up to the 3rd working day ahead.
  const lastDue = addWorkingDays(ctx.today, CALL_WORKING_DAYS_BEFORE_DUE);
  const dueAt = moscowTime(ctx.today, '18:00');
  const limit = Math.min(chunkSize, 2_147_483_647);
  let tasksCreated = 0;
  for (;;) {
    const created = await ctx.step((em) => createCalls(em, ctx.today, lastDue, dueAt, limit));
    tasksCreated += created;
    if (created < limit) break;
  }
  return { tasksCreated, invoicesMarkedOverdue: overdue, windowDays: CALL_WORKING_DAYS_BEFORE_DUE };
}

/** The next `limit` invoices in the window without a call get one; returns how many. */
async function createCalls(em: EntityManager, today: string, lastDue: string, dueAt: Date, limit: number): Promise<number> {
  const created: Array<{ id: string }> = await em.query(
    `WITH candidates AS (
        SELECT i.id AS invoice_id, i.number, i.due_date, i.amount - i.paid_amount AS outstanding, c.id AS client_id, c.manager_id
          FROM invoices i JOIN clients c ON c.id = i.client_id
         WHERE i.status IN ('issued', 'partly_paid') AND i.paid_amount < i.amount
           AND i.due_date >= $1::date AND i.due_date <= $2::date
           AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.invoice_id = i.id AND t.source = 'payment_call')
         ORDER BY i.id
         LIMIT $4
     ), inserted AS (
        INSERT INTO tasks (type, subject, description, client_id, invoice_id, assignee_id, author_id, due_at, priority, status, template_code, source, version)
        SELECT 'call',
               'Проконтролировать оплату: счёт ' || number || ' до ' || to_char(due_date, 'DD.MM.YYYY'),
               'Уточнить у клиента намерение оплатить счёт. К оплате: ' || outstanding::text || ' ₽.',
               client_id, invoice_id, manager_id, NULL, $3, 'high', 'planned', 'control_payment', 'payment_call', 1
          FROM candidates
        ON CONFLICT (invoice_id) WHERE source = 'payment_call' DO NOTHING
        RETURNING id, client_id, subject
     ), events AS (
        INSERT INTO timeline_events (client_id, kind, title, payload, subject_type, subject_id, occurred_at)
        SELECT client_id, 'task_planned', 'Звонок запланирован: ' || subject, jsonb_build_object('taskId', id, 'source', 'payment_call'), 'task', id::text, now()
          FROM inserted
        RETURNING 1
     )
     SELECT id FROM inserted`,
    [today, lastDue, dueAt, limit],
  );
  return created.length;
}

export function paymentCallsJob(cron: string, chunkSize: number): JobDefinition {
  const [minute, hour] = cron.split(/\s+/).map(Number);
  return {
    name: PAYMENT_CALLS_JOB,
    description: 'Звонки «Проконтролировать оплату» за 3 рабочих дня до срока оплаты счёта; просроченные счета',
    cron,
    dailyAt: { hour: Number.isFinite(hour) ? hour : 9, minute: Number.isFinite(minute) ? minute : 0 },
    run: (ctx) => runPaymentCalls(ctx, chunkSize),
  };
}

/** The call day of a due date (for documentation and tests): 3 working days before. */
export function callDayFor(dueDate: string): string {
  return subtractWorkingDays(dueDate, CALL_WORKING_DAYS_BEFORE_DUE);
}
