import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { IsNull, type EntityManager } from 'typeorm';
import { Clock } from '../../common/context/clock';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuthSession, type SessionEndReason } from './entities/auth-session.entity';
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

/**
 * Issues, rotates and ends sign-in sessions: a session row, its access tokens (which
 * carry the session id as `sid`) and its refresh-token family. Ending a session ends
 * all of them at once: the access-token check reads the session on every request.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  /** Starts a session and issues its first token pair. */
  async start(em: EntityManager, userId: string): Promise<IssuedTokens> {
    const sessionId = randomUUID();
    await em.insert(AuthSession, { id: sessionId, userId });
    return this.issue(em, userId, sessionId);
  }

  /** Issues a token pair within an open session (sign-in or refresh-token rotation). */
  async issue(em: EntityManager, userId: string, sessionId: string): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await em.insert(RefreshToken, {
      userId,
      familyId: sessionId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(now.getTime() + this.config.jwt.refreshTtlSeconds * 1000),
    });
    const payload: AccessTokenPayload = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(payload, {
      secret: this.config.jwt.accessSecret,
      expiresIn: this.config.jwt.accessTtlSeconds,
      algorithm: 'HS256',
    });
    return { accessToken, refreshToken, expiresIn: this.config.jwt.accessTtlSeconds };
  }

  /** Ends one session: its refresh tokens die and its access tokens are refused from the next request. */
  async end(em: EntityManager, sessionId: string, reason: SessionEndReason): Promise<void> {
    const now = this.clock.now();
    await em.update(AuthSession, { id: sessionId, endedAt: IsNull() }, { endedAt: now, endReason: reason });
    await em.update(RefreshToken, { familyId: sessionId, revokedAt: IsNull() }, { revokedAt: now });
  }

  /** Signs the user out everywhere, optionally keeping one session (the caller's). */
  async endAllForUser(em: EntityManager, userId: string, reason: SessionEndReason, exceptSessionId?: string): Promise<void> {
    const now = this.clock.now();
    const sessions = em
      .createQueryBuilder()
      .update(AuthSession)
      .set({ endedAt: now, endReason: reason })
      .where('user_id = :userId AND ended_at IS NULL', { userId });
    const tokens = em
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: now })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptSessionId) {
      sessions.andWhere('id <> :exceptSessionId', { exceptSessionId });
      tokens.andWhere('family_id <> :exceptSessionId', { exceptSessionId });
    }
    await sessions.execute();
    await tokens.execute();
  }
}
