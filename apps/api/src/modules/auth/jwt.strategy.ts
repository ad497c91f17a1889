import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { permissionsOf, type Role } from '@polar/access';
import type { Request } from 'express';
import { Passport } from 'passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { SessionTokenAuthenticator } from '../../common/auth/session-token';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuthActorCache } from './actor-cache';
import type { RequestUser } from './request-user';
import { VerifiedTokenCache } from './verified-token-cache';

export interface AccessTokenPayload {
  sub: string;
  /** The session (auth_sessions.id, also its refresh-token family) this token belongs to. */
  sid: string;
}

/** The claims a verified token must carry; jsonwebtoken adds `iat` and `exp` when signing. */
type VerifiedClaims = Partial<AccessTokenPayload> & { exp?: unknown; iat?: unknown };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const unauthorized = () => new DomainError(401, 'unauthorized', 'A valid access token is required');

/**
 * Verifies the bearer access token with passport-jwt, then checks the user and the
 * token's session: a deactivated account, a changed role or an ended session (sign-out,
 * reused refresh token, password change or reset) takes effect on the very next request,
 * not when the token expires.
 *
 * Both steps are cached per process, without weakening that promise:
 * - the signature check by token string ({@link VerifiedTokenCache}: never past `exp`);
 * - the user and session by (user id, session id) ({@link AuthActorCache}: only while
 *   this process LISTENs to the database triggers that announce every change of what it
 *   read, emptied and bypassed otherwise; services forget what they change right after
 *   their commit, so a change made through this process applies to the very next request
 *   deterministically — see actor-cache.ts for the whole rule). On a miss, and always on
 *   the embedded PGlite, the user is loaded afresh in one query as before.
 *
 * The strategy lives in a Passport instance of its own rather than passport's global
 * registry, so that two application instances in one process (tests, the job
 * lock test) never verify tokens with each other's database.
 */
@Injectable()
export class AccessTokenVerifier extends SessionTokenAuthenticator {
  private readonly passport = new Passport();
  private readonly extractToken = ExtractJwt.fromAuthHeaderAsBearerToken();
  private readonly tokens = new VerifiedTokenCache(10_000);
  /** How many times the user-and-session query ran (tests check that the cache is used). */
  readonly stats = { userLoads: 0, tokenHits: 0 };

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actors: AuthActorCache,
  ) {
    super();
    this.passport.use(
      'jwt',
      new Strategy(
        {
          jwtFromRequest: this.extractToken,
          // A KeyObject, not a string: jsonwebtoken otherwise tries to parse the secret as
          // a PEM key on every verification (a quarter of the CPU of a cheap request).
          secretOrKey: createSecretKey(Buffer.from(config.jwt.accessSecret)) as unknown as string,
          algorithms: ['HS256'],
          passReqToCallback: true,
        },
        (req: Request, claims: VerifiedClaims, done: (err: unknown, user?: RequestUser | false) => void) => {
          // jsonwebtoken checks `exp` only when it is present: a correctly signed token
          // without it would never expire, so it is refused here.
          if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') return done(null, false);
          if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !UUID.test(claims.sub) || !UUID.test(claims.sid)) {
            return done(null, false);
          }
          const token = this.extractToken(req);
          if (token) this.tokens.remember(token, { sub: claims.sub, sid: claims.sid, exp: claims.exp });
          this.actorOf(claims.sub, claims.sid).then((user) => done(null, user), done);
        },
      ),
    );
  }

  /** Resolves the signed-in user of the request, or throws 401. */
  authenticate(req: Request): Promise<RequestUser> {
    const token = this.extractToken(req);
    const verified = token ? this.tokens.get(token) : undefined;
    if (verified) {
      this.stats.tokenHits++;
      return this.actorOf(verified.sub, verified.sid).then(
        (user) => {
          if (!user) throw unauthorized();
          return user;
        },
        // As on the passport path: a failed load is a refusal, not a 500.
        (err: unknown) => {
          throw err instanceof DomainError ? err : unauthorized();
        },
      );
    }
    return new Promise((resolve, reject) => {
      const handler = this.passport.authenticate('jwt', { session: false }, (err: unknown, user: RequestUser | false) => {
        if (err instanceof DomainError) return reject(err);
        if (err || !user) return reject(unauthorized());
        resolve(user);
      });
      handler(req, undefined, reject);
    });
  }

  /** The user of the session, from the actor cache or the database; a copy per request. */
  private async actorOf(userId: string, sessionId: string): Promise<RequestUser | false> {
    const cached = this.actors.get(userId, sessionId);
    if (cached) return copyOf(cached);
    const ticket = this.actors.beginLoad();
    const user = await this.loadUser({ sub: userId, sid: sessionId });
    if (user) this.actors.store(ticket, userId, sessionId, copyOf(user));
    return user;
  }

  /** The user, if active and if the token's session is still open (both primary-key look-ups). */
  private async loadUser(payload: AccessTokenPayload): Promise<RequestUser | false> {
    this.stats.userLoads++;
    const rows: Array<{ id: string; email: string; full_name: string; role: Role; is_active: boolean; assisted: string[] | null }> =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.full_name, u.role, u.is_active,
                (SELECT array_agg(ua.manager_id::text) FROM user_assistants ua WHERE ua.assistant_id = u.id) AS assisted
           FROM users u
           JOIN auth_sessions s ON s.id = $2 AND s.user_id = u.id AND s.ended_at IS NULL
          WHERE u.id = $1`,
        [payload.sub, payload.sid],
      );
    const row = rows[0];
    if (!row || !row.is_active) return false;
    return {
      id: row.id,
      email: row.email,
      fullName: row.full_name,
      role: row.role,
      permissions: permissionsOf(row.role),
      assistedManagerIds: row.assisted ?? [],
      sessionId: payload.sid,
    };
  }
}

/** Each request gets its own object: nothing a request does to req.user reaches the cache. */
function copyOf(user: RequestUser): RequestUser {
  return { ...user, permissions: [...user.permissions], assistedManagerIds: [...user.assistedManagerIds] };
}
