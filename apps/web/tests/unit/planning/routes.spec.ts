import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { navigationForRole } from '@/navigation/modules';
import { createAppRouter } from '@/router';
import { SESSION_STORAGE_KEY } from '@/stores/session';
import { apiError, json, makeUser, mockApi } from '../helpers/api-mock';

function signedInAs(role: string) {
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  mockApi({
    'GET /api/auth/me': () => json({ ...makeUser({ role: role as never }), permissions: [] }),
    'POST /api/auth/refresh': () => apiError(401, 'invalid_refresh_token'),
  });
}

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
});

describe('planning and jobs routes', () => {
  it('opens «Мои дела», tasks and plans to a manager but not the team view or jobs', async () => {
    signedInAs('sales_manager');
    const router = createAppRouter(createMemoryHistory());
    await router.push('/planning');
    expect(router.currentRoute.value.name).toBe('planning');
    await router.push('/planning/tasks');
    expect(router.currentRoute.value.name).toBe('planningTasks');
    await router.push('/planning/plans');
    expect(router.currentRoute.value.name).toBe('planningPlans');
    await router.push('/planning/team');
    expect(router.currentRoute.value.name).toBe('forbidden');
    await router.push('/jobs');
    expect(router.currentRoute.value.name).toBe('forbidden');
  });

  it('opens the team view to the sales head and the job runs to the director', async () => {
    signedInAs('sales_head');
    let router = createAppRouter(createMemoryHistory());
    await router.push('/planning/team');
    expect(router.currentRoute.value.name).toBe('planningTeam');

    setActivePinia(createPinia());
    signedInAs('director');
    router = createAppRouter(createMemoryHistory());
    await router.push('/jobs');
    expect(router.currentRoute.value.name).toBe('jobs');
  });

  it('lists planning and jobs as ready modules in the sidebar', () => {
    const items = navigationForRole('admin').flatMap((s) => s.items);
    expect(items.find((m) => m.key === 'planning')?.ready).toBe(true);
    expect(items.find((m) => m.key === 'jobs')?.ready).toBe(true);
  });
});
