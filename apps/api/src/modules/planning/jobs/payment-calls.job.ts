import { addWorkingDays, isWorkingDay, subtractWorkingDays } from '@polar/calendar';
import type { EntityManager } from 'typeorm';
import type { EventBus } from '../../../common/events';
import type { ClientsDirectory } from '../../clients/clients-directory';
import type { FunnelPort, PaymentCallCandidate } from '../../funnel/funnel-port';
import { refreshCalendarOverrides } from '../../calendar/calendar-overrides';
import type { JobContext, JobDefinition } from '../../jobs/job-definition';
import { moscowTime } from '../task-templates';

export const PAYMENT_CALLS_JOB = 'payment-calls';

/** The company rule: call the client this many working days before the payment is due. */
export const CALL_WORKING_DAYS_BEFORE_DUE = 3;

/** What the job asks of other modules (their exported interfaces) and where it publishes. */
export interface PaymentCallsDeps {
  funnel: FunnelPort;
  clients: ClientsDirectory;
  events: EventBus;
}

/**
 * «Проконтролировать оплату»: every working day, one call task for the client's
 * responsible manager per unpaid invoice whose due date is 3 working days ahead — and,
 * catching up after downtime, for every unpaid invoice due within those 3 working days
 * that has no call yet. It also has the funnel mark unpaid invoices past their due date
 * overdue.
 *
 * The invoices come from the funnel (FunnelPort, pages in invoice-id order), the
 * managers from the client base (ClientsDirectory); planning reads no other module's
 * tables. Each page of `chunkSize` invoices is one step (its own transaction) of a few
 * set-based statements, so a run killed mid-way keeps what it committed and the run
 * that takes over creates only the rest: the partial unique index on tasks(invoice_id)
 * WHERE source = 'payment_call' makes a duplicate impossible whatever happens. The
 * calls of a step reach the clients' timelines as one `tasks.generated` event.
 */
export async function runPaymentCalls(ctx: JobContext, deps: PaymentCallsDeps, chunkSize = Number.MAX_SAFE_INTEGER): Promise<Record<string, number>> {
  // A day an admin changed in the calendar (on any instance) counts in this very run;
  // reading it belongs to the first step, so the calls start at step 2 as before.
  const overdue = await ctx.step(async (em) => {
    await refreshCalendarOverrides(em);
    return deps.funnel.markOverdueInvoices(em, ctx.today);
  });
  if (!isWorkingDay(ctx.today)) return { skipped: 1, tasksCreated: 0, invoicesMarkedOverdue: overdue };

  // Due dates whose call day (3 working days earlier) is today or already past:
  // every due date from today up to the 3rd working day ahead.
  const lastDue = addWorkingDays(ctx.today, CALL_WORKING_DAYS_BEFORE_DUE);
  const dueAt = moscowTime(ctx.today, '18:00');
  const limit = Math.min(chunkSize, 2_147_483_647);
  let tasksCreated = 0;
  let after: string | null = null;
  for (;;) {
    const page: { created: number; read: number; last: string | null } = await ctx.step(async (em) => {
      const candidates = await deps.funnel.unpaidInvoicesDueBetween(em, ctx.today, lastDue, { afterInvoiceId: after, limit });
      const created = await createCalls(em, candidates, dueAt, deps);
      return { created, read: candidates.length, last: candidates.at(-1)?.invoiceId ?? null };
    });
    tasksCreated += page.created;
    after = page.last;
    if (page.read < limit) break;
  }
  return { tasksCreated, invoicesMarkedOverdue: overdue, windowDays: CALL_WORKING_DAYS_BEFORE_DUE };
}

/** One call per candidate that has none yet (one INSERT), published as one event; returns how many. */
async function createCalls(em: EntityManager, candidates: PaymentCallCandidate[], dueAt: Date, deps: PaymentCallsDeps): Promise<number> {
  if (!candidates.length) return 0;
  const managers = await deps.clients.managersOf(em, [...new Set(candidates.map((c) => c.clientId))]);
  const rows = candidates
    .filter((c) => managers.has(c.clientId))
    .map((c) => ({
      subject: `Проконтролировать оплату: счёт ${c.number} до ${c.dueDate.split('-').reverse().join('.')}`,
      description: `Уточнить у клиента намерение оплатить счёт. К оплате: ${c.outstanding} ₽.`,
      client_id: c.clientId,
      invoice_id: c.invoiceId,
      assignee_id: managers.get(c.clientId),
    }));
  if (!rows.length) return 0;
  const created: Array<{ id: string; client_id: string; invoice_id: string; assignee_id: string; subject: string }> = await em.query(
    `INSERT INTO tasks (type, subject, description, client_id, invoice_id, assignee_id, author_id, due_at, priority, status, template_code, source, version)
     SELECT 'call', r.subject, r.description, r.client_id, r.invoice_id, r.assignee_id, NULL, $2, 'high', 'planned', 'control_payment', 'payment_call', 1
       FROM jsonb_to_recordset($1::jsonb) AS r(subject text, description text, client_id uuid, invoice_id uuid, assignee_id uuid)
     ON CONFLICT (invoice_id) WHERE source = 'payment_call' DO NOTHING
     RETURNING id, client_id, invoice_id, assignee_id, subject`,
    [JSON.stringify(rows), dueAt],
  );
  if (created.length) {
    await deps.events.publish(em, {
      type: 'tasks.generated',
      actorId: null,
      payload: {
        source: 'payment_call',
        tasks: created.map((t) => ({
          taskId: t.id,
          clientId: t.client_id,
          type: 'call' as const,
          subject: t.subject,
          dueAt: dueAt.toISOString(),
          assigneeId: t.assignee_id,
          invoiceId: t.invoice_id,
        })),
      },
    });
  }
  return created.length;
}

export function paymentCallsJob(cron: string, chunkSize: number, deps: PaymentCallsDeps): JobDefinition {
  const [minute, hour] = cron.split(/\s+/).map(Number);
  return {
    name: PAYMENT_CALLS_JOB,
    runsOn: 'working_days',
    description: 'Звонки «Проконтролировать оплату» за 3 рабочих дня до срока оплаты счёта; просроченные счета',
    cron,
    dailyAt: { hour: Number.isFinite(hour) ? hour : 9, minute: Number.isFinite(minute) ? minute : 0 },
    run: (ctx) => runPaymentCalls(ctx, deps, chunkSize),
  };
}

/** The call day of a due date (for documentation and tests): 3 working days before. */
export function callDayFor(dueDate: string): string {
  return subtractWorkingDays(dueDate, CALL_WORKING_DAYS_BEFORE_DUE);
}
