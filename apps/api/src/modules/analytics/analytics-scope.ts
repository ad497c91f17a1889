import { Injectable } from '@nestjs/common';
import { reachOf } from '@polar/access';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { UsersDirectory } from '../users/users-directory';

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
  constructor(private readonly users: UsersDirectory) {}

  async of(user: AuthenticatedUser): Promise<AnalyticsScope> {
    const reach = reachOf(user, 'client', 'see');
    if (reach !== 'all') {
      const ids = new Set<string>();
      for (const term of reach) if (term.field === 'clientManager') term.anyOf.forEach((id) => ids.add(id));
      return { managerIds: [...ids] };
    }
    if (user.role !== 'sales_head') return { managerIds: null };
    const colleagues = await this.users.departmentColleagues(user.id);
    return { managerIds: colleagues.length ? colleagues : null };
  }
}
