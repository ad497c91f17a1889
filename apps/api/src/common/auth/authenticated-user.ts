import type { Permission, Role } from '@polar/access';

/**
 * The user behind a request: as the database has it now (loaded per request, or from the
 * access check's cache, which is invalidated on every change: modules/auth/actor-cache.ts).
 */
export interface AuthenticatedUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  permissions: readonly Permission[];
  /** For sales assistants: the managers whose clients they work with. */
  assistedManagerIds: string[];
  /** Set when the request came with an API token rather than a sign-in. */
  apiToken?: { id: string; name: string };
}
