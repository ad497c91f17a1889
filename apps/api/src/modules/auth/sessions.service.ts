import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { IsNull, type EntityManager } from 'typeorm';
import { Clock } from '../../common/context/clock';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { RefreshToken } from './entities/refresh-token.entity';
import type { AccessTokenPayload } from './jwt.strategy';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues, rotates and revokes sign-in sessions (access token + refresh-token family). */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  /** Issues a token pair; a new family unless rotating within one. */
  async issue(em: EntityManager, userId: string, familyId: string = randomUUID()): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await em.insert(RefreshToken, {
      userId,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(now.getTime() + this.config.jwt.refreshTtlSeconds * 1000),
    });
    const payload: AccessTokenPayload = { sub: userId, fid: familyId };
    const accessToken = await this.jwt.signAsync(payload, {
      secret: this.config.jwt.accessSecret,
      expiresIn: this.config.jwt.accessTtlSeconds,
      algorithm: 'HS256',
    });
    return { accessToken, refreshToken, expiresIn: this.config.jwt.accessTtlSeconds };
  }

  async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** Signs the user out everywhere, optionally keeping one sign-in (the caller's). */
  async revokeAllForUser(em: EntityManager, userId: string, exceptFamilyId?: string): Promise<void> {
    const qb = em
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: this.clock.now() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptFamilyId) qb.andWhere('family_id <> :exceptFamilyId', { exceptFamilyId });
    await qb.execute();
  }
}
