import type { DuplicateMatchDto } from '@/api/types';
import { t, te } from '@/i18n';

/**
 * A 409 `duplicate_client` as the create form shows it: the matches the user may
 * open (one line per client, with every reason it matched on) and a count of the
 * matches that belong to other managers (their data is not disclosed).
 */
export type DuplicateReason = DuplicateMatchDto['reason'];

export interface AccessibleDuplicate {
  clientId: string;
  name: string;
  city: string | null;
  inn: string | null;
  reasons: DuplicateReason[];
}

export interface DuplicateView {
  accessible: AccessibleDuplicate[];
  /** Matches of clients outside the user's scope. */
  hiddenCount: number;
  hiddenReasons: DuplicateReason[];
}

const REASON_ORDER: readonly DuplicateReason[] = ['inn', 'phone', 'email', 'similar_name'];

function addReason(list: DuplicateReason[], reason: DuplicateReason): void {
  if (!list.includes(reason)) {
    list.push(reason);
    list.sort((a, b) => REASON_ORDER.indexOf(a) - REASON_ORDER.indexOf(b));
  }
}

export function groupDuplicates(matches: readonly DuplicateMatchDto[]): DuplicateView {
  const byId = new Map<string, AccessibleDuplicate>();
  const hiddenReasons: DuplicateReason[] = [];
  let hiddenCount = 0;
  for (const m of matches) {
    if (m.accessible && m.clientId) {
      const existing = byId.get(m.clientId);
      if (existing) addReason(existing.reasons, m.reason);
      else byId.set(m.clientId, { clientId: m.clientId, name: m.name ?? m.clientId, city: m.city, inn: m.inn, reasons: [m.reason] });
    } else {
      hiddenCount++;
      addReason(hiddenReasons, m.reason);
    }
  }
  return { accessible: [...byId.values()], hiddenCount, hiddenReasons };
}

export function reasonLabel(reason: string): string {
  const key = `clients.duplicates.reasons.${reason}`;
  return te(key) ? t(key) : reason;
}

/** The matches of a `duplicate_client` error body, or null for any other body. */
export function duplicateMatches(body: unknown): DuplicateMatchDto[] | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { code?: unknown; matches?: unknown };
  if (b.code !== 'duplicate_client' || !Array.isArray(b.matches)) return null;
  return b.matches.filter(
    (m): m is DuplicateMatchDto => !!m && typeof m === 'object' && typeof (m as DuplicateMatchDto).reason === 'string',
  );
}
