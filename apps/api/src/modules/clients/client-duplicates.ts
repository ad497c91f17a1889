import type { EntityManager } from 'typeorm';
import { inScope, type RecordScope } from '../../common/scope/record-scope';
import type { DuplicateMatchDto } from './dto/client.dto';

export interface DuplicateCandidate {
  inn: string | null;
  phonesNormalized: string[];
  emailsNormalized: string[];
  nameNormalized: string;
  city: string | null;
}

interface MatchRow {
  id: string;
  name: string;
  city: string | null;
  inn: string | null;
  manager_id: string;
  reason: DuplicateMatchDto['reason'];
}

/** Names at least this similar (pg_trgm, 0…1) in the same city count as the same client. */
export const SIMILAR_NAME_THRESHOLD = 0.7;

/**
 * Existing, not archived clients that look like the candidate: same INN, a shared phone
 * or e-mail after normalisation, or a very similar name in the same city. Each branch
 * is an indexed lookup.
 */
export async function findDuplicates(em: EntityManager, c: DuplicateCandidate, excludeId?: string): Promise<MatchRow[]> {
  const rows: MatchRow[] = await em.query(
    `SELECT DISTINCT ON (id) id, name, city, inn, manager_id, reason FROM (
        SELECT id, name, city, inn, manager_id, 'inn' AS reason, 1 AS weight FROM clients WHERE archived_at IS NULL AND $1::text IS NOT NULL AND inn = $1
        UNION ALL
        SELECT id, name, city, inn, manager_id, 'phone', 2 FROM clients WHERE archived_at IS NULL AND cardinality($2::text[]) > 0 AND phones_normalized && $2::text[]
        UNION ALL
        SELECT id, name, city, inn, manager_id, 'email', 3 FROM clients WHERE archived_at IS NULL AND cardinality($3::text[]) > 0 AND emails_normalized && $3::text[]
        UNION ALL
        SELECT id, name, city, inn, manager_id, 'similar_name', 4 FROM clients
         WHERE archived_at IS NULL AND $4 <> '' AND name_normalized % $4 AND similarity(name_normalized, $4) >= $6
           AND city IS NOT DISTINCT FROM $5
      ) m
      WHERE ($7::uuid IS NULL OR id <> $7::uuid)
      ORDER BY id, weight
      LIMIT 20`,
    [c.inn, c.phonesNormalized, c.emailsNormalized, c.nameNormalized, c.city, SIMILAR_NAME_THRESHOLD, excludeId ?? null],
  );
  return rows;
}

/**
 * What the caller may learn about the matches: the details of clients in their scope,
 * only the reason for the others (no other manager's data leaks through a 409).
 */
export function describeMatches(rows: MatchRow[], scope: RecordScope): DuplicateMatchDto[] {
  return rows.map((r) =>
    inScope(scope, r.manager_id)
      ? { reason: r.reason, accessible: true, clientId: r.id, name: r.name, city: r.city, inn: r.inn }
      : { reason: r.reason, accessible: false, clientId: null, name: null, city: null, inn: null },
  );
}
