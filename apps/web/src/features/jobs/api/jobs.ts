import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { QueryOf } from '@/api/types';

/** Scheduled jobs (admins): the list, a job's runs, one run, a manual start (answers 202 with the queued run). */
export const fetchJobs = (signal?: AbortSignal) => unwrap(api.GET('/api/jobs', { signal }));

export const fetchJobRuns = (name: string, query: QueryOf<'/api/jobs/{name}/runs', 'get'>, signal?: AbortSignal) =>
  unwrap(api.GET('/api/jobs/{name}/runs', { params: { path: { name }, query }, signal }));

export const fetchJobRun = (name: string, runId: string) =>
  unwrap(api.GET('/api/jobs/{name}/runs/{runId}', { params: { path: { name, runId } } }));

export const runJob = (name: string) => unwrap(api.POST('/api/jobs/{name}/run', { params: { path: { name } } }));
