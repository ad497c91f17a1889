import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error';
import type { UserDto } from './dto/user.dto';
import { User } from './entities/user.entity';

/**
 * Loads users as DTOs with their department name and assisted managers in two
 * queries, whatever the number of users (no query per user).
 */
export async function loadUserDtos(em: EntityManager, ids: string[]): Promise<UserDto[]> {
  if (!ids.length) return [];
  const users = await em
    .getRepository(User)
    .createQueryBuilder('u')
    .leftJoinAndSelect('u.department', 'd')
    .where('u.id IN (:...ids)', { ids })
    .getMany();
  const byId = new Map(users.map((u) => [u.id, u]));
  const assisted = await assistedManagersOf(em, ids);
  return ids.map((id) => {
    const u = byId.get(id);
    if (!u) throw new NotFoundError('User');
    return mapUser(u, assisted.get(id) ?? []);
  });
}

export async function assistedManagersOf(em: EntityManager, assistantIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!assistantIds.length) return out;
  const rows: Array<{ assistant_id: string; manager_id: string }> = await em.query(
    `SELECT assistant_id, manager_id FROM user_assistants WHERE assistant_id = ANY($1::uuid[]) ORDER BY manager_id`,
    [assistantIds],
  );
  for (const r of rows) out.set(r.assistant_id, [...(out.get(r.assistant_id) ?? []), r.manager_id]);
  return out;
}

export function mapUser(u: User, assistedManagerIds: string[]): UserDto {
  return {
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    role: u.role,
    position: u.position,
    phone: u.phone,
    departmentId: u.departmentId,
    departmentName: u.department?.name ?? null,
    isActive: u.isActive,
    assistedManagerIds,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
    version: u.version,
  };
}
