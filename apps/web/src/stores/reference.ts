import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { DepartmentDto } from '@/api/types';

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

  function reset(): void {
    departments.value = [];
    departmentsLoad = null;
  }

  return { departments, loadDepartments, reset };
});
