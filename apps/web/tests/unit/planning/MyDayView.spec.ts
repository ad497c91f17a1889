import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from '@/App.vue';
import type { TaskDto } from '@/features/planning/lib/types';
import { i18n, setLocale } from '@/i18n';
import { createAppRouter } from '@/router';
import { SESSION_STORAGE_KEY } from '@/stores/session';
import { json, makeUser, mockApi } from '../helpers/api-mock';

const ME = '00000000-0000-4000-8000-0000000000aa';
const HEAD = '00000000-0000-4000-8000-0000000000bb';
const CLIENT = '11111111-1111-4111-8111-111111111111';
let seq = 0;

function task(overrides: Partial<TaskDto>): TaskDto {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type: 'call',
    subject: `Задача ${seq}`,
    description: null,
    goal: null,
    clientId: CLIENT,
    clientName: 'ООО «Северный хлеб»',
    contactId: null,
    dealId: null,
    invoiceId: null,
    assigneeId: ME,
    assigneeName: 'Смирнов Алексей Петрович',
    authorId: ME,
    authorName: 'Смирнов Алексей Петрович',
    dueAt: '2026-11-24T07:00:00.000Z',
    priority: 'normal',
    status: 'planned',
    overdue: false,
    result: null,
    completedAt: null,
    templateCode: null,
    source: 'manual',
    createdAt: '2026-11-20T07:00:00.000Z',
    version: 1,
    canChange: true,
    ...overrides,
  };
}

/** The app on «Мои дела» of 24.11.2026, its first answer shown. */
async function openDay() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push('/planning?date=2026-11-24');
  await router.isReady();
  const wrapper = mount(App, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body });
  for (let i = 0; i < 5; i++) await flushPromises();
  return wrapper;
}

beforeEach(() => {
  localStorage.clear();
  setLocale('ru');
  document.body.innerHTML = '';
});

describe('«Мои дела»', () => {
  it('shows the day in three sections, the plan by priority then time, in Moscow time', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
    const api = mockApi({
      'GET /api/auth/me': () => json(makeUser({ id: ME, role: 'sales_manager', fullName: 'Смирнов Алексей Петрович' })),
      'GET /api/planning/my-day': () =>
        json({
          date: '2026-11-24',
          planned: [
            task({ subject: 'Отправить КП', type: 'email', dueAt: '2026-11-24T13:00:00.000Z' }),
            task({ subject: 'Перезвонить по витринам', priority: 'high', dueAt: '2026-11-24T12:00:00.000Z', authorId: HEAD, authorName: 'Романова Светлана Юрьевна' }),
            task({ subject: 'Встреча в павильоне', type: 'meeting', dueAt: '2026-11-24T07:30:00.000Z', goal: 'Договориться о замере' }),
          ],
          overdue: [task({ subject: 'Напомнить о предложении', dueAt: '2026-11-19T12:00:00.000Z', overdue: true })],
          done: [task({ subject: 'Выезд на замер', type: 'visit', status: 'done', result: 'Нужна камера 6,6 м³', completedAt: '2026-11-24T09:15:00.000Z' })],
        }),
    });
    const wrapper = await openDay();

    const request = api.requests.find((r) => new URL(r.url).pathname === '/api/planning/my-day');
    expect(new URL(request!.url).searchParams.get('date')).toBe('2026-11-24');

    const planned = wrapper.get('[data-test="section-planned"]');
    expect(planned.find('h2').text()).toContain('На 24.11.2026');
    expect(planned.findAll('[data-test="task-subject"]').map((n) => n.text())).toEqual([
      'Перезвонить по витринам',
      'Встреча в павильоне',
      'Отправить КП',
    ]);
    const times = planned.findAll('.task-item__time').map((n) => n.text());
    expect(times).toEqual(['15:00', '10:30', '16:00']);
    expect(planned.text()).toContain('поручил(а) Романова Светлана Юрьевна');
    expect(planned.text()).toContain('Договориться о замере');
    expect(planned.find('[data-test="task-client"]').attributes('href')).toBe(`/clients/${CLIENT}`);

    const overdue = wrapper.get('[data-test="section-overdue"]');
    expect(overdue.text()).toContain('19.11.2026 15:00');
    expect(overdue.find('.task-item--overdue').exists()).toBe(true);

    const done = wrapper.get('[data-test="section-done"]');
    expect(done.text()).toContain('Выезд на замер');
    expect(done.get('[data-test="task-result"]').text()).toContain('Нужна камера 6,6 м³');
    expect(done.find('[data-test="task-complete"]').exists()).toBe(false);

    expect(wrapper.get('[data-test="count-planned"]').text()).toBe('3');
    expect(wrapper.get('[data-test="count-overdue"]').text()).toBe('1');
    expect(wrapper.get('[data-test="count-done"]').text()).toBe('1');
    wrapper.unmount();
  }, 20_000);

  it('counts each list in full and shows the rest of a list on «Показать все N»', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
    const first = [task({ subject: 'Звонок А' }), task({ subject: 'Звонок Б' })];
    const rest = [task({ subject: 'Звонок В' })];
    const api = mockApi({
      'GET /api/auth/me': () => json(makeUser({ id: ME, role: 'sales_manager' })),
      'GET /api/planning/my-day': (request) => {
        const expanded = new URL(request.url).searchParams.getAll('expand').includes('planned');
        return json({
          date: '2026-11-24',
          planned: expanded ? [...first, ...rest] : first,
          overdue: [],
          done: [],
          totals: { planned: 3, overdue: 0, done: 0 },
        });
      },
    });
    const wrapper = await openDay();

    const planned = () => wrapper.get('[data-test="section-planned"]');
    expect(wrapper.get('[data-test="count-planned"]').text()).toBe('3');
    expect(planned().findAll('[data-test="task-item"]')).toHaveLength(2);
    expect(wrapper.get('[data-test="section-overdue"]').find('[data-test="day-more"]').exists()).toBe(false);
    const button = planned().get('[data-test="day-show-all"]');
    expect(button.text()).toBe('Показать все 3');
    await button.trigger('click');
    for (let i = 0; i < 5; i++) await flushPromises();

    const last = api.requests.filter((r) => new URL(r.url).pathname === '/api/planning/my-day').at(-1)!;
    expect(new URL(last.url).searchParams.getAll('expand')).toEqual(['planned']);
    expect(planned().findAll('[data-test="task-subject"]').map((n) => n.text())).toEqual(['Звонок А', 'Звонок Б', 'Звонок В']);
    expect(planned().find('[data-test="day-more"]').exists()).toBe(false);
    wrapper.unmount();
  }, 20_000);
});
