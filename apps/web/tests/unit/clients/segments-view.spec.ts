import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from '@/App.vue';
import type { SegmentDto } from '@/api/types';
import { i18n, setLocale } from '@/i18n';
import { createAppRouter } from '@/router';
import { SESSION_STORAGE_KEY } from '@/stores/session';
import { json, makeUser, mockApi } from '../helpers/api-mock';

const ME = '00000000-0000-4000-8000-0000000000aa';

function segment(overrides: Partial<SegmentDto>): SegmentDto {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    name: 'Мой сегмент',
    description: null,
    kind: 'dynamic',
    filter: { status: ['regular'] },
    ownerId: ME,
    ownerName: 'Смирнов Алексей Петрович',
    shared: false,
    editable: true,
    memberCount: null,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-10T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

beforeEach(() => {
  localStorage.clear();
  setLocale('ru');
  document.body.innerHTML = '';
});

describe('segments screen', { timeout: 60_000 }, () => {
  it('offers rename, delete and sharing only on one’s own segments; a colleague’s shared one is read-only', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
    const mine = segment({});
    const theirs = segment({ id: '33333333-3333-4333-8333-333333333333', name: 'Постоянные для рассылки', ownerId: 'x', ownerName: 'Маркетолог', shared: true, editable: false });
    const api = mockApi({
      'GET /api/auth/me': () => json(makeUser({ id: ME, role: 'sales_manager', fullName: 'Смирнов Алексей Петрович' })),
      'GET /api/reference/industry': () => json([]),
      'GET /api/reference/activity_kind': () => json([]),
      'GET /api/reference/acquisition_channel': () => json([]),
      'GET /api/users': () => json({ items: [], total: 0, page: 1, pageSize: 25 }),
      'GET /api/segments': () => json({ items: [mine, theirs], total: 2, page: 1, pageSize: 25 }),
      [`PATCH /api/segments/${mine.id}`]: () => json({ ...mine, shared: true, version: 2 }),
    });
    const pinia = createPinia();
    setActivePinia(pinia);
    const router = createAppRouter(createMemoryHistory());
    await router.push('/clients/segments');
    await router.isReady();
    const wrapper = mount(App, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body });
    for (let i = 0; i < 5; i++) await flushPromises();

    const rows = wrapper.findAll('[data-test="segments-table"] tbody tr');
    expect(rows).toHaveLength(2);
    const rowOf = (name: string) => rows.find((r) => r.text().includes(name))!;
    expect(rowOf('Мой сегмент').find('[aria-label="Удалить: Мой сегмент"]').exists()).toBe(true);
    expect(rowOf('Постоянные для рассылки').text()).toContain('Общий');
    expect(rowOf('Постоянные для рассылки').find('[aria-label^="Удалить"]').exists()).toBe(false);
    expect(rowOf('Постоянные для рассылки').find('[aria-label^="Переименовать"]').exists()).toBe(false);

    await rowOf('Мой сегмент').find('[data-test="segment-share"]').trigger('click');
    for (let i = 0; i < 3; i++) await flushPromises();
    const patch = api.requests.find((r) => r.method === 'PATCH');
    expect(await patch?.clone().json()).toEqual({ version: 1, shared: true });
    wrapper.unmount();
  });
});
