import { t, te } from '@/i18n';
import type { ImportFailure, ImportRowError } from '@/features/clients/api/importCodes';

/**
 * The import report's texts, from the stable codes the API gives each row error and the
 * failure (its English `message`/`failureReason` are for integrators, never shown).
 */

export function importErrorText(error: Pick<ImportRowError, 'field' | 'code' | 'params'>): string {
  // A field that fails the create form's checks: the form's own text for that field.
  if (error.code === 'invalid') {
    const key = `errors.fields.validation_failed.${error.field}`;
    if (te(key)) return t(key);
  }
  return t(`clients.import.rowErrors.${error.code}`, error.params);
}

export function importFailureText(failure: ImportFailure | null | undefined): string {
  if (!failure) return '';
  return t(`clients.import.failures.${failure.code}`, failure.params);
}
