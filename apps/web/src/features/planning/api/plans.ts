import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BodyOf, QueryOf } from '@/api/types';

/** Monthly plans: one page, their progress, create/change (with the plan's version, 409 stale_version), copy. */
export const fetchPlanPage = (query: QueryOf<'/api/plans', 'get'>, signal?: AbortSignal) =>
  unwrap(api.GET('/api/plans', { params: { query }, signal }));

/** Progress of the given plans (ids joined with commas, as the API takes them). */
export const fetchPlanProgress = (ids: string[], signal?: AbortSignal) =>
  unwrap(api.GET('/api/plans/progress', { params: { query: { ids: ids.join(',') } }, signal }));

export const createPlan = (body: BodyOf<'/api/plans', 'post'>) => unwrap(api.POST('/api/plans', { body }));

export const updatePlan = (id: string, body: BodyOf<'/api/plans/{id}', 'patch'>) =>
  unwrap(api.PATCH('/api/plans/{id}', { params: { path: { id } }, body }));

/** Copies last month's plans into `month`; `dryRun` only counts what would be created. */
export const copyPreviousPlans = (month: string, dryRun?: boolean) =>
  unwrap(api.POST('/api/plans/copy-previous', { body: dryRun ? { month, dryRun } : { month } }));
