import type { EntityManager } from 'typeorm';
import { RuleViolationError } from '../../common/errors/domain-error';

export interface EngineerRef {
  id: string;
  fullName: string;
}

/** Engineers are active users of the service role; anything else in the list is refused, naming the field. */
export async function requireEngineers(em: EntityManager, ids: readonly string[], field = 'engineerIds'): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows: Array<{ id: string }> = await em.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND role = 'service' AND is_active`, [unique]);
  if (rows.length !== unique.length) {
    throw new RuleViolationError('not_an_engineer', 'Only active service engineers can be assigned', [{ field, message: 'Not an active service engineer' }]);
  }
  return unique;
}

/** Names of the engineers of many records, one query. */
export async function engineerNames(em: EntityManager, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows: Array<{ id: string; full_name: string }> = await em.query(`SELECT id, full_name FROM users WHERE id = ANY($1::uuid[])`, [list]);
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

export function engineerRefs(ids: readonly string[] | null | undefined, names: Map<string, string>): EngineerRef[] {
  return (ids ?? []).map((id) => ({ id, fullName: names.get(id) ?? '' }));
}
