export type TaskType = 'call' | 'meeting' | 'email' | 'visit' | 'other';

interface TaskRef {
  taskId: string;
  /** Null for a task without a client (internal work). */
  clientId: string | null;
  type: TaskType;
  subject: string;
}

/** Events of planning (module `planning`). */
export interface PlanningEvents {
  'task.created': TaskRef & { dueAt: string; assigneeId: string; source: string };
  /** Tasks created in bulk by a job (payment-control calls), one event per run. */
  'tasks.generated': { source: string; tasks: Array<TaskRef & { dueAt: string; assigneeId: string; invoiceId: string | null }> };
  'task.updated': TaskRef;
  'task.rescheduled': TaskRef & { fromDueAt: string; toDueAt: string };
  'task.done': TaskRef & { result: string | null };
  'task.cancelled': TaskRef & { reason: string | null };
}
