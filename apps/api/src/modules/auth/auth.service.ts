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
import { LoginAttempt } from './entities/login-attempt.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { PasswordHasher } from './password-hasher';
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
  ) {}

  /**
   * Signs in. An unknown e-mail and a wrong password get the same answer in the same
   * time; failures are throttled per e-mail and per IP (in the database, so it holds
   * across replicas).
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
      return this.sessions.issue(em, user.id);
    });
    const [dto] = await loadUserDtos(this.dataSource.manager, [user.id]);
    return { ...tokens, user: dto };
  }

  private async enforceThrottle(email: string, ip: string): Promise<void> {
    const { windowSeconds, maxFailuresPerEmail, maxFailuresPerIp } = this.config.loginThrottle;
    const since = new Date(this.clock.now().getTime() - windowSeconds * 1000);
    // Failures for an e-mail count since its last success, so a user who finally gets
    // the password right starts with a clean slate.
    const [row] = await this.dataSource.query(
      `SELECT
         (SELECT count(*) FROM login_attempts
           WHERE email = $1 AND NOT succeeded AND created_at >= greatest($3::timestamptz,
             coalesce((SELECT max(created_at) FROM login_attempts WHERE email = $1 AND succeeded), $3::timestamptz)))::int AS by_email,
         (SELECT count(*) FROM login_attempts WHERE ip = $2 AND NOT succeeded AND created_at >= $3)::int AS by_ip`,
      [email, ip, since],
    );
    if (row.by_email >= maxFailuresPerEmail || row.by_ip >= maxFailuresPerIp) {
      throw tooManyAttempts(windowSeconds);
    }
  }

  /** Rotates a refresh token. Reusing a spent one revokes its whole family. */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    type Outcome = { kind: 'invalid' | 'reused' } | { kind: 'ok'; userId: string; tokens: IssuedTokens };
    const outcome = await this.dataSource.transaction(async (em): Promise<Outcome> => {
      const token = await em
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: hashToken(refreshToken) })
        .getOne();
      if (!token) return { kind: 'invalid' };
      if (token.usedAt || token.revokedAt) {
        await this.sessions.revokeFamily(em, token.familyId);
        return { kind: token.usedAt ? 'reused' : 'invalid' };
      }
      if (token.expiresAt.getTime() <= this.clock.now().getTime()) return { kind: 'invalid' };
      const user = await em.findOne(User, { where: { id: token.userId } });
      if (!user?.isActive) {
        await this.sessions.revokeFamily(em, token.familyId);
        return { kind: 'invalid' };
      }
      await em.update(RefreshToken, { id: token.id }, { usedAt: this.clock.now() });
      return { kind: 'ok', userId: user.id, tokens: await this.sessions.issue(em, user.id, token.familyId) };
    });
    // Thrown after the transaction commits, so the revocation above is kept.
    if (outcome.kind === 'reused') throw refreshTokenReused();
    if (outcome.kind !== 'ok') throw invalidRefreshToken();
    const [dto] = await loadUserDtos(this.dataSource.manager, [outcome.userId]);
    return { ...outcome.tokens, user: dto };
  }

  /** Ends the sign-in the refresh token belongs to. Unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const token = await em.findOne(RefreshToken, { where: { tokenHash: hashToken(refreshToken) } });
      if (token) await this.sessions.revokeFamily(em, token.familyId);
    });
  }

  async me(userId: string): Promise<MeDto> {
    const [dto] = await loadUserDtos(this.dataSource.manager, [userId]);
    return { ...dto, permissions: [...permissionsOf(dto.role)] };
  }

  /** Changes the caller's password and signs out every other session of theirs. */
  async changePassword(userId: string, sessionFamilyId: string, current: string, next: string): Promise<void> {
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
      await this.sessions.revokeAllForUser(em, userId, sessionFamilyId);
      await this.audit.record(em, { action: 'password_change', entityType: 'user', entityId: userId });
    });
  }
}
