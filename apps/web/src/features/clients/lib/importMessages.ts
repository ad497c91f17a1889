import { t, te } from '@/i18n';

/**
 * The import report's texts come from the API in English (validator messages and a
 * one-sentence failure reason). Known ones are shown in the user's language; anything
 * else is shown as sent.
 */

const FIXED_ROW_ERRORS: Record<string, string> = {
  'The responsible manager is required': 'clients.import.errors.managerRequired',
  'You may not give clients to this manager': 'clients.import.errors.managerNotAllowed',
  'An individual has a 12-digit INN': 'clients.form.innIndividual',
};

export function importErrorText(field: string, message: string): string {
  // class-validator: "inn must be …", "each value in phones must be …"
  if (message.startsWith(`${field} `) || message.startsWith('each value in ')) {
    const key = `errors.fields.validation_failed.${field}`;
    if (te(key)) return t(key);
  }
  const fixed = FIXED_ROW_ERRORS[message];
  if (fixed) return t(fixed);
  let m = /^"(.*)" is not in the list$/.exec(message);
  if (m) return t('clients.import.errors.notInList', { value: m[1] });
  m = /^"(.*)" is not an active sales manager$/.exec(message);
  if (m) return t('clients.import.errors.notAManager', { value: m[1] });
  return message;
}

export function importFailureText(reason: string | null | undefined): string {
  if (!reason) return '';
  if (/no "Наименование" \(name\) column/.test(reason)) return t('clients.import.failures.noName');
  if (reason === 'The file has no data rows') return t('clients.import.failures.noRows');
  let m = /^The file has (\d+) rows; at most (\d+) can be imported at once$/.exec(reason);
  if (m) return t('clients.import.failures.tooMany', { total: m[1], max: m[2] });
  m = /^(\d+) error\(s\) in the file: nothing was imported$/.exec(reason);
  if (m) return t('clients.import.failures.errors', { count: m[1] });
  m = /^(\d+) possible duplicate\(s\): nothing was imported$/.exec(reason);
  if (m) return t('clients.import.failures.duplicates', { count: m[1] });
  if (reason === 'The file could not be read or imported') return t('clients.import.failures.unreadable');
  return reason;
}
