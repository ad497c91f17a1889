import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { reachOf } from '@polar/access';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';

/**
 * Whose figures a report may count: `null` = everyone's, otherwise the responsible
 * managers (client-bound figures: payments, deals, invoices) and the employees (tasks)
 * in sight. Every report query takes it as one `uuid[]` parameter, so a figure outside
 * the scope can never enter a total.
 */
export interface AnalyticsScope {
  managerIds: string[] | null;
}

/**
 * Turns the access rules into a report scope. The client reach of `@polar/access`
 * decides the managers (a sales manager: themselves; an assistant: the managers
 * assisted; heads and management: everyone); a sales head with a department is then
 * narrowed to the staff of that department, so a head sees their department's figures
 * and the director the whole company.
 */
@Injectable()
export class AnalyticsScopeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(user: AuthenticatedUser): Promise<AnalyticsScope> {
    const reach = reachOf(user, 'client', 'see');
    if (reach !== 'all') {
      const ids = new Set<string>();
      for (const term of reach) if (term.field === 'clientManager') term.anyOf.forEach((id) => ids.add(id));
      return { managerIds: [...ids] };
    }
    if (user.role !== 'sales_head') return { managerIds: null };
    // users is the platform's staff directory: read-only here.
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT u.id FROM users u JOIN users me ON me.id = $1 WHERE me.department_id IS NOT NULL AND u.department_id = me.department_id`,
      [user.id],
    );
    return { managerIds: rows.length ? rows.map((r) => r.id) : null };
  }
}
