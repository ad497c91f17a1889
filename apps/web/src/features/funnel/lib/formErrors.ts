import { ApiError, isStaleVersion, normalizeField, notifyError, type FormErrors } from '@/api/errors';
import { t, te } from '@/i18n';

/** The funnel's own translation of an error code (`funnel.moveErrors` / `funnel.errors`), if any. */
export function funnelCodeMessage(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (isStaleVersion(error)) return t('funnel.errors.stale_version');
  for (const key of [`funnel.moveErrors.${error.code}`, `funnel.errors.${error.code}`]) {
    if (te(key)) return t(key);
  }
  return null;
}

/**
 * Shows an API failure in a funnel form: a rule violation the funnel translates goes
 * to the form field it names (or to a toast when no such field is in the form);
 * everything else is handled by the app-wide {@link FormErrors.apply}.
 */
export function applyFunnelError(formErrors: FormErrors, error: unknown, fields: readonly string[]): void {
  const translated = funnelCodeMessage(error);
  if (error instanceof ApiError && translated) {
    formErrors.clear();
    const field = error.details.map((d) => normalizeField(d.field)).find((f) => fields.includes(f));
    if (field) formErrors.errors[field] = translated;
    else notifyError(error, translated);
    return;
  }
  formErrors.apply(error, { fields });
}
