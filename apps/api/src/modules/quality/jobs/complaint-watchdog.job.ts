import { formatRuDate, isWorkingTime, moscowDay } from '@polar/business-time';
import type { EntityManager } from 'typeorm';
import type { EventBus } from '../../../common/events';
import { refreshCalendarOverrides } from '../../calendar/calendar-overrides';
import type { JobContext, JobDefinition } from '../../jobs/job-definition';
import type { PlanningPort } from '../../planning/planning-port';
import { defineQueue } from '../../queue/queue.types';
import type { WorkQueue } from '../../queue/work-queue.service';

export const COMPLAINT_WATCHDOG_JOB = 'complaint-watchdog';

/** One breached item to escalate; `at` is the run's moment (the escalation's time). */
export const ESCALATION_QUEUE = defineQueue<{ itemKind: 'complaint' | 'request'; itemId: string; at: string }>('quality.escalate');

export interface WatchdogDeps {
  queue: WorkQueue;
  planning: PlanningPort;
  events: EventBus;
}

/**
 * The deadline watchdog: finds open complaints and open department requests past their
 * deadline that were never escalated, and queues one escalation per item (the queue key
 * and `escalated_at` make it once per item, whatever the number of runs or instances).
 * Escalations go out in working hours only: a run at night or on a day off does nothing,
 * and the next working-hours run picks the items up.
 */
export async function runComplaintWatchdog(ctx: JobContext, deps: WatchdogDeps): Promise<Record<string, number>> {
  return ctx.step(async (em): Promise<Record<string, number>> => {
    await refreshCalendarOverrides(em);
    if (!isWorkingTime(ctx.now)) return { skipped: 1, queued: 0 };
    const items: Array<{ kind: 'complaint' | 'request'; id: string }> = await em.query(
      `SELECT 'complaint' AS kind, id FROM complaints
        WHERE status IN ('new', 'in_progress', 'answered') AND deadline_at < $1 AND escalated_at IS NULL
       UNION ALL
       SELECT 'request', r.id FROM complaint_requests r JOIN complaints k ON k.id = r.complaint_id
        WHERE r.status = 'open' AND r.deadline_at < $1 AND r.escalated_at IS NULL AND k.status IN ('new', 'in_progress', 'answered')
       ORDER BY 1, 2`,
      [ctx.now],
    );
    for (const item of items) {
      await deps.queue.enqueue(em, ESCALATION_QUEUE, { itemKind: item.kind, itemId: item.id, at: ctx.now.toISOString() }, { key: `${item.kind}:${item.id}` });
    }
    return { queued: items.length, complaints: items.filter((i) => i.kind === 'complaint').length, requests: items.filter((i) => i.kind === 'request').length };
  });
}

type Reason = 'officer' | 'head' | 'director';

/**
 * Escalates one item in the queue worker's transaction: marks it breached and
 * escalated, and gives each recipient a task in «Мои дела» and a notice — the quality
 * officer, the head of the person who missed the deadline (the addressee of a request;
 * the sales head for sales staff, the director for the others) and, for a complaint, the
 * director. The unique (item, recipient) key makes a repeated delivery a no-op.
 */
export async function escalate(em: EntityManager, payload: { itemKind: 'complaint' | 'request'; itemId: string; at: string }, deps: WatchdogDeps): Promise<{ escalated: number }> {
  const at = new Date(payload.at);
  const table = payload.itemKind === 'complaint' ? 'complaints' : 'complaint_requests';
  const [item]: Array<{ id: string; escalated_at: Date | null; complaint_id: string; addressee_id: string | null; deadline_at: Date }> = await em.query(
    payload.itemKind === 'complaint'
      ? `SELECT id, escalated_at, id AS complaint_id, NULL::uuid AS addressee_id, deadline_at FROM complaints WHERE id = $1 FOR UPDATE`
      : `SELECT id, escalated_at, complaint_id, addressee_id, deadline_at FROM complaint_requests WHERE id = $1 FOR UPDATE`,
    [payload.itemId],
  );
  if (!item || item.escalated_at) return { escalated: 0 };
  const [k]: Array<{ id: string; number: number; client_id: string; officer_id: string | null; status: string }> = await em.query(
    `SELECT id, number, client_id, officer_id, status FROM complaints WHERE id = $1`,
    [item.complaint_id],
  );
  await em.query(`UPDATE ${table} SET breached_at = coalesce(breached_at, $2), escalated_at = $2, version = version + 1 WHERE id = $1`, [item.id, at]);
  if (!['new', 'in_progress', 'answered'].includes(k.status)) return { escalated: 0 };

  const recipients = new Map<string, Reason>();
  const officer = k.officer_id ?? (await firstOfRole(em, 'quality'));
  if (officer) recipients.set(officer, 'officer');
  if (payload.itemKind === 'request' && item.addressee_id) {
    const head = await headOf(em, item.addressee_id);
    if (head && !recipients.has(head)) recipients.set(head, 'head');
  } else {
    // The officer's own head is the director in the demo company: told once, as the director.
    const director = await firstOfRole(em, 'director');
    if (director && !recipients.has(director)) recipients.set(director, 'director');
    const head = officer ? await headOf(em, officer) : null;
    if (head && !recipients.has(head)) recipients.set(head, 'head');
  }
  const inserted: Array<{ id: string; recipient_id: string; reason: Reason }> = await em.query(
    `INSERT INTO quality_escalations (item_kind, item_id, complaint_id, recipient_id, reason, created_at)
     SELECT $1, $2, $3, r.recipient_id, r.reason, $4 FROM jsonb_to_recordset($5::jsonb) AS r(recipient_id uuid, reason text)
     ON CONFLICT (item_kind, item_id, recipient_id) DO NOTHING
     RETURNING id, recipient_id, reason`,
    [payload.itemKind, item.id, k.id, at, JSON.stringify([...recipients].map(([recipient_id, reason]) => ({ recipient_id, reason })))],
  );
  if (!inserted.length) return { escalated: 0 };
  const what = payload.itemKind === 'complaint' ? `жалоба №${k.number}` : `запрос по жалобе №${k.number}`;
  const taskIds = await deps.planning.createTasks(
    em,
    'quality_escalation',
    inserted.map((e) => ({
      type: 'other' as const,
      subject: `Просрочен срок: ${what}`,
      description: `Срок истёк ${formatRuDate(moscowDay(item.deadline_at))}. Карточка жалобы: /quality/complaints/${k.id}`,
      clientId: k.client_id,
      assigneeId: e.recipient_id,
      dueAt: at,
      priority: 'high' as const,
    })),
    null,
  );
  await em.query(
    `UPDATE quality_escalations e SET task_id = x.task_id FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, task_id uuid) WHERE e.id = x.id`,
    [JSON.stringify(inserted.map((e, i) => ({ id: e.id, task_id: taskIds[i] })))],
  );
  await deps.events.publish(em, {
    type: 'complaints.escalated',
    actorId: null,
    payload: { items: [{ complaintId: k.id, itemKind: payload.itemKind, itemId: item.id, recipientIds: inserted.map((e) => e.recipient_id) }] },
    audit: { action: 'escalate', entityType: payload.itemKind === 'complaint' ? 'complaint' : 'complaint_request', entityId: item.id, after: { escalatedAt: at.toISOString(), recipients: inserted.map((e) => e.recipient_id) } },
  });
  return { escalated: inserted.length };
}

async function firstOfRole(em: EntityManager, role: string): Promise<string | null> {
  const [row] = await em.query(`SELECT id FROM users WHERE role = $1 AND is_active ORDER BY created_at, email LIMIT 1`, [role]);
  return row?.id ?? null;
}

/** Whom a person answers to: the sales head for sales staff, the director for everyone else. */
async function headOf(em: EntityManager, userId: string): Promise<string | null> {
  const [row] = await em.query(`SELECT role FROM users WHERE id = $1`, [userId]);
  if (!row) return null;
  return ['sales_manager', 'sales_assistant'].includes(row.role) ? firstOfRole(em, 'sales_head') : firstOfRole(em, 'director');
}

export function complaintWatchdogJob(cron: string, deps: WatchdogDeps): JobDefinition {
  const [minute, hour] = cron.split(/\s+/).map(Number);
  return {
    name: COMPLAINT_WATCHDOG_JOB,
    runsOn: 'working_hours',
    description: 'Просроченные жалобы и запросы отделам: эскалация отделу качества, руководителю и директору (в рабочее время)',
    cron,
    dailyAt: { hour: Number.isFinite(hour) ? hour : 9, minute: Number.isFinite(minute) ? minute : 30 },
    run: (ctx) => runComplaintWatchdog(ctx, deps),
  };
}
