import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { useFunnelStore } from '@/features/funnel/stores/funnel';
import { loadManagers, managerOptions } from '@/shared/api/staff';
import { queryClient } from '@/shared/query/client';
import { memorySnapshot } from '@/shared/session/diagnostics';
import { storeRegistryPlugin } from '@/shared/session/storeRegistry';
import { useReferenceStore } from '@/shared/stores/reference';
import { useSessionStore } from '@/stores/session';
import { json, makeUser, mockApi, tokens } from './helpers/api-mock';

const manager1 = makeUser({ id: '00000000-0000-4000-8000-000000000001', fullName: 'Смирнов Алексей Петрович', role: 'sales_head' });
const stranger = makeUser({ id: '00000000-0000-4000-8000-000000000009', fullName: 'Кузнецова Ольга Ивановна', role: 'sales_manager' });

function freshPinia() {
  const pinia = createPinia();
  pinia.use(storeRegistryPlugin);
  createApp({}).use(pinia); // Pinia applies plugins once it is installed in an app
  setActivePinia(pinia);
  return pinia;
}

beforeEach(() => {
  queryClient.clear();
  localStorage.clear();
});

describe('sign-out clears everything the session brought in', () => {
  it('empties the query cache and every store, and the next user reads afresh', async () => {
    const pinia = freshPinia();
    const mock = mockApi({
      'POST /api/auth/login': () => json(tokens(1, manager1)),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
      'GET /api/users': () => json({ items: [manager1, stranger], total: 2, page: 1, pageSize: 200 }),
      'GET /api/funnel/stages': () => json([{ id: 's1', name: 'Первичный контакт', kind: 'open', isActive: true, sortOrder: 1 }]),
    });
    const session = useSessionStore();
    await session.login('manager1@lider.test', 'lider-demo');
    const reference = useReferenceStore();
    const funnel = useFunnelStore();
    await reference.loadManagers();
    await loadManagers();
    await funnel.loadStages();
    reference.rememberManagers([{ managerId: stranger.id, managerName: stranger.fullName }]);

    // one request, one list: the clients' pickers and the funnel's filters show the same managers
    expect(mock.count('GET /api/users')).toBe(1);
    expect(reference.managers.map((m) => m.name)).toEqual(['Кузнецова Ольга Ивановна', 'Смирнов Алексей Петрович']);
    expect(managerOptions.value).toEqual(reference.managers);
    expect(reference.managerNames[manager1.id]).toBe(manager1.fullName);
    expect(memorySnapshot(pinia)).toContain('Кузнецова Ольга Ивановна');
    expect(memorySnapshot(pinia)).toContain('Первичный контакт');

    await session.logout();

    const after = memorySnapshot(pinia);
    expect(after).not.toContain('Кузнецова');
    expect(after).not.toContain('Первичный контакт');
    expect(reference.managers).toEqual([]);
    expect(managerOptions.value).toEqual([]);
    expect(reference.managerNames).toEqual({});
    expect(funnel.stages).toEqual([]);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);

    // the next user's first read goes to the server, not to a leftover answer
    await funnel.loadStages();
    expect(mock.count('GET /api/funnel/stages')).toBe(2);
  });

  it('also clears when the session expires on its own (refresh refused)', async () => {
    const pinia = freshPinia();
    mockApi({
      'POST /api/auth/login': () => json(tokens(1, manager1)),
      'GET /api/users': () => json({ items: [stranger], total: 1, page: 1, pageSize: 200 }),
    });
    const session = useSessionStore();
    await session.login('manager1@lider.test', 'lider-demo');
    await useReferenceStore().loadManagers();
    expect(memorySnapshot(pinia)).toContain('Кузнецова');

    session.clear();

    expect(memorySnapshot(pinia)).not.toContain('Кузнецова');
  });
});
