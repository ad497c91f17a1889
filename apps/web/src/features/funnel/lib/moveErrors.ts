import { ApiError, errorMessage, isStaleVersion } from '@/api/errors';
import { t, te } from '@/i18n';

/** The refusal codes of `POST /api/deals/{id}/move` (422), plus 409 `stale_version`. */
export const MOVE_ERROR_CODES = [
  'same_stage',
  'back_more_than_one_stage',
  'won_only_from_last_stage',
  'loss_reason_required',
  'deal_closed',
  'stage_inactive',
  'signed_contract_required',
  'loss_reason_not_found',
] as const;
export type MoveErrorCode = (typeof MOVE_ERROR_CODES)[number];

export type MoveFailureKind = 'refused' | 'stale' | 'other';

/** How the board reacts: a refusal puts the card back, a stale version reloads the board. */
export function moveFailureKind(error: unknown): MoveFailureKind {
  if (isStaleVersion(error)) return 'stale';
  if (error instanceof ApiError && (error.status === 422 || error.status === 400)) return 'refused';
  return 'other';
}

/**
 * The message for a failed move, in the current language: every refusal code of the
 * funnel's state machine has its own text (`funnel.moveErrors.<code>`); anything else
 * falls back to the app-wide error messages.
 */
export function moveErrorMessage(error: unknown): string {
  if (isStaleVersion(error)) return t('funnel.moveErrors.stale_version');
  if (error instanceof ApiError) {
    const key = `funnel.moveErrors.${error.code}`;
    if (te(key)) return t(key);
  }
  return funnelErrorMessage(error);
}

/**
 * The message for any failure of the funnel API: its rule codes
 * (`funnel.errors.<code>`), then the app-wide codes, then the server's text.
 */
export function funnelErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (isStaleVersion(error)) return t('funnel.errors.stale_version');
    const key = `funnel.errors.${error.code}`;
    if (te(key)) return t(key);
  }
  return errorMessage(error);
}
