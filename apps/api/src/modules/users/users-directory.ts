import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { permissionsOf, type Role } from '@polar/access';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';

/**
 * Questions other modules ask about staff, answered by the users module that owns
 * `users` and `user_assistants` (others never read those tables themselves).
 */
@Injectable()
export class UsersDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The user as background work acts for them (an import runs with the rights of whoever
   * started it): role, permissions and assisted managers as they are now. Null when the
   * user no longer exists.
   */
  async actor(userId: string): Promise<AuthenticatedUser | null> {
    const [row]: Array<{ id: string; email: string; full_name: string; role: Role; assisted: string[] | null }> = await this.dataSource.query(
      `SELECT u.id, u.email, u.full_name, u.role,
              (SELECT array_agg(ua.manager_id::text) FROM user_assistants ua WHERE ua.assistant_id = u.id) AS assisted
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    if (!row) return null;
    return { id: row.id, email: row.email, fullName: row.full_name, role: row.role, permissions: permissionsOf(row.role), assistedManagerIds: row.assisted ?? [] };
  }

  /** Everyone in the user's department (the user included); empty when the user has no department. */
  async departmentColleagues(userId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT u.id FROM users u JOIN users me ON me.id = $1 WHERE me.department_id IS NOT NULL AND u.department_id = me.department_id`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /** Active users of a role (the administrators a system notice goes to). */
  async activeWithRole(em: EntityManager, role: Role): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(`SELECT id FROM users WHERE role = $1 AND is_active ORDER BY full_name`, [role]);
    return rows.map((r) => r.id);
  }
}
