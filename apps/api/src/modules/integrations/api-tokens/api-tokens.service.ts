import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@polar/access';
import { DataSource, type EntityManager } from 'typeorm';
import { API_TOKEN_PREFIX } from '../../../common/auth/api-key';
import type { AuthenticatedUser } from '../../../common/auth/authenticated-user';
import { Clock } from '../../../common/context/clock';
import { NotFoundError, ValidationFailedError } from '../../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AuditService } from '../../audit/audit.service';
import { User } from '../../users/entities/user.entity';
import { ApiToken } from './api-token.entity';
import { type ApiTokenDto, type CreateApiTokenDto, type CreatedApiTokenDto, mapApiToken } from './api-token.dto';

/**
 * Roles whose record scope is "mine" (own clients, the managers assisted): a token of
 * such a role means nothing without the staff member it acts for.
 */
const PERSONAL_ROLES: readonly Role[] = ['sales_manager', 'sales_assistant'];

export const hashApiToken = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Creates, lists, revokes and rotates API tokens (admin). Configuration records: audited directly. */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ApiTokenDto[]> {
    const rows = await this.dataSource.getRepository(ApiToken).find({ relations: { user: true }, order: { createdAt: 'DESC' } });
    const now = this.clock.now();
    return rows.map((t) => mapApiToken(t, t.user?.fullName ?? null, now));
  }

  async get(id: string): Promise<ApiTokenDto> {
    const t = await this.dataSource.getRepository(ApiToken).findOne({ where: { id }, relations: { user: true } });
    if (!t) throw new NotFoundError('API token');
    return mapApiToken(t, t.user?.fullName ?? null, this.clock.now());
  }

  async create(actor: AuthenticatedUser, dto: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    return this.dataSource.transaction(async (em) => {
      let role = dto.role;
      let userName: string | null = null;
      if (dto.userId) {
        const user = await em.findOne(User, { where: { id: dto.userId } });
        if (!user || !user.isActive) throw new ValidationFailedError([{ field: 'userId', message: 'userId must be an active staff member' }]);
        if (role && role !== user.role) {
          throw new ValidationFailedError([{ field: 'role', message: `role must be the bound staff member’s role (${user.role})` }]);
        }
        role = user.role;
        userName = user.fullName;
      }
      if (!role) throw new ValidationFailedError([{ field: 'role', message: 'role is required for a token not bound to a staff member' }]);
      if (!dto.userId && PERSONAL_ROLES.includes(role)) {
        throw new ValidationFailedError([{ field: 'userId', message: `a ${role} token acts for one staff member: userId is required` }]);
      }
      const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
      if (expiresAt && expiresAt <= this.clock.now()) throw new ValidationFailedError([{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
      return this.issue(em, actor, {
        name: dto.name,
        role,
        userId: dto.userId ?? null,
        expiresAt,
        ratePerSecond: dto.ratePerSecond ?? this.config.integrations.tokenRatePerSecond,
        burst: dto.burst ?? Math.max(dto.ratePerSecond ?? 0, this.config.integrations.tokenBurst),
        rotatedFrom: null,
      }, userName);
    });
  }

  async revoke(id: string): Promise<ApiTokenDto> {
    await this.dataSource.transaction(async (em) => {
      const t = await em.findOne(ApiToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!t) throw new NotFoundError('API token');
      if (t.revokedAt) return;
      await em.update(ApiToken, { id }, { revokedAt: this.clock.now() });
      await this.audit.record(em, { action: 'revoke', entityType: 'api_token', entityId: id, before: { revokedAt: null }, after: { revokedAt: this.clock.now() } });
    });
    return this.get(id);
  }

  /**
   * A new secret with the same settings; the old one keeps working for the overlap, so
   * an integration can switch without downtime.
   */
  async rotate(actor: AuthenticatedUser, id: string, overlapHours = 24): Promise<CreatedApiTokenDto> {
    return this.dataSource.transaction(async (em) => {
      const old = await em.findOne(ApiToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!old) throw new NotFoundError('API token');
      const now = this.clock.now();
      if (old.revokedAt || (old.expiresAt && old.expiresAt <= now)) {
        throw new ValidationFailedError([{ field: 'id', message: 'only an active token can be rotated' }]);
      }
      const until = new Date(now.getTime() + overlapHours * 3600_000);
      const oldEnds = old.expiresAt && old.expiresAt < until ? old.expiresAt : until;
      if (overlapHours === 0) await em.update(ApiToken, { id }, { revokedAt: now });
      else await em.update(ApiToken, { id }, { expiresAt: oldEnds });
      await this.audit.record(em, { action: 'rotate', entityType: 'api_token', entityId: id, before: { expiresAt: old.expiresAt }, after: { expiresAt: overlapHours === 0 ? now : oldEnds } });
      return this.issue(
        em,
        actor,
        { name: old.name, role: old.role as Role, userId: old.userId, expiresAt: old.expiresAt, ratePerSecond: old.ratePerSecond, burst: old.burst, rotatedFrom: old.id },
        old.userId ? ((await em.findOne(User, { where: { id: old.userId } }))?.fullName ?? null) : null,
      );
    });
  }

  private async issue(
    em: EntityManager,
    actor: AuthenticatedUser,
    fields: Pick<ApiToken, 'name' | 'userId' | 'expiresAt' | 'ratePerSecond' | 'burst' | 'rotatedFrom'> & { role: Role },
    userName: string | null,
  ): Promise<CreatedApiTokenDto> {
    // 30 random bytes: 240 bits, base64url without padding.
    const secret = API_TOKEN_PREFIX + randomBytes(30).toString('base64url');
    const token = em.create(ApiToken, {
      id: randomUUID(),
      ...fields,
      createdBy: actor.id,
      tokenHash: hashApiToken(secret),
      tokenPrefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      revokedAt: null,
      lastUsedAt: null,
      lastUsedIp: null,
    });
    await em.save(token);
    const { tokenHash: _hash, ...visible } = token;
    await this.audit.record(em, { action: 'create', entityType: 'api_token', entityId: token.id, after: visible });
    return { ...mapApiToken(token, userName, this.clock.now()), token: secret };
  }
}
