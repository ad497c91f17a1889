import { type Actor, clientManagersOf } from '@polar/access';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

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
 * The scope as a SQL condition on `managerColumn` (the SQL expression of the responsible
 * manager, e.g. `c.manager_id`), with `idsSql` the SQL of a uuid[] that holds
 * `scopeManagerIds(scope)` (a placeholder: `$2::uuid[]`, `CAST(:name AS uuid[])`…). Null
 * when the scope is everyone's records (no condition). An empty scope is `FALSE`: it
 * matches nothing, never everything.
 *
 * This is the one SQL form of the rule: `applyScope` narrows a query builder with it, and
 * a statement written once as plain SQL (the client card, the client list) embeds it, so
 * the two can never disagree (record-scope.spec.ts runs both).
 */
export function scopePredicate(scope: RecordScope, managerColumn: string, idsSql: string): string | null {
  if (scope.managerIds === null) return null;
  if (!scope.managerIds.length) return 'FALSE';
  // One manager (a sales manager's own records) is an equality: the planner then reads an
  // index on (manager, sort key) in order. `= ANY(array)` even of one id sorts every record
  // of the manager first (PostgreSQL 15: 40,000 deals for one page of 25 at 1M clients).
  return scope.managerIds.length === 1 ? `${managerColumn} = (${idsSql})[1]` : `${managerColumn} = ANY(${idsSql})`;
}

/** The value for `scopePredicate`'s `idsSql` placeholder (null when it has none). */
export function scopeManagerIds(scope: RecordScope): string[] | null {
  return scope.managerIds === null || !scope.managerIds.length ? null : [...scope.managerIds];
}

/**
 * The shape of a scope's SQL: statements built once per shape (see `scopePredicate`) are
 * cached under it. 'all' has no condition, 'none' is FALSE, 'one' and 'some' take the id
 * array (one manager is an equality, several `= ANY`).
 */
export function scopeShape(scope: RecordScope): 'all' | 'none' | 'one' | 'some' {
  if (scope.managerIds === null) return 'all';
  return scope.managerIds.length === 0 ? 'none' : scope.managerIds.length === 1 ? 'one' : 'some';
}

let scopeParams = 0;

/**
 * Narrows a query to the records in scope (`scopePredicate`), e.g. `applyScope(qb, scope,
 * 'c.manager_id')`. Each call has its own parameter name, so a query may apply a scope in
 * several places (a subquery, a join) without the values colliding.
 */
export function applyScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, scope: RecordScope, managerColumn: string): SelectQueryBuilder<T> {
  const name = `scope${++scopeParams}`;
  const condition = scopePredicate(scope, managerColumn, `CAST(:${name} AS uuid[])`);
  if (!condition) return qb;
  const ids = scopeManagerIds(scope);
  return ids ? qb.andWhere(condition, { [name]: ids }) : qb.andWhere(condition);
}

/** True when a record owned by `managerId` is inside the scope (for already-loaded rows). */
export function inScope(scope: RecordScope, managerId: string | null | undefined): boolean {
  if (scope.managerIds === null) return true;
  return managerId != null && scope.managerIds.includes(managerId);
}
