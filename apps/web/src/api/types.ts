import type { paths, Schemas } from '@polar/api-client';

/** Short names for the generated API schemas (no hand-written API types). */
export type UserDto = Schemas['UserDto'];
export type MeDto = Schemas['MeDto'];
export type DepartmentDto = Schemas['DepartmentDto'];
export type TokenPairDto = Schemas['TokenPairDto'];
export type AuditEntryDto = Schemas['AuditEntryDto'];
export type CreateUserDto = Schemas['CreateUserDto'];
export type UpdateUserDto = Schemas['UpdateUserDto'];
export type RoleDto = Schemas['Role'];

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** `GET /api/users` query and page. */
export type UserListQuery = NonNullable<paths['/api/users']['get']['parameters']['query']>;
export type UserSort = NonNullable<UserListQuery['sort']>;
export type UserPage = JsonOf<paths['/api/users']['get']['responses'][200]>;

/** `GET /api/audit-log` query and page. */
export type AuditQuery = NonNullable<paths['/api/audit-log']['get']['parameters']['query']>;
export type AuditPage = JsonOf<paths['/api/audit-log']['get']['responses'][200]>;
