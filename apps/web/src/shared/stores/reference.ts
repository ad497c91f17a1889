import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { DepartmentDto, ReferenceItemDto, ReferenceKind } from '@/api/types';
import { activeStaff, loadManagers as loadManagerOptions, managerOptions } from '@/shared/api/staff';
import { queryClient, REFERENCE_STALE_MS } from '@/shared/query/client';

/** A responsible manager as the client screens show it. */
export interface ManagerOption {
  id: string;
  name: string;
}

/**
 * Small reference lists shared by several screens. The answers live in the query
 * cache (read once per session, cleared at sign-out); this store only keeps the
 * loaded lists handy for computed lookups and the manager names learnt on the way
 * (the managers themselves are the one staff list's, see shared/api/staff.ts).
 */
export const useReferenceStore = defineStore('reference', () => {
  const departments = ref<DepartmentDto[]>([]);

  async function loadDepartments(force = false): Promise<DepartmentDto[]> {
    if (force) await queryClient.invalidateQueries({ queryKey: ['departments'] });
    const list = await queryClient.fetchQuery({
      queryKey: ['departments'],
      queryFn: () => unwrap(api.GET('/api/departments')),
      staleTime: REFERENCE_STALE_MS,
    });
    departments.value = list;
    return list;
  }

  // ------------------------------------------------------------ client reference lists
  /** Loaded lists by kind (other modules add kinds: a list is loaded when first needed). */
  const lists = ref<Partial<Record<ReferenceKind, ReferenceItemDto[]>>>({});

  async function loadList(kind: ReferenceKind, force = false): Promise<ReferenceItemDto[]> {
    const queryKey = ['reference', kind] as const;
    if (force) await queryClient.invalidateQueries({ queryKey });
    const sorted = await queryClient.fetchQuery({
      queryKey,
      queryFn: async () =>
        [...(await unwrap(api.GET('/api/reference/{kind}', { params: { path: { kind } } })))].sort(
          (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ru'),
        ),
      staleTime: REFERENCE_STALE_MS,
    });
    lists.value[kind] = sorted;
    return sorted;
  }

  /** Industries, activity kinds and acquisition channels (for filters and forms). */
  function loadClientReferences(): Promise<unknown> {
    return Promise.all([loadList('industry'), loadList('activity_kind'), loadList('acquisition_channel')]);
  }

  const industries = computed(() => lists.value.industry ?? []);
  const activityKinds = computed(() => lists.value.activity_kind ?? []);
  const channels = computed(() => lists.value.acquisition_channel ?? []);

  /** id → name over every loaded list (history shows ids). */
  const referenceName = computed(() => {
    const map = new Map<string, string>();
    for (const items of Object.values(lists.value)) for (const item of items ?? []) map.set(item.id, item.name);
    return map;
  });

  // ------------------------------------------------------------ responsible managers
  /**
   * Active sales managers and sales heads (those a client can be given to). Only
   * roles with `users.read` can list them; other roles learn names from the clients
   * they see (see {@link rememberManagers}).
   */
  const managers = computed<ManagerOption[]>(() => managerOptions.value);
  /** Names learnt from the records seen (roles that cannot list the staff), by id. */
  const learntNames = ref<Record<string, string>>({});
  /** Every manager name known, by id: the staff list's, then those learnt on the way. */
  const managerNames = computed<Record<string, string>>(() => {
    const names: Record<string, string> = { ...learntNames.value };
    for (const u of activeStaff.value) names[u.id] = u.fullName;
    return names;
  });

  function loadManagers(): Promise<ManagerOption[]> {
    return loadManagerOptions();
  }

  function rememberManagers(items: ReadonlyArray<{ managerId: string; managerName: string | null }>): void {
    for (const item of items) {
      if (item.managerName && learntNames.value[item.managerId] !== item.managerName) {
        learntNames.value[item.managerId] = item.managerName;
      }
    }
  }

  /** Sign-out: the state is put back by the store registry; nothing is kept outside it. */
  function reset(): void {
    departments.value = [];
    lists.value = {};
    learntNames.value = {};
  }

  return {
    departments,
    loadDepartments,
    industries,
    activityKinds,
    channels,
    referenceName,
    loadList,
    loadClientReferences,
    managers,
    learntNames,
    managerNames,
    loadManagers,
    rememberManagers,
    reset,
  };
});
