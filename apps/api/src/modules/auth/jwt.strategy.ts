import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { permissionsOf, type Role } from '@polar/access';
import type { Request } from 'express';
import { Passport } from 'passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

export interface AccessTokenPayload {
  sub: string;
  /** The session (auth_sessions.id, also its refresh-token family) this token belongs to. */
  sid: string;
}

/** The claims a verified token must carry; jsonwebtoken adds `iat` and `exp` when signing. */
type VerifiedClaims = Partial<AccessTokenPayload> & { exp?: unknown; iat?: unknown };

export type RequestUser = AuthenticatedUser & { sessionId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies the bearer access token with passport-jwt, then loads the user and the
 * token's session afresh in one query: a deactivated account, a changed role or an
 * ended session (sign-out, reused refresh token, password change or reset) takes
 * effect on the very next request, not when the token expires.
 *
 * The strategy lives in a Passport instance of its own rather than passport's global
 * registry, so that two application instances in one process (tests, the job
 * lock test) never verify tokens with each other's database.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly passport = new Passport();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.passport.use(
      'jwt',
      new Strategy(
        {
          jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
          // A KeyObject, not a string: jsonwebtoken otherwise tries to parse the secret as
          // a PEM key on every verification (a quarter of the CPU of a cheap request).
          secretOrKey: createSecretKey(Buffer.from(config.jwt.accessSecret)) as unknown as string,
          algorithms: ['HS256'],
        },
        (claims: VerifiedClaims, done: (err: unknown, user?: RequestUser | false) => void) => {
          // jsonwebtoken checks `exp` only when it is present: a correctly signed token
          // without it would never expire, so it is refused here.
          if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') return done(null, false);
          if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !UUID.test(claims.sub) || !UUID.test(claims.sid)) {
            return done(null, false);
          }
          this.loadUser({ sub: claims.sub, sid: claims.sid }).then((user) => done(null, user), done);
        },
      ),
    );
  }

  /** Resolves the signed-in user of the request, or throws 401. */
  authenticate(req: Request): Promise<RequestUser> {
    return new Promise((resolve, reject) => {
      const handler = this.passport.authenticate('jwt', { session: false }, (err: unknown, user: RequestUser | false) => {
        if (err instanceof DomainError) return reject(err);
        if (err || !user) return reject(new DomainError(401, 'unauthorized', 'A valid access token is required'));
        resolve(user);
      });
      handler(req, undefined, reject);
    });
  }

  /** The user, if active and if the token's session is still open (both primary-key look-ups). */
  private async loadUser(payload: AccessTokenPayload): Promise<RequestUser | false> {
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
