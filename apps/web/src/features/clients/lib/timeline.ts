import { t, te } from '@/i18n';
import { EMPTY, formatDate, formatDateTime, formatMoney, formatPhone } from '@/utils/format';
import { influenceLabel, kindLabel, statusLabel } from '@/features/clients/lib/labels';

/**
 * Field changes in a client's history: rows "field: old → new" with translated field
 * names and formatted values. The entries themselves are described in timeline-events.ts.
 */

/** Names for the ids that appear in history values. */
export interface TimelineLookups {
  /** Reference list entries (industry, activity kind, channel) by id. */
  referenceName: ReadonlyMap<string, string>;
  /** Manager names by id. */
  managerName: (id: string) => string | undefined;
}

export interface ChangeRow {
  field: string;
  label: string;
  /** null when there was no old value (the field was filled in for the first time). */
  from: string | null;
  to: string;
}

/** What the change is about: field names and value formats differ. */
export type ChangeSubject = 'client' | 'contact' | 'dossier';

const LONG_TEXT = 140;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const REFERENCE_FIELDS = new Set(['industryId', 'activityKindId', 'channelId']);

function clip(text: string): string {
  return text.length > LONG_TEXT ? `${text.slice(0, LONG_TEXT - 1)}…` : text;
}

export function fieldLabel(field: string, subject: ChangeSubject = 'client'): string {
  let key: string;
  if (subject === 'dossier') {
    key = field.startsWith('goals.') ? `clients.dossier.goals.${field.slice(6)}` : `clients.dossier.fields.${field}`;
  } else if (subject === 'contact') {
    key = `clients.contacts.fields.${field}`;
  } else {
    key = `clients.fields.${field}`;
  }
  return te(key) ? t(key) : field;
}

/** One history value as text: ids become names, codes become words, amounts and dates get their formats. */
export function formatChangeValue(field: string, value: unknown, lookups: TimelineLookups): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    return value.map((item) => formatChangeValue(field, item, lookups)).join(', ');
  }
  if (typeof value === 'object') return clip(JSON.stringify(value));
  const text = String(value);
  switch (field) {
    case 'status':
      return statusLabel(text);
    case 'kind':
      return kindLabel(text);
    case 'influence':
      return influenceLabel(text);
    case 'annualRevenue':
      return formatMoney(text);
    case 'managerId':
      return lookups.managerName(text) ?? text;
    case 'birthday':
      return formatDate(text);
    case 'phones':
      return formatPhone(text);
    case 'headcount':
      return /^\d+$/.test(text) ? Number(text).toLocaleString('ru-RU') : text;
  }
  if (REFERENCE_FIELDS.has(field)) return lookups.referenceName.get(text) ?? text;
  if (ISO_DATE_TIME.test(text)) return formatDateTime(text);
  return clip(text);
}

/** `payload.changes` (`{ field: { from, to } }`) as display rows, in the order sent. */
export function changeRows(
  changes: unknown,
  lookups: TimelineLookups,
  subject: ChangeSubject = 'client',
): ChangeRow[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes as Record<string, unknown>).map(([field, change]) => {
    const c = (change && typeof change === 'object' ? change : {}) as { from?: unknown; to?: unknown };
    const fromEmpty = c.from === null || c.from === undefined || c.from === '' || (Array.isArray(c.from) && !c.from.length);
    return {
      field,
      label: fieldLabel(field, subject),
      from: fromEmpty ? null : formatChangeValue(field, c.from, lookups),
      to: formatChangeValue(field, c.to, lookups),
    };
  });
}
