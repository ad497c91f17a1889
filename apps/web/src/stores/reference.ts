import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { DepartmentDto, ReferenceItemDto, ReferenceKind } from '@/api/types';

/** A responsible manager as the client screens show it. */
export interface ManagerOption {
  id: string;
  name: string;
}

/** Small reference lists shared by several screens, loaded once per session. */
export const useReferenceStore = defineStore('reference', () => {
  const departments = ref<DepartmentDto[]>([]);
  let departmentsLoad: Promise<DepartmentDto[]> | null = null;

  function loadDepartments(force = false): Promise<DepartmentDto[]> {
    if (!departmentsLoad || force) {
      departmentsLoad = unwrap(api.GET('/api/departments'))
        .then((list) => (departments.value = list))
        .catch((error: unknown) => {
          departmentsLoad = null;
          throw error;
        });
    }
    return departmentsLoad;
  }

  // ------------------------------------------------------------ client reference lists
  /** Loaded lists by kind (other modules add kinds: a list is loaded when first needed). */
  const lists = ref<Partial<Record<ReferenceKind, ReferenceItemDto[]>>>({});
  const listLoads = new Map<ReferenceKind, Promise<ReferenceItemDto[]>>();

  function loadList(kind: ReferenceKind, force = false): Promise<ReferenceItemDto[]> {
    let load = force ? undefined : listLoads.get(kind);
    if (!load) {
      load = unwrap(api.GET('/api/reference/{kind}', { params: { path: { kind } } }))
        .then((items) => {
          const sorted = [...items].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ru'));
          lists.value[kind] = sorted;
          return sorted;
        })
        .catch((error: unknown) => {
          listLoads.delete(kind);
          throw error;
        });
      listLoads.set(kind, load);
    }
    return load;
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
  const managers = ref<ManagerOption[]>([]);
  let managersLoad: Promise<ManagerOption[]> | null = null;
  /** Every manager name the client screens have seen, by id. */
  const managerNames = ref<Record<string, string>>({});

  function loadManagers(force = false): Promise<ManagerOption[]> {
    if (!managersLoad || force) {
      const query = (role: 'sales_manager' | 'sales_head') =>
        unwrap(api.GET('/api/users', { params: { query: { role, isActive: true, pageSize: 200, sort: 'fullName' } } }));
      managersLoad = Promise.all([query('sales_manager'), query('sales_head')])
        .then(([sales, heads]) => {
          const list = [...sales.items, ...heads.items]
            .map((u) => ({ id: u.id, name: u.fullName }))
            .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
          managers.value = list;
          for (const m of list) managerNames.value[m.id] = m.name;
          return list;
        })
        .catch((error: unknown) => {
          managersLoad = null;
          throw error;
        });
    }
    return managersLoad;
  }

  function rememberManagers(items: ReadonlyArray<{ managerId: string; managerName: string | null }>): void {
    for (const item of items) {
      if (item.managerName && managerNames.value[item.managerId] !== item.managerName) {
        managerNames.value[item.managerId] = item.managerName;
      }
    }
  }

  function reset(): void {
    departments.value = [];
    departmentsLoad = null;
    lists.value = {};
    listLoads.clear();
    managers.value = [];
    managersLoad = null;
    managerNames.value = {};
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
    managerNames,
    loadManagers,
    rememberManagers,
    reset,
  };
});
