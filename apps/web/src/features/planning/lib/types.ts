import type { paths, Schemas } from '@polar/api-client';

/** Short names for the generated planning API schemas (no hand-written API types). */
export type TaskDto = Schemas['TaskDto'];
export type TaskType = Schemas['TaskType'];
export type TaskStatus = Schemas['TaskStatus'];
export type TaskPriority = Schemas['TaskPriority'];
export type CreateTaskDto = Schemas['CreateTaskDto'];
export type UpdateTaskDto = Schemas['UpdateTaskDto'];
export type TaskTemplateDto = Schemas['TaskTemplateDto'];
export type CreateFromTemplateDto = Schemas['CreateFromTemplateDto'];
export type MyDayDto = Schemas['MyDayDto'];
/** A task as «Мои дела» lists it (a subset of TaskDto: a TaskDto is one too). */
export type DayTaskDto = Schemas['DayTaskDto'];
/** The lists of «Мои дела». */
export type DayListName = 'planned' | 'done' | 'overdue';
export type TeamDayDto = Schemas['TeamDayDto'];
export type TeamMemberDayDto = Schemas['TeamMemberDayDto'];
export type PlanDto = Schemas['PlanDto'];
export type SetPlanDto = Schemas['SetPlanDto'];
export type UpdatePlanDto = Schemas['UpdatePlanDto'];
export type PlanMetricDto = Schemas['PlanMetricDto'];
export type PlanProgressDto = Schemas['PlanProgressDto'];

/** `GET /api/tasks` query. */
export type TaskListQuery = NonNullable<paths['/api/tasks']['get']['parameters']['query']>;

export const TASK_TYPES: readonly TaskType[] = ['call', 'meeting', 'email', 'visit', 'other'];
export const TASK_PRIORITIES: readonly TaskPriority[] = ['high', 'normal', 'low'];
export const TASK_STATUSES: readonly TaskStatus[] = ['planned', 'done', 'cancelled'];
