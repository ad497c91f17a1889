import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BodyOf, QueryOf } from '@/api/types';
import type { DealDto } from '@/features/funnel/lib/types';

export interface LossInput {
  lossReasonId: string;
  comment: string;
  /** The competitor the client went to, if known (analytics links the deal to it). */
  competitorId?: string;
}

/** `POST /api/deals/{id}/move` with the deal's version; throws ApiError on 409/422. */
export function moveDeal(deal: Pick<DealDto, 'id' | 'version'>, stageId: string, loss?: LossInput): Promise<DealDto> {
  return unwrap(
    api.POST('/api/deals/{id}/move', {
      params: { path: { id: deal.id } },
      body: {
        version: deal.version,
        stageId,
        ...(loss ? { lossReasonId: loss.lossReasonId, comment: loss.comment.trim(), competitorId: loss.competitorId || undefined } : {}),
      },
    }),
  );
}

/** The query key of a client's deals («Сделки» of the client card; a deal made from the card re-reads it). */
export const clientDealsKey = ['funnel', 'client-deals'] as const;

/** One page of `GET /api/deals` (the paged lists: a client's deals…); `signal` cancels an outdated request. */
export function fetchDealPage(query: QueryOf<'/api/deals', 'get'>, signal?: AbortSignal) {
  return unwrap(api.GET('/api/deals', { params: { query }, signal }));
}

/** `POST /api/deals`; 422 with field errors (the dialog maps them). */
export const createDeal = (body: BodyOf<'/api/deals', 'post'>) => unwrap(api.POST('/api/deals', { body }));

/** One deal; 404/400 for a deal out of reach. */
export const fetchDeal = (id: string) => unwrap(api.GET('/api/deals/{id}', { params: { path: { id } } }));

/** `PATCH /api/deals/{id}` (fields or lines) with the deal's version; 409 stale_version. */
export const updateDeal = (id: string, body: BodyOf<'/api/deals/{id}', 'patch'>) =>
  unwrap(api.PATCH('/api/deals/{id}', { params: { path: { id } }, body }));

/** The deal's stage history, oldest first (as the API answers it). */
export const fetchDealHistory = (id: string) => unwrap(api.GET('/api/deals/{id}/history', { params: { path: { id } } }));
