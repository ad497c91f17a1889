import type { ClientKind, ClientStatus, ContactInfluence } from '@/api/types';
import { t, te } from '@/i18n';

/** Client statuses in funnel order (the order of the API's enum). */
export const CLIENT_STATUSES: readonly ClientStatus[] = ['cold', 'thinking', 'ready', 'active', 'regular', 'lost'];
export const CLIENT_KINDS: readonly ClientKind[] = ['legal_entity', 'individual'];
export const CONTACT_INFLUENCES: readonly ContactInfluence[] = ['decision_maker', 'high', 'medium', 'low'];

function translated(group: string, value: string | null | undefined): string {
  if (!value) return '';
  const key = `clients.${group}.${value}`;
  return te(key) ? t(key) : value;
}

export const statusLabel = (status: string | null | undefined): string => translated('statuses', status);
export const kindLabel = (kind: string | null | undefined): string => translated('kinds', kind);
export const influenceLabel = (influence: string | null | undefined): string => translated('influence', influence);
