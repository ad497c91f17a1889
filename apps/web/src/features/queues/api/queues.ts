import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { QueryOf } from '@/api/types';

/** The work queue (admins): a summary per queue, a queue's items by status, retrying a dead item. */
export const fetchQueues = (signal?: AbortSignal) => unwrap(api.GET('/api/queues', { signal }));

export const fetchQueueItems = (name: string, query: QueryOf<'/api/queues/{name}/items', 'get'>, signal?: AbortSignal) =>
  unwrap(api.GET('/api/queues/{name}/items', { params: { path: { name }, query }, signal }));

export const retryQueueItem = (id: string) => unwrap(api.POST('/api/queues/items/{id}/retry', { params: { path: { id } } }));
