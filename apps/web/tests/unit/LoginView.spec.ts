import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from '@/App.vue';
import { i18n, setLocale } from '@/i18n';
import { createAppRouter } from '@/router';
import { SESSION_STORAGE_KEY } from '@/stores/session';
import { apiError, json, mockApi, tokens } from './helpers/api-mock';

async function mountAt(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  await router.isReady();
  const wrapper = mount(App, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, router };
}

async function submit(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper'], email: string, password: string) {
  await wrapper.find('#login-email').setValue(email);
  await wrapper.find('#login-password').setValue(password);
  await wrapper.find('form').trigger('submit');
  for (let i = 0; i < 5; i++) await flushPromises();
}

beforeEach(() => {
  localStorage.clear();
  setLocale('ru');
  document.body.innerHTML = '';
});

describe('LoginView', () => {
  it('has labelled inputs', async () => {
    mockApi({});
    const { wrapper } = await mountAt('/login');
    expect(wrapper.find('label[for="login-email"]').text()).toBe('E-mail');
    expect(wrapper.find('label[for="login-password"]').text()).toBe('Пароль');
    expect(wrapper.find('#login-email').attributes('autocomplete')).toBe('username');
    wrapper.unmount();
  });

  it('shows "Неверный e-mail или пароль" and keeps no session on wrong credentials', async () => {
    mockApi({ 'POST /api/auth/login': () => apiError(401, 'invalid_credentials', 'Invalid e-mail or password') });
    const { wrapper, router } = await mountAt('/login');

    await submit(wrapper, 'director@lider.test', 'wrong-password');

    await vi.waitFor(() => expect(wrapper.find('[data-test="login-error"]').exists()).toBe(true));
    const alert = wrapper.find('[data-test="login-error"]');
    expect(alert.text()).toContain('Неверный e-mail или пароль');
    expect(alert.attributes('role')).toBe('alert');
    expect(router.currentRoute.value.name).toBe('login');
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect((wrapper.find('#login-password').element as HTMLInputElement).value).toBe('');
    wrapper.unmount();
  });

  it('explains throttling (429)', async () => {
    mockApi({ 'POST /api/auth/login': () => apiError(429, 'too_many_requests', 'Too many failed sign-in attempts') });
    const { wrapper } = await mountAt('/login');
    await submit(wrapper, 'director@lider.test', 'whatever');
    await vi.waitFor(() => expect(wrapper.find('[data-test="login-error"]').exists()).toBe(true));
    expect(wrapper.find('[data-test="login-error"]').text()).toContain('Слишком много попыток, попробуйте позже');
    wrapper.unmount();
  });

  it('validates the form before calling the API', async () => {
    const mock = mockApi({});
    const { wrapper } = await mountAt('/login');
    await submit(wrapper, 'not-an-email', '');
    await vi.waitFor(() => {
      expect(wrapper.text()).toContain('Введите корректный e-mail');
      expect(wrapper.text()).toContain('Введите пароль');
    });
    expect(mock.fetchMock).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('signs in and goes to the page asked for', async () => {
    mockApi({
      'POST /api/auth/login': () => json(tokens(1)),
      'GET /api/users': () => json({ items: [], total: 0, page: 1, pageSize: 25 }),
      'GET /api/departments': () => json([]),
    });
    const { wrapper, router } = await mountAt('/login?redirect=/users');
    await submit(wrapper, 'director@lider.test', 'lider-demo');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/users'), { timeout: 20_000 });
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toContain('refresh-1');
    wrapper.unmount();
  });

  it('switches the interface to English', async () => {
    mockApi({});
    const { wrapper } = await mountAt('/login');
    expect(wrapper.find('h1').text()).toBe('Вход в систему');
    await wrapper.find('[data-test="locale-en"] input').setValue(true);
    await flushPromises();
    expect(wrapper.find('h1').text()).toBe('Sign in');
    expect(localStorage.getItem('polar.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    // switching the language must not validate the untouched form
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(wrapper.text()).not.toContain('Enter your e-mail');
    wrapper.unmount();
  });
});
