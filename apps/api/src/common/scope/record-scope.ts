import { type Actor, clientManagersOf } from '@polar/access';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { reachCondition } from '../access/reach-sql';

/**
 * The query-builder face of the access service for client-bound records (clients and
 * everything hanging off them: deals, documents, installation jobs…). The rule itself
 * is `clientManagersOf` in `@polar/access`, the same one AccessService checks single
 * records with, so a list and a get by id can never disagree.
 */
export interface RecordScope {
  /** Responsible-manager ids the user is limited to; null = everyone's records. */
  readonly managerIds: readonly string[] | null;
}

export const UNRESTRICTED: RecordScope = { managerIds: null };

export function scopeOf(user: Actor): RecordScope {
  return { managerIds: clientManagersOf(user) };
}

/**
 * Narrows a query to the records in scope. `managerColumn` is the SQL expression of
 * the responsible manager (e.g. `client.manager_id` or `c.manager_id` through a join).
 * An empty scope matches nothing (`FALSE`), never everything.
 */
export function applyScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, scope: RecordScope, managerColumn: string): SelectQueryBuilder<T> {
  const condition = reachCondition(scope.managerIds === null ? 'all' : [{ field: 'clientManager', anyOf: scope.managerIds }], { clientManager: managerColumn });
  return condition ? qb.andWhere(condition.sql, condition.params) : qb;
}

/** True when a record owned by `managerId` is inside the scope (for already-loaded rows). */
export function inScope(scope: RecordScope, managerId: string | null | undefined): boolean {
  if (scope.managerIds === null) return true;
  return managerId != null && scope.managerIds.includes(managerId);
}
