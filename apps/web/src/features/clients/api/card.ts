import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BodyOf, CreateClientDto, CreateContactDto, PutDossierDto, UpdateClientDto, UpdateContactDto } from '@/api/types';

/*
 * The client card and its tabs: one small typed function per request. Each throws the
 * ApiError that `unwrap` makes (404/400 for a client out of reach, 409 stale_version,
 * 422 with field errors), so the screens keep their own handling.
 */

export const fetchClient = (id: string) => unwrap(api.GET('/api/clients/{id}', { params: { path: { id } } }));

/** `POST /api/clients`; 409 with the duplicates unless `confirmDuplicate` is set. */
export const createClient = (body: CreateClientDto) => unwrap(api.POST('/api/clients', { body }));

export const updateClient = (id: string, body: UpdateClientDto) =>
  unwrap(api.PATCH('/api/clients/{id}', { params: { path: { id } }, body }));

/** Archive (`archive = true`) or restore the client. */
export const setClientArchived = (id: string, archive: boolean) =>
  unwrap(api.POST(archive ? '/api/clients/{id}/archive' : '/api/clients/{id}/restore', { params: { path: { id } } }));

export const reassignClient = (id: string, body: BodyOf<'/api/clients/{id}/reassign', 'post'>) =>
  unwrap(api.POST('/api/clients/{id}/reassign', { params: { path: { id } }, body }));

export const reassignClients = (body: BodyOf<'/api/clients/reassign', 'post'>) =>
  unwrap(api.POST('/api/clients/reassign', { body }));

export const fetchContacts = (clientId: string, pageSize: number) =>
  unwrap(api.GET('/api/clients/{clientId}/contacts', { params: { path: { clientId }, query: { pageSize } } }));

export const createContact = (clientId: string, body: CreateContactDto) =>
  unwrap(api.POST('/api/clients/{clientId}/contacts', { params: { path: { clientId } }, body }));

export const updateContact = (clientId: string, contactId: string, body: UpdateContactDto) =>
  unwrap(api.PATCH('/api/clients/{clientId}/contacts/{contactId}', { params: { path: { clientId, contactId } }, body }));

export const deleteContact = (clientId: string, contactId: string) =>
  unwrap(api.DELETE('/api/clients/{clientId}/contacts/{contactId}', { params: { path: { clientId, contactId } } }));

export const fetchDossier = (clientId: string) =>
  unwrap(api.GET('/api/clients/{clientId}/dossier', { params: { path: { clientId } } }));

export const saveDossier = (clientId: string, body: PutDossierDto) =>
  unwrap(api.PUT('/api/clients/{clientId}/dossier', { params: { path: { clientId } }, body }));

export const fetchTimeline = (clientId: string, page: number, pageSize: number) =>
  unwrap(api.GET('/api/clients/{clientId}/timeline', { params: { path: { clientId }, query: { page, pageSize } } }));

/** Adds a note; answers the timeline event (or nothing when the server has none to show). */
export const addClientNote = (clientId: string, text: string) =>
  unwrap(api.POST('/api/clients/{clientId}/notes', { params: { path: { clientId } }, body: { text } }));
