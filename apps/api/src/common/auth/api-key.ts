import type { Request } from 'express';
import type { AuthenticatedUser } from './authenticated-user';

/** The prefix of every API token: a bearer value starting with it is an API token, not a session JWT. */
export const API_TOKEN_PREFIX = 'polar_';

/** The API token in a request: `X-API-Key`, or `Authorization: Bearer polar_…`; null when there is none. */
export function apiKeyOf(req: Request): string | null {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header.trim();
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith(`Bearer ${API_TOKEN_PREFIX}`)) return auth.slice('Bearer '.length).trim();
  return null;
}

/**
 * Turns an API token into the actor of the request, for the global guard. Implemented by
 * the integrations module; the guard treats the result exactly like a signed-in user, so
 * a token has the same permissions and record scope as the staff member or role it acts as.
 */
export abstract class ApiKeyAuthenticator {
  /** The actor, or a 401 (unknown, revoked, expired) / 429 (rate limit) DomainError. */
  abstract authenticate(req: Request, key: string): Promise<AuthenticatedUser>;
}
