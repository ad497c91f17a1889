import { computed } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { t } from '@/i18n';
import { useReferenceStore, type ManagerOption } from '@/shared/stores/reference';
import { useSessionStore } from '@/stores/session';

/**
 * Which responsible managers the signed-in user can pick (filter, new client,
 * reassignment):
 * - roles with `users.read` (sales head, director, admin): every active sales
 *   manager and sales head, from `GET /api/users`;
 * - a sales assistant: the managers they assist (names learnt from their clients,
 *   since assistants cannot list users);
 * - a sales manager: only themselves (no manager filter: they see only their clients);
 * - other roles: nobody (the filter is hidden).
 */
export type ManagerMode = 'all' | 'assisted' | 'self' | 'none';

export function useManagers() {
  const session = useSessionStore();
  const reference = useReferenceStore();

  const mode = computed<ManagerMode>(() => {
    if (session.can('users.read')) return 'all';
    if (session.role === 'sales_assistant') return 'assisted';
    if (session.role === 'sales_manager') return 'self';
    return 'none';
  });

  function nameOf(id: string | null | undefined): string | undefined {
    if (!id) return undefined;
    if (id === session.user?.id) return session.user.fullName;
    return reference.managerNames[id];
  }

  const options = computed<ManagerOption[]>(() => {
    const user = session.user;
    switch (mode.value) {
      case 'all':
        return reference.managers;
      case 'assisted':
        return (user?.assistedManagerIds ?? [])
          .map((id, i) => ({ id, name: nameOf(id) ?? t('clients.managerN', { n: i + 1 }) }))
          .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
      case 'self':
        return user ? [{ id: user.id, name: user.fullName }] : [];
      default:
        return [];
    }
  });

  /** A manager filter makes sense when there is more than one manager to choose from. */
  const canFilter = computed(() => mode.value === 'all' || (mode.value === 'assisted' && options.value.length > 1));

  /** Loads what the options need; never throws (the pickers simply stay short). */
  async function load(): Promise<void> {
    try {
      if (mode.value === 'all') {
        await reference.loadManagers();
      } else if (mode.value === 'assisted') {
        const unknown = (session.user?.assistedManagerIds ?? []).filter((id) => !nameOf(id));
        await Promise.all(
          unknown.map(async (managerId) => {
            const page = await unwrap(api.GET('/api/clients', { params: { query: { managerId, pageSize: 1, archived: true } } }));
            reference.rememberManagers(page.items);
          }),
        );
      }
    } catch {
      // names stay unknown; ids still work
    }
  }

  return { mode, options, canFilter, nameOf, load };
}
