import type { AuthenticatedUser } from '../../common/auth/authenticated-user';

/** A person signed in with an access token: the user and the session (auth_sessions.id) the token belongs to. */
export type RequestUser = AuthenticatedUser & { sessionId: string };
