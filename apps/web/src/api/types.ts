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

/** The JSON body of a request (`BodyOf<'/api/segments/{id}', 'patch'>`), for the typed functions of the api modules. */
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;
/** The query parameters of a request (`QueryOf<'/api/deals', 'get'>`). */
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

/** `GET /api/users` query and page. */
export type UserListQuery = NonNullable<paths['/api/users']['get']['parameters']['query']>;
export type UserSort = NonNullable<UserListQuery['sort']>;
export type UserPage = JsonOf<paths['/api/users']['get']['responses'][200]>;

/** `GET /api/audit-log` query and page. */
export type AuditQuery = NonNullable<paths['/api/audit-log']['get']['parameters']['query']>;
export type AuditPage = JsonOf<paths['/api/audit-log']['get']['responses'][200]>;

// ---------------------------------------------------------------- clients module
export type ClientDto = Schemas['ClientDto'];
export type ClientKind = Schemas['ClientKind'];
export type ClientStatus = Schemas['ClientStatus'];
export type CreateClientDto = Schemas['CreateClientDto'];
export type UpdateClientDto = Schemas['UpdateClientDto'];
export type ContactDto = Schemas['ContactDto'];
export type ContactInfluence = Schemas['ContactInfluence'];
export type CreateContactDto = Schemas['CreateContactDto'];
export type UpdateContactDto = Schemas['UpdateContactDto'];
export type DossierDto = Schemas['DossierDto'];
export type DossierGoalsDto = Schemas['DossierGoalsDto'];
export type PutDossierDto = Schemas['PutDossierDto'];
export type TimelineEventDto = Schemas['TimelineEventDto'];
export type SegmentDto = Schemas['SegmentDto'];
export type SegmentKind = Schemas['SegmentKind'];
export type ClientFilterDto = Schemas['ClientFilterDto'];
export type CreateSegmentDto = Schemas['CreateSegmentDto'];
export type DuplicateMatchDto = Schemas['DuplicateMatchDto'];
export type DuplicateConflictDto = Schemas['DuplicateConflictDto'];
export type ClientImportDto = Schemas['ClientImportDto'];
export type ImportReportDto = Schemas['ImportReportDto'];
export type ReferenceItemDto = Schemas['ReferenceItemDto'];
export type ReferenceKind = Schemas['ReferenceKind'];

/** `GET /api/clients` query and page. */
export type ClientListQuery = NonNullable<paths['/api/clients']['get']['parameters']['query']>;
export type ClientSort = NonNullable<ClientListQuery['sort']>;
export type ClientPage = JsonOf<paths['/api/clients']['get']['responses'][200]>;
/** `GET /api/clients/export` query (the list filters plus `format`). */
export type ClientExportQuery = paths['/api/clients/export']['get']['parameters']['query'];
export type TimelinePage = JsonOf<paths['/api/clients/{clientId}/timeline']['get']['responses'][200]>;
