import type { Schemas } from '@polar/api-client';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BodyOf } from '@/api/types';

/** Short names for the generated marketing schemas (no hand-written API types). */
export type CampaignDto = Schemas['CampaignDto'];
export type CampaignType = Schemas['CampaignType'];
export type CampaignStatus = Schemas['CampaignStatus'];
export type CreateCampaignDto = Schemas['CreateCampaignDto'];
export type UpdateCampaignDto = Schemas['UpdateCampaignDto'];
export type CampaignEffectivenessDto = Schemas['CampaignEffectivenessDto'];
export type ChannelsReportDto = Schemas['ChannelsReportDto'];
export type InfluenceDto = Schemas['InfluenceDto'];
export type MailingDto = Schemas['MailingDto'];
export type CreateMailingDto = Schemas['CreateMailingDto'];
export type UpdateMailingDto = Schemas['UpdateMailingDto'];
export type PreviewDto = Schemas['PreviewDto'];
export type DeliveryDto = Schemas['DeliveryDto'];
export type DeliveryState = Schemas['DeliveryState'];
export type SuppressionDto = Schemas['SuppressionDto'];
export type AbcXyzDto = Schemas['AbcXyzDto'];
export type AbcXyzClientDto = Schemas['AbcXyzClientDto'];
export type GreetingOccasionDto = Schemas['GreetingOccasionDto'];
export type CreateGreetingHolidayDto = Schemas['CreateGreetingHolidayDto'];
export type UpdateGreetingOccasionDto = Schemas['UpdateGreetingOccasionDto'];

export const CAMPAIGN_TYPES: readonly CampaignType[] = ['exhibition', 'promotion', 'mailing', 'advertising', 'other'];
export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['planned', 'active', 'finished', 'archived'];
export const DELIVERY_STATES: readonly DeliveryState[] = ['queued', 'sending', 'sent', 'failed', 'bounced', 'suppressed', 'cancelled'];

export const listCampaigns = (query: { status?: CampaignStatus; page?: number; pageSize?: number } = {}) => unwrap(api.GET('/api/campaigns', { params: { query } }));
export const getCampaign = (id: string) => unwrap(api.GET('/api/campaigns/{id}', { params: { path: { id } } }));
export const createCampaign = (body: CreateCampaignDto) => unwrap(api.POST('/api/campaigns', { body }));
export const updateCampaign = (id: string, body: UpdateCampaignDto) => unwrap(api.PATCH('/api/campaigns/{id}', { params: { path: { id } }, body }));
export const getEffectiveness = (id: string) => unwrap(api.GET('/api/campaigns/{id}/effectiveness', { params: { path: { id } } }));
export const listInfluences = (id: string, page = 1) => unwrap(api.GET('/api/campaigns/{id}/influences', { params: { path: { id }, query: { page, pageSize: 50 } } }));
export const registerInfluences = (id: string, body: Schemas['RegisterInfluencesDto']) => unwrap(api.POST('/api/campaigns/{id}/influences', { params: { path: { id } }, body }));
export const removeInfluence = (id: string) => unwrap(api.DELETE('/api/influences/{id}', { params: { path: { id } } }));
export const getChannels = (from: string, to: string) => unwrap(api.GET('/api/marketing/channels', { params: { query: { from, to } } }));

export const listMailings = (page = 1) => unwrap(api.GET('/api/mailings', { params: { query: { page, pageSize: 50 } } }));
export const getMailing = (id: string) => unwrap(api.GET('/api/mailings/{id}', { params: { path: { id } } }));
export const createMailing = (body: CreateMailingDto) => unwrap(api.POST('/api/mailings', { body }));
export const updateMailing = (id: string, body: UpdateMailingDto) => unwrap(api.PATCH('/api/mailings/{id}', { params: { path: { id } }, body }));
export const previewMailing = (id: string) => unwrap(api.GET('/api/mailings/{id}/preview', { params: { path: { id } } }));
export const testMailing = (id: string) => unwrap(api.POST('/api/mailings/{id}/test', { params: { path: { id } }, body: {} }));
export const sendMailing = (id: string, version: number) => unwrap(api.POST('/api/mailings/{id}/send', { params: { path: { id } }, body: { version } }));
export const cancelMailing = (id: string, version: number) => unwrap(api.POST('/api/mailings/{id}/cancel', { params: { path: { id } }, body: { version } }));
export const listDeliveries = (id: string, query: { state?: DeliveryState; q?: string; page?: number }) =>
  unwrap(api.GET('/api/mailings/{id}/deliveries', { params: { path: { id }, query: { ...query, pageSize: 50 } } }));

export const listSuppressions = (q?: string, page = 1) => unwrap(api.GET('/api/marketing/suppressions', { params: { query: { q, page, pageSize: 50 } } }));
export const addSuppression = (address: string, note: string | null) => unwrap(api.POST('/api/marketing/suppressions', { body: { address, note } }));
export const removeSuppression = (address: string) => unwrap(api.POST('/api/marketing/suppressions/remove', { body: { address } }));

export const getAbcXyz = (from: string, to: string) => unwrap(api.GET('/api/marketing/abc-xyz', { params: { query: { from, to } } }));
export const getAbcXyzClients = (from: string, to: string, abc?: 'A' | 'B' | 'C', xyz?: 'X' | 'Y' | 'Z') =>
  unwrap(api.GET('/api/marketing/abc-xyz/clients', { params: { query: { from, to, abc, xyz, pageSize: 100 } } }));

export const listGreetings = () => unwrap(api.GET('/api/marketing/greetings'));
export const createGreetingHoliday = (body: CreateGreetingHolidayDto) => unwrap(api.POST('/api/marketing/greetings', { body }));
export const updateGreeting = (code: string, body: UpdateGreetingOccasionDto) => unwrap(api.PATCH('/api/marketing/greetings/{code}', { params: { path: { code } }, body }));
export const removeGreeting = (code: string) => unwrap(api.DELETE('/api/marketing/greetings/{code}', { params: { path: { code } } }));

export const unsubscribeStatus = (token: string) => unwrap(api.GET('/api/unsubscribe', { params: { query: { token } } }));
export const unsubscribe = (token: string) => unwrap(api.POST('/api/unsubscribe', { params: { query: { token } } }));

export const listSegments = () => unwrap(api.GET('/api/segments', { params: { query: { pageSize: 100 } } }));

/** Downloads the campaign's figures as XLSX (through the authenticated client). */
export async function downloadEffectiveness(id: string): Promise<void> {
  const blob = (await unwrap(api.GET('/api/campaigns/{id}/effectiveness/xlsx', { params: { path: { id } }, parseAs: 'blob' }))) as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `campaign-${id}.xlsx`;
  link.click();
  URL.revokeObjectURL(url);
}

/** A contact's consent history (newest first, as the API answers it). */
export const fetchConsents = (clientId: string, contactId: string) =>
  unwrap(api.GET('/api/clients/{clientId}/contacts/{contactId}/consents', { params: { path: { clientId, contactId } } }));

/** Records a consent given or withdrawn; answers the new history. */
export const recordConsent = (clientId: string, contactId: string, body: BodyOf<'/api/clients/{clientId}/contacts/{contactId}/consents', 'post'>) =>
  unwrap(api.POST('/api/clients/{clientId}/contacts/{contactId}/consents', { params: { path: { clientId, contactId } }, body }));
