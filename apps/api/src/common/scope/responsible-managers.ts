import { RESPONSIBLE_MANAGER_ROLES } from '@polar/access';
import type { EntityManager } from 'typeorm';

/**
 * The SQL twin of `mayBeResponsibleManager` from @polar/access: a condition on a
 * `users` row aliased `alias`. The role list comes from the library (no literal
 * roles here), so the API and the web client can never disagree about who may be
 * made responsible for a client, a deal or a plan.
 */
export function responsibleManagerSql(alias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`Bad SQL alias ${alias}`);
  const roles = RESPONSIBLE_MANAGER_ROLES.map((r) => `'${r}'`).join(', ');
  return `(${alias}.is_active AND ${alias}.role IN (${roles}))`;
}

/** A user who may be a responsible manager. */
export interface ResponsibleManager {
  id: string;
  email: string;
  fullName: string;
}

/**
 * The responsible managers among `ids` (all of them when `ids` is omitted), read
 * inside the caller's transaction. Ids that are not managers are simply absent.
 */
export async function findResponsibleManagers(em: EntityManager, ids?: readonly string[]): Promise<ResponsibleManager[]> {
  const where = responsibleManagerSql('u');
  const rows: Array<{ id: string; email: string; full_name: string }> = ids
    ? await em.query(`SELECT u.id, u.email, u.full_name FROM users u WHERE u.id = ANY($1::uuid[]) AND ${where}`, [[...ids]])
    : await em.query(`SELECT u.id, u.email, u.full_name FROM users u WHERE ${where} ORDER BY u.full_name`);
  return rows.map((r) => ({ id: r.id, email: r.email, fullName: r.full_name }));
}

/** The one manager `id`, or null when that user may not be responsible for anything. */
export async function findResponsibleManager(em: EntityManager, id: string): Promise<ResponsibleManager | null> {
  const [found] = await findResponsibleManagers(em, [id]);
  return found ?? null;
}
