import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BodyOf, CreateUserDto, QueryOf, UpdateUserDto } from '@/api/types';

/** The users screen: list, create/change (with the user's version, 409 stale_version), role, password, activity. */
export const fetchUserPage = (query: QueryOf<'/api/users', 'get'>, signal?: AbortSignal) =>
  unwrap(api.GET('/api/users', { params: { query }, signal }));

export const createUser = (body: CreateUserDto) => unwrap(api.POST('/api/users', { body }));

export const updateUser = (id: string, body: UpdateUserDto) =>
  unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body }));

export const setUserRole = (id: string, body: BodyOf<'/api/users/{id}/role', 'put'>) =>
  unwrap(api.PUT('/api/users/{id}/role', { params: { path: { id } }, body }));

export const resetUserPassword = (id: string, newPassword: string) =>
  unwrap(api.POST('/api/users/{id}/reset-password', { params: { path: { id } }, body: { newPassword } }));

export const setAssistedManagers = (id: string, managerIds: string[]) =>
  unwrap(api.PUT('/api/users/{id}/assisted-managers', { params: { path: { id } }, body: { managerIds } }));

/** Deactivate (`active = false`) or activate the account. */
export const setUserActive = (id: string, active: boolean) =>
  unwrap(api.POST(active ? '/api/users/{id}/activate' : '/api/users/{id}/deactivate', { params: { path: { id } } }));
