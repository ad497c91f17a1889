import { can, isRole } from '@polar/access';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/** A person a task can be given to, or a plan set for. */
export interface StaffOption {
  id: string;
  name: string;
  role: string;
}

let staffLoad: Promise<StaffOption[]> | null = null;

/**
 * Active staff who work with tasks (roles with `planning.read`), by name. Needs
 * `users.read` — every role with `planning.team` or `plans.manage` has it. Loaded once
 * per page load.
 */
export function loadTaskStaff(): Promise<StaffOption[]> {
  if (!staffLoad) {
    staffLoad = unwrap(api.GET('/api/users', { params: { query: { isActive: true, pageSize: 200, sort: 'fullName' } } }))
      .then((page) =>
        page.items
          .filter((u) => isRole(u.role) && can(u.role, 'planning.read'))
          .map((u) => ({ id: u.id, name: u.fullName, role: u.role })),
      )
      .catch((error: unknown) => {
        staffLoad = null;
        throw error;
      });
  }
  return staffLoad;
}

/** Active sales managers (and heads, who may also sell): whom a monthly plan is set for. */
export async function loadPlanManagers(): Promise<StaffOption[]> {
  const staff = await loadTaskStaff();
  return staff.filter((s) => s.role === 'sales_manager' || s.role === 'sales_head');
}
