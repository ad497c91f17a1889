import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
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
