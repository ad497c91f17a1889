import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../common/events';
import type { TaskType } from '../../common/events/catalogue/planning-events';

/** A task another module gives someone (a complaint request, an escalation, a survey call). */
export interface PortTask {
  type: TaskType;
  subject: string;
  description: string | null;
  clientId: string | null;
  assigneeId: string;
  dueAt: Date;
  priority: 'low' | 'normal' | 'high';
}

/**
 * What planning offers the modules above it: put tasks into people's «Мои дела» and
 * close them, inside the caller's transaction, so that the caller's record and its task
 * exist together or not at all. Callers keep their own idempotency keys (they store the
 * returned task id on their row); planning publishes the usual task events.
 */
@Injectable()
export class PlanningPort {
  constructor(private readonly events: EventBus) {}

  /** Creates the tasks (one INSERT) and publishes them as one `tasks.generated`; returns their ids in order. */
  async createTasks(em: EntityManager, source: string, tasks: readonly PortTask[], actorId: string | null): Promise<string[]> {
    if (!tasks.length) return [];
    // Ids made here, so the caller gets each task's id for its own row without relying on RETURNING order.
    const ids = tasks.map(() => randomUUID());
    await em.query(
      `INSERT INTO tasks (id, type, subject, description, client_id, assignee_id, author_id, due_at, priority, status, source, version)
       SELECT r.id, r.type, r.subject, r.description, r.client_id, r.assignee_id, $2, r.due_at, r.priority, 'planned', $3, 1
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, type text, subject text, description text, client_id uuid, assignee_id uuid, due_at timestamptz, priority text)`,
      [
        JSON.stringify(tasks.map((t, i) => ({ id: ids[i], type: t.type, subject: t.subject.slice(0, 300), description: t.description, client_id: t.clientId, assignee_id: t.assigneeId, due_at: t.dueAt.toISOString(), priority: t.priority }))),
        actorId,
        source,
      ],
    );
    await this.events.publish(em, {
      type: 'tasks.generated',
      actorId,
      payload: {
        source,
        tasks: tasks.map((t, i) => ({ taskId: ids[i], clientId: t.clientId, type: t.type, subject: t.subject, dueAt: t.dueAt.toISOString(), assigneeId: t.assigneeId, invoiceId: null })),
      },
    });
    return ids;
  }

  /**
   * Marks planned tasks done with a result (the request they stood for was answered) and
   * publishes `task.done` for each, as closing a task by hand does: the client's timeline,
   * webhooks and everything else that follows task events see these completions too.
   */
  async completeTasks(em: EntityManager, taskIds: readonly string[], result: string, at: Date): Promise<void> {
    if (!taskIds.length) return;
    const text = result.slice(0, 2000);
    const [rows] = (await em.query(
      `UPDATE tasks SET status = 'done', result = $2, completed_at = $3, version = version + 1, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'planned'
        RETURNING id, client_id, type, subject`,
      [taskIds, text, at],
    )) as [Array<{ id: string; client_id: string | null; type: TaskType; subject: string }>, number];
    for (const t of rows) {
      await this.events.publish(em, {
        type: 'task.done',
        payload: { taskId: t.id, clientId: t.client_id, type: t.type, subject: t.subject, result: text },
        audit: { action: 'complete', entityType: 'task', entityId: t.id, before: { status: 'planned' }, after: { status: 'done', result: text } },
      });
    }
  }
}
