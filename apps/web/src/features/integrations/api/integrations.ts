import type { Schemas } from '@polar/api-client';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

export type ApiTokenDto = Schemas['ApiTokenDto'];
export type CreatedApiTokenDto = Schemas['CreatedApiTokenDto'];
export type CreateApiTokenDto = Schemas['CreateApiTokenDto'];
export type WebhookDto = Schemas['WebhookDto'];
export type CreateWebhookDto = Schemas['CreateWebhookDto'];
export type WebhookDeliveryDto = Schemas['WebhookDeliveryDto'];
export type WebhookEvent = Schemas['WebhookEvent'];
export type InboundSettingsDto = Schemas['InboundSettingsDto'];
export type UpdateInboundSettingsDto = Schemas['UpdateInboundSettingsDto'];
export type InboundEmailDto = Schemas['InboundEmailDto'];

/** The events a webhook may subscribe to, in the order the form lists them. */
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = [
  'client.created',
  'client.updated',
  'client.archived',
  'deal.created',
  'deal.stage_changed',
  'deal.won',
  'deal.lost',
  'contract.signed',
  'invoice.issued',
  'invoice.paid',
  'payment.received',
  'task.created',
  'task.done',
  'complaint.created',
];

export const listTokens = () => unwrap(api.GET('/api/api-tokens'));
export const createToken = (body: CreateApiTokenDto) => unwrap(api.POST('/api/api-tokens', { body }));
export const revokeToken = (id: string) => unwrap(api.POST('/api/api-tokens/{id}/revoke', { params: { path: { id } } }));
export const rotateToken = (id: string, overlapHours: number) => unwrap(api.POST('/api/api-tokens/{id}/rotate', { params: { path: { id } }, body: { overlapHours } }));

export const listWebhooks = () => unwrap(api.GET('/api/webhooks'));
export const createWebhook = (body: CreateWebhookDto) => unwrap(api.POST('/api/webhooks', { body }));
export const setWebhookActive = (hook: WebhookDto, active: boolean) =>
  unwrap(api.PATCH('/api/webhooks/{id}', { params: { path: { id: hook.id } }, body: { version: hook.version, active } }));
export const removeWebhook = (id: string) => unwrap(api.DELETE('/api/webhooks/{id}', { params: { path: { id } } }));
export const listDeliveries = (id: string, page: number, pageSize: number) =>
  unwrap(api.GET('/api/webhooks/{id}/deliveries', { params: { path: { id }, query: { page, pageSize } } }));
export const replayDelivery = (id: string, deliveryId: string) =>
  unwrap(api.POST('/api/webhooks/{id}/deliveries/{deliveryId}/replay', { params: { path: { id, deliveryId } } }));

export const fetchInboundSettings = () => unwrap(api.GET('/api/integrations/inbound/settings'));
export const saveInboundSettings = (body: UpdateInboundSettingsDto) => unwrap(api.PUT('/api/integrations/inbound/settings', { body }));
export const listReviewEmails = (page: number, pageSize: number) => unwrap(api.GET('/api/integrations/email/review', { params: { query: { page, pageSize } } }));
export const assignEmail = (id: string, clientId: string) => unwrap(api.POST('/api/integrations/email/{id}/assign', { params: { path: { id } }, body: { clientId } }));

/** Clients matching a text (first 20), to attach an inbound request to. */
export const findClients = (q: string) => unwrap(api.GET('/api/clients', { params: { query: { q, pageSize: 20 } } }));
