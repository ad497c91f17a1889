import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BodyOf, CreateSegmentDto, QueryOf } from '@/api/types';

/** Saved segments and static lists (`/api/segments`); errors as ApiError (409 stale_version on a rename). */
export const fetchSegments = (query: QueryOf<'/api/segments', 'get'>) => unwrap(api.GET('/api/segments', { params: { query } }));

export const createSegment = (body: CreateSegmentDto) => unwrap(api.POST('/api/segments', { body }));

export const updateSegment = (id: string, body: BodyOf<'/api/segments/{id}', 'patch'>) =>
  unwrap(api.PATCH('/api/segments/{id}', { params: { path: { id } }, body }));

export const deleteSegment = (id: string) => unwrap(api.DELETE('/api/segments/{id}', { params: { path: { id } } }));

/** Adds clients to a static list; answers the list's new member count. */
export const addSegmentMembers = (id: string, clientIds: string[]) =>
  unwrap(api.POST('/api/segments/{id}/members', { params: { path: { id } }, body: { clientIds } }));
