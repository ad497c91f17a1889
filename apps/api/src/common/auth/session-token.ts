import type { Request } from 'express';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * Turns a staff member's session access token into the actor of the request, for the
 * global guard. Implemented by the auth module (AccessTokenVerifier); the guard knows
 * only this contract, as it knows API tokens only through ApiKeyAuthenticator.
 */
export abstract class SessionTokenAuthenticator {
  /** The signed-in person, or a 401 DomainError (missing, invalid or expired token, ended session, deactivated user). */
  abstract authenticate(req: Request): Promise<AuthenticatedUser>;
}
