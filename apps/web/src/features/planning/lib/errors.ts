import { ApiError, errorMessage, isStaleVersion, notifyError } from '@/api/errors';
import { t, te } from '@/i18n';

/**
 * The planning module's own wording of an API failure (`planning.errors.<code>`), or
 * undefined to fall back to the app-wide message.
 */
export function planningErrorMessage(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (isStaleVersion(error)) return t('planning.errors.stale_version');
  const key = `planning.errors.${error.code}`;
  return te(key) ? t(key) : undefined;
}

/** A toast for a failed planning action. */
export function notifyPlanningError(error: unknown): void {
  notifyError(error, planningErrorMessage(error) ?? errorMessage(error));
}

/**
 * Whether the failure means the shown data is out of date (someone else changed or
 * closed the task, or it is gone), so the screen should reload it.
 */
export function isOutdated(error: unknown): boolean {
  return (
    isStaleVersion(error) ||
    (error instanceof ApiError && (error.code === 'task_closed' || error.status === 404))
  );
}
