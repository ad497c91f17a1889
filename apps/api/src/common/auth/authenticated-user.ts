import type { Permission, Role } from '@polar/access';

/** The user behind a request, loaded fresh from the database on every request. */
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
