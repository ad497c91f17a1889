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
  /** Refresh-token family of the sign-in this token belongs to. */
  fid: string;
}

export type RequestUser = AuthenticatedUser & { sessionFamilyId: string };

/**
 * Verifies the bearer access token with passport-jwt, then loads the user afresh: a
 * deactivated account or a changed role takes effect on the very next request, not
 * when the token expires.
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
        (payload: AccessTokenPayload, done: (err: unknown, user?: RequestUser | false) => void) => {
          this.loadUser(payload).then((user) => done(null, user), done);
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

  private async loadUser(payload: AccessTokenPayload): Promise<RequestUser | false> {
    const rows: Array<{ id: string; email: string; full_name: string; role: Role; is_active: boolean; assisted: string[] | null }> =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.full_name, u.role, u.is_active,
                (SELECT array_agg(ua.manager_id::text) FROM user_assistants ua WHERE ua.assistant_id = u.id) AS assisted
           FROM users u WHERE u.id = $1`,
        [payload.sub],
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
      sessionFamilyId: payload.fid,
    };
  }
}
