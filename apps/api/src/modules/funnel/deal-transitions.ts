import type { PipelineStage } from './entities/pipeline-stage.entity';

export type MoveRefusal =
  | 'same_stage'
  | 'back_more_than_one_stage'
  | 'won_only_from_last_stage'
  | 'loss_reason_required'
  | 'deal_closed'
  | 'stage_inactive';

export interface MoveRequest {
  from: Pick<PipelineStage, 'id' | 'kind' | 'sortOrder'>;
  to: Pick<PipelineStage, 'id' | 'kind' | 'sortOrder' | 'isActive'>;
  /** Active open stages in funnel order. */
  openStages: ReadonlyArray<Pick<PipelineStage, 'id' | 'sortOrder'>>;
  canReopen: boolean;
  lossReasonId?: string | null;
  comment?: string | null;
}

/**
 * The funnel's state machine: forward one or more stages, back exactly one, Lost from
 * anywhere open (with a reason and a comment), Won only from the last open stage, and
 * a closed deal reopened only by those allowed to. Returns the refusal, or null.
 */
export function refuseMove(r: MoveRequest): MoveRefusal | null {
  if (!r.to.isActive) return 'stage_inactive';
  if (r.from.kind !== 'open') {
    return r.to.kind === 'open' && r.canReopen ? null : 'deal_closed';
  }
  if (r.to.kind === 'lost') {
    return r.lossReasonId && r.comment?.trim() ? null : 'loss_reason_required';
  }
  const index = (id: string) => r.openStages.findIndex((s) => s.id === id);
  const fromIndex = index(r.from.id);
  if (r.to.kind === 'won') {
    return fromIndex === r.openStages.length - 1 ? null : 'won_only_from_last_stage';
  }
  const toIndex = index(r.to.id);
  if (toIndex === fromIndex) return 'same_stage';
  if (toIndex < fromIndex - 1) return 'back_more_than_one_stage';
  return null;
}

export const MOVE_REFUSAL_MESSAGES: Record<MoveRefusal, string> = {
  same_stage: 'The deal is already at this stage',
  back_more_than_one_stage: 'A deal can go back one stage at a time',
  won_only_from_last_stage: 'A deal is won only from the last stage of the funnel',
  loss_reason_required: 'A lost deal needs a loss reason and a comment',
  deal_closed: 'The deal is closed; only the sales head or the director can reopen it',
  stage_inactive: 'This stage is no longer used',
};
