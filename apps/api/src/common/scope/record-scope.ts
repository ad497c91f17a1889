import { ROLE_CLIENT_SCOPE } from '@polar/access';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * Which clients' records a user may see, expressed as the set of responsible managers.
 * `null` managers means "no restriction". Every repository that reads client data
 * (clients, deals, invoices, tasks, reports…) narrows its query through `applyScope`.
 */
export interface RecordScope {
  /** Responsible-manager ids the user is limited to; null = everyone's records. */
  readonly managerIds: readonly string[] | null;
}

export const UNRESTRICTED: RecordScope = { managerIds: null };

export function scopeOf(user: Pick<AuthenticatedUser, 'id' | 'role' | 'assistedManagerIds'>): RecordScope {
  switch (ROLE_CLIENT_SCOPE[user.role]) {
    case 'all':
      return UNRESTRICTED;
    case 'own':
      return { managerIds: [user.id] };
    case 'assisted':
      return { managerIds: [...user.assistedManagerIds] };
    case 'none':
      return { managerIds: [] };
  }
}

let paramCounter = 0;

/**
 * Narrows a query to the records in scope. `managerColumn` is the SQL expression of
 * the responsible manager (e.g. `client.manager_id` or `c.manager_id` through a join).
 * An empty scope matches nothing (`FALSE`), never everything.
 */
export function applyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  scope: RecordScope,
  managerColumn: string,
): SelectQueryBuilder<T> {
  if (scope.managerIds === null) return qb;
  if (scope.managerIds.length === 0) return qb.andWhere('FALSE');
  const param = `scopeManagerIds${++paramCounter}`;
  return qb.andWhere(`${managerColumn} IN (:...${param})`, { [param]: scope.managerIds });
}

/** True when a record owned by `managerId` is inside the scope (for already-loaded rows). */
export function inScope(scope: RecordScope, managerId: string | null | undefined): boolean {
  if (scope.managerIds === null) return true;
  return managerId != null && scope.managerIds.includes(managerId);
}
