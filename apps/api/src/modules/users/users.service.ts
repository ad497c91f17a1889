import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@polar/access';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountSessions } from '../../common/auth/account-sessions';
import { PasswordHasher } from '../../common/auth/password-hasher';
import { NotFoundError, StaleVersionError } from '../../common/errors/domain-error';
import { type Page, pageOf, parseSort } from '../../common/pagination/page.dto';
import { AuditService } from '../audit/audit.service';
import { Department } from '../departments/entities/department.entity';
import type { CreateUserDto, UpdateUserDto, UserDto, UserListQueryDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { cannotChangeOwnAccount, departmentNotFound, emailTaken, notAnAssistant, notSalesManagers } from './users.errors';
import { assistedManagersOf, loadUserDtos, mapUser } from './users.queries';

const SORT_COLUMNS = {
  fullName: 'u.full_name',
  email: 'u.email',
  role: 'u.role',
  createdAt: 'u.created_at',
  lastLoginAt: 'u.last_login_at',
} as const;

/**
 * Staff accounts: administration by admin, read by director and heads. Every committed
 * change of an account forgets it in the actor cache before answering (AccountSessions,
 * common/auth/account-sessions.ts).
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: AccountSessions,
    private readonly audit: AuditService,
  ) {}

  async list(query: UserListQueryDto): Promise<Page<UserDto>> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u').leftJoinAndSelect('u.department', 'd');
    if (query.q) {
      qb.andWhere(`(u.full_name ILIKE :q ESCAPE '\\' OR u.email ILIKE :q ESCAPE '\\')`, { q: `%${escapeLike(query.q.trim())}%` });
    }
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.departmentId) qb.andWhere('u.department_id = :departmentId', { departmentId: query.departmentId });
    if (query.isActive !== undefined) qb.andWhere('u.is_active = :isActive', { isActive: query.isActive });
    const sort = parseSort(query.sort, SORT_COLUMNS, { column: SORT_COLUMNS.fullName, direction: 'ASC' });
    const [users, total] = await qb
      .orderBy(sort.column, sort.direction, 'NULLS LAST')
      .addOrderBy('u.id', 'ASC')
      // offset/limit, not skip/take: the only join is many-to-one, so rows are users.
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
    const assisted = await assistedManagersOf(this.dataSource.manager, users.map((u) => u.id));
    return pageOf(users.map((u) => mapUser(u, assisted.get(u.id) ?? [])), total, query);
  }

  async get(id: string): Promise<UserDto> {
    if (!(await this.dataSource.getRepository(User).exists({ where: { id } }))) throw new NotFoundError('User');
    const [dto] = await loadUserDtos(this.dataSource.manager, [id]);
    return dto;
  }

  async create(input: CreateUserDto): Promise<UserDto> {
    const email = input.email.toLowerCase();
    const passwordHash = await this.hasher.hash(input.password);
    const id = await this.dataSource.transaction(async (em) => {
      if (await em.exists(User, { where: { email } })) throw emailTaken();
      if (input.departmentId) await this.assertDepartment(em, input.departmentId);
      const user = em.create(User, {
        email,
        fullName: input.fullName,
        role: input.role,
        passwordHash,
        departmentId: input.departmentId ?? null,
        position: input.position ?? null,
        phone: input.phone ?? null,
        isActive: true,
      });
      await em.save(user);
      await this.audit.record(em, { action: 'create', entityType: 'user', entityId: user.id, after: publicFields(user) });
      return user.id;
    });
    return this.get(id);
  }

  async update(id: string, input: UpdateUserDto): Promise<UserDto> {
    await this.mutate(id, input.version, async (em, user) => {
      if (input.departmentId) await this.assertDepartment(em, input.departmentId);
      if (input.fullName !== undefined) user.fullName = input.fullName;
      if (input.position !== undefined) user.position = input.position || null;
      if (input.phone !== undefined) user.phone = input.phone || null;
      if (input.departmentId !== undefined) user.departmentId = input.departmentId;
      return 'update';
    });
    return this.get(id);
  }

  async changeRole(actorId: string, id: string, role: Role, version: number): Promise<UserDto> {
    if (actorId === id) throw cannotChangeOwnAccount();
    let wasManager = false;
    await this.mutate(id, version, async (em, user) => {
      wasManager = user.role === 'sales_manager' && role !== 'sales_manager';
      if (user.role === 'sales_assistant' && role !== 'sales_assistant') {
        await em.query(`DELETE FROM user_assistants WHERE assistant_id = $1`, [id]);
      }
      if (user.role === 'sales_manager' && role !== 'sales_manager') {
        await em.query(`DELETE FROM user_assistants WHERE manager_id = $1`, [id]);
      }
      user.role = role;
      return 'role_change';
    });
    // A sales manager's assistants lost him from their scope: forget everyone (rare).
    if (wasManager) this.sessions.forgetAllActors();
    return this.get(id);
  }

  /** Deactivation takes effect on the user's next request: every session ends now. */
  async setActive(actorId: string, id: string, active: boolean): Promise<UserDto> {
    if (actorId === id) throw cannotChangeOwnAccount();
    await this.mutate(id, null, async (em, user) => {
      user.isActive = active;
      if (!active) await this.sessions.endAllForUser(em, id, 'deactivated');
      return active ? 'activate' : 'deactivate';
    });
    return this.get(id);
  }

  async resetPassword(id: string, newPassword: string): Promise<void> {
    const passwordHash = await this.hasher.hash(newPassword);
    await this.mutate(id, null, async (em, user) => {
      user.passwordHash = passwordHash;
      await this.sessions.endAllForUser(em, id, 'password_reset');
      return 'password_reset';
    });
  }

  async setAssistedManagers(id: string, managerIds: string[]): Promise<UserDto> {
    const unique = [...new Set(managerIds)];
    await this.dataSource.transaction(async (em) => {
      const user = await this.lockUser(em, id);
      if (user.role !== 'sales_assistant') throw notAnAssistant();
      if (unique.length) {
        const found: Array<{ id: string }> = await em.query(
          `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND role = 'sales_manager' AND is_active`,
          [unique],
        );
        const ok = new Set(found.map((r) => r.id));
        const bad = unique.filter((m) => !ok.has(m));
        if (bad.length) throw notSalesManagers(bad);
      }
      const before = (await assistedManagersOf(em, [id])).get(id) ?? [];
      await em.query(`DELETE FROM user_assistants WHERE assistant_id = $1`, [id]);
      if (unique.length) {
        await em.query(
          `INSERT INTO user_assistants (assistant_id, manager_id) SELECT $1, unnest($2::uuid[])`,
          [id, unique],
        );
      }
      await this.audit.record(em, {
        action: 'update',
        entityType: 'user',
        entityId: id,
        before: { assistedManagerIds: [...before].sort() },
        after: { assistedManagerIds: [...unique].sort() },
      });
    });
    this.sessions.forgetActor(id);
    return this.get(id);
  }

  /**
   * Loads the user under a row lock, checks the version the caller read (when given),
   * applies the change and writes its history — all in one transaction.
   */
  private async mutate(
    id: string,
    expectedVersion: number | null,
    change: (em: EntityManager, user: User) => Promise<string>,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const user = await this.lockUser(em, id);
      if (expectedVersion !== null && user.version !== expectedVersion) {
        throw new StaleVersionError('User', expectedVersion, user.version);
      }
      const before = publicFields(user);
      const action = await change(em, user);
      await em.save(user);
      await this.audit.record(em, { action, entityType: 'user', entityId: id, before, after: publicFields(user) });
    });
    // Committed: the signed-in user's next request (to this process too) sees the change.
    this.sessions.forgetActor(id);
  }

  private async lockUser(em: EntityManager, id: string): Promise<User> {
    const user = await em
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .setLock('pessimistic_write')
      .where('u.id = :id', { id })
      .getOne();
    if (!user) throw new NotFoundError('User');
    return user;
  }

  private async assertDepartment(em: EntityManager, departmentId: string): Promise<void> {
    if (!(await em.exists(Department, { where: { id: departmentId } }))) throw departmentNotFound();
  }
}

/** The user's fields as history shows them (never the password hash). */
function publicFields(u: User): Record<string, unknown> {
  return {
    email: u.email,
    fullName: u.fullName,
    role: u.role,
    position: u.position,
    phone: u.phone,
    departmentId: u.departmentId,
    isActive: u.isActive,
  };
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
