import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { QueryOf } from '@/api/types';
import type { CreateFromTemplateDto, CreateTaskDto, TaskDto, TaskTemplateDto, UpdateTaskDto } from '@/features/planning/lib/types';

/** The task calls shared by the planning screens (every change sends the task's `version`). */

/** What a change needs of the task: any list's row (TaskDto, DayTaskDto) has it. */
type TaskRef = Pick<TaskDto, 'id' | 'version'>;

export function completeTask(task: TaskRef, result: string): Promise<TaskDto> {
  return unwrap(
    api.POST('/api/tasks/{id}/complete', { params: { path: { id: task.id } }, body: { version: task.version, result } }),
  );
}

export function cancelTask(task: TaskRef, reason?: string): Promise<TaskDto> {
  return unwrap(
    api.POST('/api/tasks/{id}/cancel', {
      params: { path: { id: task.id } },
      body: { version: task.version, ...(reason ? { reason } : {}) },
    }),
  );
}

export function updateTask(task: TaskRef, changes: Omit<UpdateTaskDto, 'version'>): Promise<TaskDto> {
  return unwrap(
    api.PATCH('/api/tasks/{id}', { params: { path: { id: task.id } }, body: { ...changes, version: task.version } }),
  );
}

/** The query key of the tasks of one client or deal (RelatedTasks; a task made from the client card re-reads it). */
export const relatedTasksKey = ['planning', 'tasks', 'related'] as const;

export function createTask(body: CreateTaskDto): Promise<TaskDto> {
  return unwrap(api.POST('/api/tasks', { body }));
}

export function createFromTemplate(code: string, body: CreateFromTemplateDto): Promise<TaskDto> {
  return unwrap(api.POST('/api/task-templates/{code}/tasks', { params: { path: { code } }, body }));
}

let templates: Promise<TaskTemplateDto[]> | null = null;

/** The reminder templates (fixed on the server): loaded once per page load. */
export function loadTemplates(): Promise<TaskTemplateDto[]> {
  if (!templates) {
    templates = unwrap(api.GET('/api/task-templates')).catch((error: unknown) => {
      templates = null;
      throw error;
    });
  }
  return templates;
}

/** One page of `GET /api/tasks` (the task lists); `signal` cancels an outdated request. */
export function fetchTaskPage(query: QueryOf<'/api/tasks', 'get'>, signal?: AbortSignal) {
  return unwrap(api.GET('/api/tasks', { params: { query }, signal }));
}
