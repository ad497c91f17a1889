import { can, isRole, mayBeResponsibleManager } from '@polar/access';
import { hashKey } from '@tanstack/vue-query';
import { computed, shallowRef, type ComputedRef, type Ref } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { UserDto } from '@/api/types';
import { queryClient, REFERENCE_STALE_MS } from '@/shared/query/client';

/** A person as the pickers show them (responsible manager, assignee, plan owner). */
export interface StaffOption {
  id: string;
  name: string;
  role: string;
}

/** Query keys of the staff lists (invalidated by the users screen after a change). */
export const staffKeys = {
  active: ['users', 'active-staff'] as const,
};

/**
 * Every active member of staff, read once per session through the query cache (one
 * request; the managers filter, the responsible-manager pickers, the task assignees
 * and the plans all take their slice of it). Needs `users.read`.
 */
export function loadActiveStaff(): Promise<UserDto[]> {
  return queryClient.fetchQuery({
    queryKey: staffKeys.active,
    queryFn: async () =>
      (await unwrap(api.GET('/api/users', { params: { query: { isActive: true, pageSize: 200, sort: 'fullName' } } })))
        .items,
    staleTime: REFERENCE_STALE_MS,
  });
}

const byName = (a: StaffOption, b: StaffOption) => a.name.localeCompare(b.name, 'ru');
const option = (u: UserDto): StaffOption => ({ id: u.id, name: u.fullName, role: u.role });

/** Whom a client, a deal or a monthly plan can be given to: the @polar/access rule (active sales managers and heads). */
export function managersOf(staff: readonly UserDto[]): StaffOption[] {
  return staff
    .filter((u) => mayBeResponsibleManager(u))
    .map(option)
    .sort(byName);
}

/** The managers slice of the one staff list, read (once per session) if it is not cached yet. */
export async function loadManagers(): Promise<StaffOption[]> {
  return managersOf(await loadActiveStaff());
}

/**
 * The cached staff list as a reactive value. It mirrors the query cache entry rather
 * than holding a copy: a re-read after a user is edited shows everywhere at once, and
 * the sign-out's `queryClient.clear()` empties it (a `useQuery` observer would keep
 * showing the removed answer until its next read).
 */
const cachedStaff = shallowRef<UserDto[] | undefined>(queryClient.getQueryData<UserDto[]>(staffKeys.active));
const staffHash = hashKey(staffKeys.active);
queryClient.getQueryCache().subscribe((event) => {
  if (event.query.queryHash === staffHash) cachedStaff.value = queryClient.getQueryData<UserDto[]>(staffKeys.active);
});

/** Active staff as cached (empty until {@link loadActiveStaff} has answered). */
export const activeStaff: Readonly<Ref<readonly UserDto[]>> = computed(() => cachedStaff.value ?? []);

/**
 * The managers every picker and filter offers (the board, invoices, new deal, reports,
 * clients): one view of the one staff list, empty until {@link loadManagers} has read it.
 */
export const managerOptions: ComputedRef<StaffOption[]> = computed(() => managersOf(activeStaff.value));

/** Active staff who work with tasks (roles with `planning.read`), by name. */
export async function loadTaskStaff(): Promise<StaffOption[]> {
  const staff = await loadActiveStaff();
  return staff.filter((u) => isRole(u.role) && can(u.role, 'planning.read')).map(option).sort(byName);
}

/** After a user is created, edited or (de)activated: the pickers re-read the list. */
export function invalidateStaff(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: staffKeys.active });
}
