import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { permissionsOf } from '@polar/access';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/context/clock';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { loadUserDtos } from '../users/users.queries';
import { User } from '../users/entities/user.entity';
import { invalidCredentials, invalidRefreshToken, refreshTokenReused, tooManyAttempts, wrongCurrentPassword } from './auth.errors';
import type { MeDto, TokenPairDto } from './dto/auth.dto';
import { AuthActorCache } from './actor-cache';
import { LoginAttempt } from './entities/login-attempt.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { PasswordHasher } from '../../common/auth/password-hasher';
import { hashToken, type IssuedTokens, SessionsService } from './sessions.service';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly actors: AuthActorCache,
  ) {}

  /**
   * Signs in. An unknown e-mail and a wrong password get the same answer in the same
   * time; failures are throttled in the database (so it holds across replicas) per
   * e-mail + address, per e-mail over all addresses, and per address (see enforceThrottle).
   */
  async login(emailRaw: string, password: string, ip: string): Promise<TokenPairDto> {
    const email = emailRaw.trim().toLowerCase();
    await this.enforceThrottle(email, ip);

    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok || !user.isActive) {
      await this.dataSource.getRepository(LoginAttempt).insert({ email, ip, succeeded: false });
      throw invalidCredentials();
    }

    const tokens = await this.dataSource.transaction(async (em) => {
      await em.insert(LoginAttempt, { email, ip, succeeded: true });
      await em.update(User, { id: user.id }, { lastLoginAt: this.clock.now(), version: () => 'version' });
      return this.sessions.start(em, user.id);
    });
    const [dto] = await loadUserDtos(this.dataSource.manager, [user.id]);
    return { ...tokens, user: dto };
  }

  /**
   * Three limits over a sliding window, each answered with 429 and the seconds until it
   * lifts:
   * - one e-mail from one address (typos, or guessing from one machine): low;
   * - one e-mail from every address together (guessing spread over many IPs): higher, so
   *   a stranger cannot lock a user out as easily, but distributed guessing stays slow;
   * - one address over every e-mail: far higher, because a whole office shares one
   *   public address and one person's typos must not lock out the colleagues.
   * Failures of an e-mail count since its last successful sign-in.
   *
   * Each limit's query finds the L-th newest failure in its scope (an index range read
   * backwards, at most L rows): while it is inside the window the limit is reached,
   * and the limit lifts exactly when that failure leaves the window.
   */
  private async enforceThrottle(email: string, ip: string): Promise<void> {
    const { windowSeconds, maxFailuresPerEmailAndIp, maxFailuresPerEmail, maxFailuresPerIp } = this.config.loginThrottle;
    const now = this.clock.now();
    const since = new Date(now.getTime() - windowSeconds * 1000);
    const [row]: Array<{ by_pair: Date | null; by_email: Date | null; by_ip: Date | null }> = await this.dataSource.query(
      `WITH counted AS (
         SELECT greatest($3::timestamptz,
                  coalesce((SELECT max(created_at) FROM login_attempts WHERE email = $1 AND succeeded), $3::timestamptz)) AS since
       )
       SELECT
         (SELECT a.created_at FROM login_attempts a, counted c
           WHERE a.email = $1 AND a.ip = $2 AND NOT a.succeeded AND a.created_at >= c.since
           ORDER BY a.created_at DESC OFFSET $4 LIMIT 1) AS by_pair,
         (SELECT a.created_at FROM login_attempts a, counted c
           WHERE a.email = $1 AND NOT a.succeeded AND a.created_at >= c.since
           ORDER BY a.created_at DESC OFFSET $5 LIMIT 1) AS by_email,
         (SELECT a.created_at FROM login_attempts a
           WHERE a.ip = $2 AND NOT a.succeeded AND a.created_at >= $3
           ORDER BY a.created_at DESC OFFSET $6 LIMIT 1) AS by_ip`,
      [email, ip, since, maxFailuresPerEmailAndIp - 1, maxFailuresPerEmail - 1, maxFailuresPerIp - 1],
    );
    const liftsAt = [row.by_pair, row.by_email, row.by_ip]
      .filter((at): at is Date => at !== null)
      .map((at) => new Date(at).getTime() + windowSeconds * 1000);
    if (liftsAt.length) {
      const seconds = Math.ceil((Math.max(...liftsAt) - now.getTime()) / 1000);
      throw tooManyAttempts(Math.min(windowSeconds, Math.max(1, seconds)));
    }
  }

  /** Rotates a refresh token. Reusing a spent one revokes its whole family. */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    type Outcome = { kind: 'invalid' | 'reused'; endedFor?: string } | { kind: 'ok'; userId: string; tokens: IssuedTokens };
    const outcome = await this.dataSource.transaction(async (em): Promise<Outcome> => {
      const token = await em
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: hashToken(refreshToken) })
        .getOne();
      if (!token) return { kind: 'invalid' };
      if (token.usedAt || token.revokedAt) {
        // A spent token presented again: someone holds a copy. End the whole session,
        // including the access tokens issued to it. (A revoked token's session has
        // already ended.)
        await this.sessions.end(em, token.familyId, 'refresh_reuse');
        return { kind: token.usedAt ? 'reused' : 'invalid', endedFor: token.userId };
      }
      if (token.expiresAt.getTime() <= this.clock.now().getTime()) return { kind: 'invalid' };
      const user = await em.findOne(User, { where: { id: token.userId } });
      if (!user?.isActive) {
        await this.sessions.end(em, token.familyId, 'deactivated');
        return { kind: 'invalid', endedFor: token.userId };
      }
      await em.update(RefreshToken, { id: token.id }, { usedAt: this.clock.now() });
      return { kind: 'ok', userId: user.id, tokens: await this.sessions.issue(em, user.id, token.familyId) };
    });
    // Committed: the ended session's access tokens are refused from the next request on.
    if (outcome.kind !== 'ok' && outcome.endedFor) this.actors.forget(outcome.endedFor);
    // Thrown after the transaction commits, so the revocation above is kept.
    if (outcome.kind === 'reused') throw refreshTokenReused();
    if (outcome.kind !== 'ok') throw invalidRefreshToken();
    const [dto] = await loadUserDtos(this.dataSource.manager, [outcome.userId]);
    return { ...outcome.tokens, user: dto };
  }

  /** Ends the sign-in the refresh token belongs to, its access tokens included. Unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    const userId = await this.dataSource.transaction(async (em) => {
      const token = await em.findOne(RefreshToken, { where: { tokenHash: hashToken(refreshToken) } });
      if (token) await this.sessions.end(em, token.familyId, 'sign_out');
      return token?.userId ?? null;
    });
    if (userId) this.actors.forget(userId);
  }

  async me(userId: string): Promise<MeDto> {
    const [dto] = await loadUserDtos(this.dataSource.manager, [userId]);
    return { ...dto, permissions: [...permissionsOf(dto.role)] };
  }

  /**
   * Changes the caller's password and ends every other session of theirs at once. The
   * session that made the change stays signed in: it has just proved the password.
   */
  async changePassword(userId: string, sessionId: string, current: string, next: string): Promise<void> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :userId', { userId })
      .getOneOrFail();
    if (!(await this.hasher.verify(user.passwordHash, current))) throw wrongCurrentPassword();
    const passwordHash = await this.hasher.hash(next);
    await this.dataSource.transaction(async (em) => {
      await em.update(User, { id: userId }, { passwordHash });
      await this.sessions.endAllForUser(em, userId, 'password_change', sessionId);
      await this.audit.record(em, { action: 'password_change', entityType: 'user', entityId: userId });
    });
    this.actors.forget(userId);
  }
}
