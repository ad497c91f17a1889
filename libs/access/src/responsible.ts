import type { Role } from './roles';

/**
 * Who may be a client's (or deal's, or plan's) responsible manager: an active
 * sales manager or sales head (heads sell too). One rule, used by the API when
 * it checks an assignment (through its SQL twin `responsibleManagerSql`) and by
 * the web client when it offers managers to pick from.
 */
export const RESPONSIBLE_MANAGER_ROLES = ['sales_manager', 'sales_head'] as const satisfies readonly Role[];

export type ResponsibleManagerRole = (typeof RESPONSIBLE_MANAGER_ROLES)[number];

/** True if a user of `role` may be made responsible for clients, deals and plans (activity aside). */
export function isResponsibleManagerRole(role: unknown): role is ResponsibleManagerRole {
  return typeof role === 'string' && (RESPONSIBLE_MANAGER_ROLES as readonly string[]).includes(role);
}

/** The whole rule: the user has a responsible-manager role and is active (a deactivated account gets nothing new). */
export function mayBeResponsibleManager(user: { role: unknown; isActive: boolean }): boolean {
  return user.isActive && isResponsibleManagerRole(user.role);
}
