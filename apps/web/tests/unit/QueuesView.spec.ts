import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from '@/App.vue';
import { i18n, setLocale } from '@/i18n';
import { createAppRouter } from '@/router';
import { SESSION_STORAGE_KEY } from '@/stores/session';
import { json, makeUser, mockApi } from './helpers/api-mock';

const FAILED = {
  id: '41',
  queue: 'clients.import',
  status: 'dead',
  payload: { importId: 'x' },
  idempotencyKey: null,
  attempts: 1,
  maxAttempts: 1,
  runAt: '2026-11-24T07:00:00.000Z',
  progress: { done: 120, total: 480, phase: 'checking' },
  lastError: 'The worker stopped: lease expired',
  createdAt: '2026-11-24T07:00:00.000Z',
  startedAt: '2026-11-24T07:00:01.000Z',
  finishedAt: '2026-11-24T07:05:01.000Z',
};

beforeEach(() => {
  localStorage.clear();
  setLocale('ru');
  document.body.innerHTML = '';
});

describe('«Фоновые задачи»', () => {
  it('shows the failed import with its error and progress, and «Повторить» puts it back in the queue', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
    let retried = false;
    const api = mockApi({
      'GET /api/auth/me': () => json(makeUser({ role: 'admin' })),
      'GET /api/queues': () =>
        json([
          { name: 'jobs.run', waiting: 0, retrying: 0, active: 0, failed: 0, done: 3 },
          { name: 'clients.import', waiting: retried ? 1 : 0, retrying: 0, active: 0, failed: retried ? 0 : 1, done: 2 },
        ]),
      'GET /api/queues/clients.import/items': (request) => {
        const status = new URL(request.url).searchParams.get('status');
        const items = status === 'dead' && !retried ? [FAILED] : [];
        return json({ items, total: items.length, page: 1, pageSize: 25 });
      },
      'POST /api/queues/items/41/retry': () => {
        retried = true;
        return json({ ...FAILED, status: 'waiting', attempts: 0, finishedAt: null });
      },
    });

    const pinia = createPinia();
    setActivePinia(pinia);
    const router = createAppRouter(createMemoryHistory());
    await router.push('/queues');
    await router.isReady();
    const wrapper = mount(App, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body });
    for (let i = 0; i < 6; i++) await flushPromises();

    // Words, not codes; the queue that needs the admin first, opened on its failures.
    const cards = wrapper.findAll('[data-test="queue-card"]');
    expect(cards.map((c) => c.find('h2').text())).toEqual(['Импорт клиентов', 'Запуск регламентных заданий']);
    expect(cards[0]!.get('[data-test="queue-failed"]').text()).toBe('ошибок: 1');
    expect(wrapper.text()).not.toContain('clients.import');

    const table = wrapper.get('[data-test="queue-items"]');
    expect(table.get('[data-test="item-error"]').text()).toBe('The worker stopped: lease expired');
    expect(table.get('[data-test="item-attempts"]').text()).toBe('1 из 1');
    expect(table.text()).toContain('24.11.2026 10:00:00');
    expect(table.text()).toContain('25%');

    await table.get('[data-test="item-retry"]').trigger('click');
    for (let i = 0; i < 6; i++) await flushPromises();
    expect(api.count('POST /api/queues/items/41/retry')).toBe(1);
    expect(wrapper.get('[data-test="queue-items"]').text()).toContain('Задач с ошибкой нет');
    expect(wrapper.findAll('[data-test="queue-card"]')[1]!.find('[data-test="queue-failed"]').exists()).toBe(false);
    wrapper.unmount();
  }, 30_000);
});
