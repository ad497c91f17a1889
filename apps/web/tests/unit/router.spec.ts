import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createAppRouter, safeRedirect } from '@/router';
import { SESSION_STORAGE_KEY } from '@/stores/session';
import { apiError, json, makeUser, mockApi } from './helpers/api-mock';

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

describe('route guards', () => {
  it('sends a signed-out visitor to the login page, remembering the target', async () => {
    mockApi({});
    const router = createAppRouter(createMemoryHistory());
    await router.push('/users?q=smith');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/users?q=smith');
  });

  it('shows the 403 page at the same address when the role lacks the permission', async () => {
    signedInAs('sales_manager');
    const router = createAppRouter(createMemoryHistory());
    await router.push('/users');
    expect(router.currentRoute.value.name).toBe('forbidden');
    expect(router.currentRoute.value.fullPath).toBe('/users');
  });

  it('lets a permitted role in and keeps placeholders behind their permission', async () => {
    signedInAs('director');
    const router = createAppRouter(createMemoryHistory());
    await router.push('/users');
    expect(router.currentRoute.value.name).toBe('users');
    await router.push('/audit-log');
    expect(router.currentRoute.value.name).toBe('auditLog');
    await router.push('/clients');
    expect(router.currentRoute.value.name).toBe('clients');
  });

  it('keeps the legal role out of the clients module', async () => {
    signedInAs('legal');
    const router = createAppRouter(createMemoryHistory());
    await router.push('/clients');
    expect(router.currentRoute.value.name).toBe('forbidden');
    await router.push('/quality');
    expect(router.currentRoute.value.name).toBe('quality');
  });

  it('shows the 404 page for unknown addresses', async () => {
    signedInAs('admin');
    const router = createAppRouter(createMemoryHistory());
    await router.push('/no/such/page');
    expect(router.currentRoute.value.name).toBe('notFound');
    expect(router.currentRoute.value.fullPath).toBe('/no/such/page');
  });

  it('sends a signed-in user away from the login page to the redirect target', async () => {
    signedInAs('admin');
    const router = createAppRouter(createMemoryHistory());
    await router.push('/login?redirect=/audit-log');
    expect(router.currentRoute.value.name).toBe('auditLog');
  });

  it('accepts only same-app redirect targets', () => {
    expect(safeRedirect('/users?q=1')).toBe('/users?q=1');
    expect(safeRedirect('//evil.example')).toBeNull();
    expect(safeRedirect('https://evil.example')).toBeNull();
    expect(safeRedirect('/login')).toBeNull();
    expect(safeRedirect(undefined)).toBeNull();
  });
});
