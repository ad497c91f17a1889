import type { EntityManager } from 'typeorm';

/** The reasons an account change (not the user signing out) ends all of a user's sessions. */
export type AccountSessionEndReason = 'deactivated' | 'password_reset';

/**
 * What a change of a staff account needs from sign-in: end the user's sessions and drop
 * the process's cached actor. The users module sits below the auth module (auth reads
 * users' rows), so it may not import auth; it asks for this contract, which the auth
 * module provides (AuthAccountSessions), as the guard asks for SessionTokenAuthenticator.
 */
export abstract class AccountSessions {
  /** Ends every open session of the user within the caller's transaction (refresh tokens revoked too). */
  abstract endAllForUser(em: EntityManager, userId: string, reason: AccountSessionEndReason): Promise<void>;

  /** Drops the user's cached actor; call right after the change commits, before answering. */
  abstract forgetActor(userId: string): void;

  /** Drops every cached actor (a change that moves other users' scope); after commit. */
  abstract forgetAllActors(): void;
}
