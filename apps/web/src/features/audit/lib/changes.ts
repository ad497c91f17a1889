import { t, te } from '@/i18n';
import { EMPTY, formatDateTime, formatPhone } from '@/utils/format';
import { roleLabel } from '@/shared/lib/labels';

/** Names for ids that appear in history values (given by the API with each entry). */
export interface ChangeLookups {
  names: Readonly<Record<string, string>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ChangeRow {
  field: string;
  label: string;
  /** null when there was no old value to show (a created record). */
  from: string | null;
  to: string | null;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One history value as text, with ids and codes turned into names. */
export function displayValue(field: string, value: unknown, lookups: ChangeLookups): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    return value.map((item) => displayValue(field, item, lookups)).join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (field === 'role') return roleLabel(text);
  // A record id: its name as the API resolved it, never the bare UUID.
  if (UUID.test(text)) return lookups.names[text.toLowerCase()] ?? lookups.names[text] ?? t('audit.unavailableRecord');
  // Codes written by the system (e.g. `source: demo seed`) have their words in i18n.
  const valueKey = `audit.values.${field}.${text.replace(/\W+/g, '_')}`;
  if (te(valueKey)) return t(valueKey);
  if (field === 'phone') return formatPhone(text);
  if (ISO_DATE_TIME.test(text)) return formatDateTime(text);
  return text;
}

export function fieldLabel(field: string): string {
  const key = `audit.fields.${field}`;
  return te(key) ? t(key) : field;
}

/** The `changes` of an audit entry as rows "field: old → new". */
export function changeRows(
  changes: Record<string, { from: unknown; to: unknown }> | null | undefined,
  lookups: ChangeLookups,
  action?: string,
): ChangeRow[] {
  if (!changes) return [];
  return Object.entries(changes).map(([field, change]) => {
    const fromMissing = change?.from === null || change?.from === undefined;
    return {
      field,
      label: fieldLabel(field),
      from: fromMissing && action === 'create' ? null : displayValue(field, change?.from, lookups),
      to: displayValue(field, change?.to, lookups),
    };
  });
}
