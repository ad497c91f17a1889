import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from '@/App.vue';
import type { ClientDto } from '@/api/types';
import { i18n, setLocale } from '@/i18n';
import { createAppRouter } from '@/router';
import { SESSION_STORAGE_KEY } from '@/stores/session';
import { apiError, json, makeUser, mockApi, type Handler } from '../helpers/api-mock';

const MANAGER_ID = '00000000-0000-4000-8000-0000000000aa';
const CLIENT_ID = '11111111-1111-4111-8111-111111111111';

function client(overrides: Partial<ClientDto> = {}): ClientDto {
  return {
    id: CLIENT_ID,
    kind: 'legal_entity',
    name: 'ООО «Северный хлеб»',
    inn: '7707083893',
    kpp: null,
    ogrn: null,
    industryId: null,
    industryName: null,
    activityKindId: null,
    activityKindName: null,
    region: null,
    city: 'Мытищи',
    address: null,
    headcount: null,
    annualRevenue: '1234567.89',
    status: 'active',
    channelId: null,
    channelName: null,
    tags: ['VIP'],
    managerId: MANAGER_ID,
    managerName: 'Смирнов Алексей Петрович',
    birthday: null,
    phones: [],
    emails: [],
    archivedAt: null,
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-10T09:00:00.000Z',
    version: 3,
    ...overrides,
  };
}

const page = <T>(items: T[]) => json({ items, total: items.length, page: 1, pageSize: 25 });

function signedInAs(role: string, routes: Record<string, Handler>) {
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  return mockApi({
    'GET /api/auth/me': () => json(makeUser({ id: MANAGER_ID, role: role as never, fullName: 'Смирнов Алексей Петрович' })),
    'GET /api/reference/industry': () => json([]),
    'GET /api/reference/activity_kind': () => json([]),
    'GET /api/reference/acquisition_channel': () => json([]),
    'GET /api/segments': () => page([]),
    'GET /api/users': () => page([]),
    ...routes,
  });
}

async function mountAt(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  await router.isReady();
  const wrapper = mount(App, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body });
  for (let i = 0; i < 5; i++) await flushPromises();
  return { wrapper, router };
}

function clientListQueries(requests: Request[]): URLSearchParams[] {
  return requests.filter((r) => new URL(r.url).pathname === '/api/clients').map((r) => new URL(r.url).searchParams);
}

beforeEach(() => {
  localStorage.clear();
  setLocale('ru');
  document.body.innerHTML = '';
});

// Mounting the whole app with Element Plus takes a while on a busy machine.
describe('client list', { timeout: 60_000 }, () => {
  it('takes its filters from the address and sends them to the API', async () => {
    const api = signedInAs('sales_manager', { 'GET /api/clients': () => page([client()]) });
    const { wrapper } = await mountAt('/clients?status=active&status=regular&city=Москва&sort=-createdAt&page=2');
    const [query] = clientListQueries(api.requests);
    expect(query?.getAll('status')).toEqual(['active', 'regular']);
    expect(query?.get('city')).toBe('Москва');
    expect(query?.get('sort')).toBe('-createdAt');
    expect(query?.get('page')).toBe('2');
    expect(wrapper.find('[data-test="active-filters"]').text()).toContain('Статус: Активный, Постоянный · Город: Москва');
    const row = wrapper.find('tr.client-row');
    expect(row.text()).toContain('ООО «Северный хлеб»');
    expect(row.text()).toContain('1\u00a0234\u00a0567,89\u00a0₽');
    expect(row.text()).toContain('10.01.2026');
    // a sales manager sees only own clients: no manager filter
    expect(wrapper.find('[data-test="filter-manager"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('writes the search into the address 300 ms after typing, back on page 1', async () => {
    const api = signedInAs('sales_manager', { 'GET /api/clients': () => page([client()]) });
    const { wrapper, router } = await mountAt('/clients?page=3');
    vi.useFakeTimers();
    try {
      await wrapper.find('#clients-search').setValue('холодильн');
      await vi.advanceTimersByTimeAsync(299);
      expect(router.currentRoute.value.query.q).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
    } finally {
      vi.useRealTimers();
    }
    for (let i = 0; i < 5; i++) await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ q: 'холодильн' });
    const last = clientListQueries(api.requests).at(-1);
    expect(last?.get('q')).toBe('холодильн');
    expect(last?.get('page')).toBe('1');
    wrapper.unmount();
  });
});

describe('client list total', { timeout: 60_000 }, () => {
  it('says «Загрузка…» until the first page arrives, then «Найдено: более N» for an estimated total', async () => {
    let answer: (response: Response) => void = () => undefined;
    signedInAs('director', {
      'GET /api/clients': () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const { wrapper } = await mountAt('/clients');
    expect(wrapper.find('[data-test="clients-total"]').text()).toBe('Загрузка…');
    answer(json({ items: [client()], total: 1_203_456, totalIsEstimate: true, totalLowerBound: 1_000_000, page: 1, pageSize: 25 }));
    for (let i = 0; i < 5; i++) await flushPromises();
    expect(wrapper.find('[data-test="clients-total"]').text()).toBe('Найдено: более 1 000 000');
    wrapper.unmount();
  });
});

describe('client card', { timeout: 60_000 }, () => {
  it('shows the client with its status, manager and money', async () => {
    signedInAs('sales_manager', {
      [`GET /api/clients/${CLIENT_ID}`]: () => json(client()),
      [`GET /api/clients/${CLIENT_ID}/contacts`]: () => json({ items: [], total: 2, page: 1, pageSize: 1 }),
    });
    const { wrapper } = await mountAt(`/clients/${CLIENT_ID}`);
    expect(wrapper.find('[data-test="client-name"]').text()).toBe('ООО «Северный хлеб»');
    expect(wrapper.find('[data-test="client-status"]').text()).toContain('Активный');
    expect(wrapper.find('[data-test="client-manager"]').text()).toBe('Смирнов Алексей Петрович');
    expect(wrapper.find('[data-test="client-revenue"]').text()).toBe('1\u00a0234\u00a0567,89\u00a0₽');
    expect(wrapper.text()).toContain('Контакты2');
    // a sales manager has no reassignment
    expect(wrapper.find('[data-test="client-reassign"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('lists its own tabs and those of the modules above it in one order, each by its permission', async () => {
    const tabsOf = async (role: string, path = `/clients/${CLIENT_ID}`) => {
      signedInAs(role, {
        [`GET /api/clients/${CLIENT_ID}`]: () => json(client()),
        [`GET /api/clients/${CLIENT_ID}/contacts`]: () => json({ items: [], total: 0, page: 1, pageSize: 1 }),
      });
      const { wrapper } = await mountAt(path);
      const items = wrapper.findAll('[data-test="client-tabs"] .el-tabs__item');
      const result = { tabs: items.map((item) => item.text()), active: items.filter((item) => item.classes('is-active')).map((item) => item.text()) };
      wrapper.unmount();
      return result;
    };
    const service = ['Монтажи', 'Оборудование', 'Договоры обслуживания', 'Визиты'];
    expect(await tabsOf('sales_manager', `/clients/${CLIENT_ID}?tab=visits`)).toEqual({
      tabs: ['Данные', 'Контакты', 'Сделки', 'Задачи', 'Досье', 'История', ...service],
      active: ['Визиты'],
    });
    // service staff: tasks and the service tabs, no deals
    expect((await tabsOf('service')).tabs).toEqual(['Данные', 'Контакты', 'Задачи', 'Досье', 'История', ...service]);
    // marketing reads clients only
    expect(await tabsOf('marketing')).toEqual({ tabs: ['Данные', 'Контакты', 'Досье', 'История'], active: ['Данные'] });
  });

  it('offers in its header the actions of the modules above it, each by its permission', async () => {
    const buttonsOf = async (role: string, overrides: Partial<ClientDto> = {}) => {
      signedInAs(role, {
        [`GET /api/clients/${CLIENT_ID}`]: () => json(client(overrides)),
        [`GET /api/clients/${CLIENT_ID}/contacts`]: () => json({ items: [], total: 0, page: 1, pageSize: 1 }),
      });
      const { wrapper } = await mountAt(`/clients/${CLIENT_ID}`);
      const buttons = wrapper.findAll('.head__actions button').map((b) => `${b.attributes('data-test')} ${b.text()}`);
      wrapper.unmount();
      return buttons;
    };
    expect(await buttonsOf('sales_manager')).toEqual([
      'client-new-deal Новая сделка',
      'client-new-task Новая задача',
      'client-edit Редактировать',
      'client-archive В архив',
    ]);
    // an archived client takes no new deal; a task still may be set
    expect(await buttonsOf('sales_manager', { archivedAt: '2026-02-01T09:00:00.000Z' })).toEqual([
      'client-new-task Новая задача',
      'client-edit Редактировать',
      'client-restore Вернуть из архива',
    ]);
    // service staff plan tasks but make no deals and do not edit clients
    expect(await buttonsOf('service')).toEqual(['client-new-task Новая задача']);
    // marketing reads clients only
    expect(await buttonsOf('marketing')).toEqual([]);
  });

  it('opens the dialog of a header action with the client already chosen', async () => {
    signedInAs('service', {
      [`GET /api/clients/${CLIENT_ID}`]: () => json(client()),
      [`GET /api/clients/${CLIENT_ID}/contacts`]: () => json({ items: [], total: 0, page: 1, pageSize: 1 }),
    });
    const { wrapper } = await mountAt(`/clients/${CLIENT_ID}`);
    await wrapper.find('[data-test="client-new-task"]').trigger('click');
    // the dialog's code arrives through a dynamic import
    const dialog = await vi.waitFor(() => {
      const found = document.querySelector<HTMLElement>('.el-dialog');
      if (!found) throw new Error('no dialog yet');
      return found;
    });
    expect(dialog.textContent).toContain('Новая задача');
    expect(wrapper.findComponent({ name: 'TaskFormDialog' }).props('client')).toEqual({ id: CLIENT_ID, name: 'ООО «Северный хлеб»' });
    wrapper.unmount();
  });

  it('shows under an expanded contact the sections of the modules above it, each by its permission', async () => {
    const CONTACT_ID = '22222222-2222-4222-8222-222222222222';
    const contact = { id: CONTACT_ID, fullName: 'Калинин Денис Валерьевич', isPrimary: true, position: null, influence: null, phones: [], emails: [], birthday: null };
    const consentsOf = async (role: string) => {
      const api = signedInAs(role, {
        [`GET /api/clients/${CLIENT_ID}`]: () => json(client()),
        [`GET /api/clients/${CLIENT_ID}/contacts`]: () => json({ items: [contact], total: 1, page: 1, pageSize: 100 }),
        [`GET /api/clients/${CLIENT_ID}/contacts/${CONTACT_ID}/consents`]: () => json([]),
      });
      const { wrapper } = await mountAt(`/clients/${CLIENT_ID}?tab=contacts`);
      await wrapper.find('[data-test="contacts-table"] .el-table__expand-icon').trigger('click');
      await vi.dynamicImportSettled();
      for (let i = 0; i < 5; i++) await flushPromises();
      const result = {
        sections: wrapper.findAll('[data-test="contact-consents"]').length,
        requests: api.requests.map((r) => new URL(r.url).pathname).filter((path) => path.endsWith('/consents')),
      };
      wrapper.unmount();
      return result;
    };
    // marketing: the consents of the one expanded contact, asked for once (none for a contact without an id)
    expect(await consentsOf('marketing')).toEqual({ sections: 1, requests: [`/api/clients/${CLIENT_ID}/contacts/${CONTACT_ID}/consents`] });
    // a sales manager has no marketing.read
    expect(await consentsOf('sales_manager')).toEqual({ sections: 0, requests: [] });
  });

  it('shows the 404 page for a client outside the scope, keeping the address', async () => {
    signedInAs('sales_manager', {
      [`GET /api/clients/${CLIENT_ID}`]: () => apiError(404, 'not_found', 'Client not found'),
    });
    const { wrapper, router } = await mountAt(`/clients/${CLIENT_ID}`);
    expect(wrapper.find('[data-test="not-found"]').exists()).toBe(true);
    expect(wrapper.find('[data-test="client-card"]').exists()).toBe(false);
    expect(router.currentRoute.value.fullPath).toBe(`/clients/${CLIENT_ID}`);
    wrapper.unmount();
  });
});
