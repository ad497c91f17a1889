import type { Role } from './roles';

/**
 * How far a role's record-level view of client data reaches.
 * - `all`: every client (management, heads, service, marketing, quality)
 * - `own`: clients whose responsible manager is the user (sales managers)
 * - `assisted`: clients of the managers the user assists (sales assistants)
 * - `none`: no client records unless a module grants them (legal sees only the
 *   complaints it is involved in)
 */
export type ClientScopeKind = 'all' | 'own' | 'assisted' | 'none';

export const ROLE_CLIENT_SCOPE: Readonly<Record<Role, ClientScopeKind>> = {
  admin: 'all',
  director: 'all',
  sales_head: 'all',
  sales_manager: 'own',
  sales_assistant: 'assisted',
  service: 'all',
  marketing: 'all',
  quality: 'all',
  legal: 'none',
};
