import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { permissionsOf, type Role } from '@polar/access';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DomainError } from '../../common/errors/domain-error';

export interface AccessTokenPayload {
  sub: string;
  /** Refresh-token family of the sign-in this token belongs to. */
  fid: string;
}

/**
 * Verifies the access token, then loads the user afresh: a deactivated account or a
 * changed role takes effect on the very next request, not when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwt.accessSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: AccessTokenPayload): Promise<AuthenticatedUser & { sessionFamilyId: string }> {
    const rows: Array<{ id: string; email: string; full_name: string; role: Role; is_active: boolean; assisted: string[] | null }> =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.full_name, u.role, u.is_active,
                (SELECT array_agg(ua.manager_id::text) FROM user_assistants ua WHERE ua.assistant_id = u.id) AS assisted
           FROM users u WHERE u.id = $1`,
        [payload.sub],
      );
    const row = rows[0];
    if (!row || !row.is_active) throw new DomainError(401, 'unauthorized', 'The account is not active');
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
