import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '@/api/client';
import { ApiError } from '@/api/errors';
import { SESSION_STORAGE_KEY, useSessionStore } from '@/stores/session';
import { apiError, json, makeUser, mockApi, tokens } from './helpers/api-mock';

function stored() {
  const raw = localStorage.getItem(SESSION_STORAGE_KEY);
  return raw ? (JSON.parse(raw) as { accessToken: string | null; refreshToken: string }) : null;
}

const bearer = (r: Request) => r.headers.get('Authorization');

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
});

describe('session store: login and logout', () => {
  it('stores both tokens and the user after login', async () => {
    const mock = mockApi({ 'POST /api/auth/login': () => json(tokens(1)) });
    const session = useSessionStore();

    const user = await session.login('director@lider.test', 'lider-demo');

    expect(user.email).toBe('director@lider.test');
    expect(session.isAuthenticated).toBe(true);
    expect(session.accessToken).toBe('access-1');
    expect(session.refreshToken).toBe('refresh-1');
    expect(stored()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expect(session.role).toBe('director');
    expect(session.can('audit.read')).toBe(true);
    expect(session.can('users.manage')).toBe(false);
    const body = await mock.requests[0]!.json();
    expect(body).toEqual({ email: 'director@lider.test', password: 'lider-demo' });
  });

  it('keeps no session when the credentials are wrong', async () => {
    mockApi({ 'POST /api/auth/login': () => apiError(401, 'invalid_credentials', 'Invalid e-mail or password') });
    const session = useSessionStore();

    await expect(session.login('director@lider.test', 'wrong')).rejects.toMatchObject({
      code: 'invalid_credentials',
      status: 401,
    });
    expect(session.isAuthenticated).toBe(false);
    expect(stored()).toBeNull();
  });

  it('does not try to refresh on a failed login', async () => {
    const mock = mockApi({ 'POST /api/auth/login': () => apiError(429, 'too_many_requests') });
    const session = useSessionStore();
    await expect(session.login('a@b.c', 'x')).rejects.toBeInstanceOf(ApiError);
    expect(mock.count('POST /api/auth/refresh')).toBe(0);
  });

  it('revokes the refresh token on logout and forgets the session', async () => {
    const mock = mockApi({
      'POST /api/auth/login': () => json(tokens(1)),
      'POST /api/auth/logout': () => new Response(null, { status: 204 }),
    });
    const session = useSessionStore();
    await session.login('director@lider.test', 'lider-demo');

    await session.logout();

    expect(session.isAuthenticated).toBe(false);
    expect(stored()).toBeNull();
    const logout = mock.requests.find((r) => r.url.endsWith('/api/auth/logout'))!;
    expect(await logout.json()).toEqual({ refreshToken: 'refresh-1' });
  });
});

describe('session store: silent refresh', () => {
  it('refreshes once for parallel 401s and retries each request once', async () => {
    let refreshCalls = 0;
    const mock = mockApi({
      'POST /api/auth/login': () => json(tokens(1)),
      'POST /api/auth/refresh': async (r) => {
        refreshCalls++;
        expect(await r.json()).toEqual({ refreshToken: 'refresh-1' });
        await new Promise((resolve) => setTimeout(resolve, 20));
        return json(tokens(2));
      },
      'GET /api/users': (r) =>
        bearer(r) === 'Bearer access-2'
          ? json({ items: [], total: 0, page: 1, pageSize: 25 })
          : apiError(401, 'unauthorized', 'expired'),
      'GET /api/departments': (r) =>
        bearer(r) === 'Bearer access-2' ? json([]) : apiError(401, 'unauthorized', 'expired'),
    });
    const session = useSessionStore();
    await session.login('director@lider.test', 'lider-demo');

    const results = await Promise.all([
      api.GET('/api/users'),
      api.GET('/api/users', { params: { query: { q: 'x' } } }),
      api.GET('/api/departments'),
    ]);

    expect(refreshCalls).toBe(1);
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    expect(mock.count('GET /api/users')).toBe(4); // 2 failed + 2 retried
    expect(session.accessToken).toBe('access-2');
    expect(stored()).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('retries a request with a body after the refresh', async () => {
    const mock = mockApi({
      'POST /api/auth/login': () => json(tokens(1)),
      'POST /api/auth/refresh': () => json(tokens(2)),
      'POST /api/users': async (r) =>
        bearer(r) === 'Bearer access-2' ? json(makeUser({ ...(await r.json()) }), 201) : apiError(401, 'unauthorized'),
    });
    const session = useSessionStore();
    await session.login('director@lider.test', 'lider-demo');

    const { data, response } = await api.POST('/api/users', {
      body: { email: 'new@lider.test', fullName: 'Новый Сотрудник', role: 'sales_manager', password: 'secret-123' },
    });

    expect(response.status).toBe(201);
    expect(data?.email).toBe('new@lider.test');
    expect(mock.count('POST /api/users')).toBe(2);
  });

  it('clears the session everywhere and reports it when the refresh is refused', async () => {
    const mock = mockApi({
      'POST /api/auth/login': () => json(tokens(1)),
      'POST /api/auth/refresh': () => apiError(401, 'invalid_refresh_token'),
      'GET /api/users': () => apiError(401, 'unauthorized'),
    });
    const session = useSessionStore();
    await session.login('director@lider.test', 'lider-demo');
    const expired = vi.fn();
    session.onExpired(expired);

    const [a, b] = await Promise.all([api.GET('/api/users'), api.GET('/api/users')]);

    expect(a.response.status).toBe(401);
    expect(b.response.status).toBe(401);
    expect(mock.count('POST /api/auth/refresh')).toBe(1);
    expect(mock.count('GET /api/users')).toBe(2); // no retry without a new token
    expect(session.isAuthenticated).toBe(false);
    expect(session.user).toBeNull();
    expect(stored()).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when the refresh fails for a network reason', async () => {
    mockApi({
      'POST /api/auth/login': () => json(tokens(1)),
      'POST /api/auth/refresh': () => {
        throw new TypeError('Failed to fetch');
      },
      'GET /api/users': () => apiError(401, 'unauthorized'),
    });
    const session = useSessionStore();
    await session.login('director@lider.test', 'lider-demo');

    const { response } = await api.GET('/api/users');

    expect(response.status).toBe(401);
    expect(session.isAuthenticated).toBe(true);
    expect(stored()?.refreshToken).toBe('refresh-1');
  });

  it('adopts tokens another tab already rotated instead of reusing the old one', async () => {
    const mock = mockApi({ 'POST /api/auth/login': () => json(tokens(1)) });
    const session = useSessionStore();
    await session.login('director@lider.test', 'lider-demo');
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'access-7', refreshToken: 'refresh-7' }));

    expect(await session.refresh()).toBe(true);

    expect(mock.count('POST /api/auth/refresh')).toBe(0);
    expect(session.accessToken).toBe('access-7');
    expect(session.refreshToken).toBe('refresh-7');
  });

  it('signs out when another tab signs out', async () => {
    mockApi({ 'POST /api/auth/login': () => json(tokens(1)) });
    const session = useSessionStore();
    await session.login('director@lider.test', 'lider-demo');
    const expired = vi.fn();
    session.onExpired(expired);

    localStorage.removeItem(SESSION_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY, newValue: null }));

    expect(session.isAuthenticated).toBe(false);
    expect(expired).toHaveBeenCalledTimes(1);
  });
});

describe('session store: restore on reload', () => {
  it('restores the user with the stored access token', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'access-1', refreshToken: 'refresh-1' }));
    const mock = mockApi({
      'GET /api/auth/me': (r) =>
        bearer(r) === 'Bearer access-1'
          ? json({ ...makeUser({ role: 'admin' }), permissions: ['users.read'] })
          : apiError(401, 'unauthorized'),
    });
    const session = useSessionStore();

    await session.restore();

    expect(session.restored).toBe(true);
    expect(session.isAuthenticated).toBe(true);
    expect(session.role).toBe('admin');
    expect(mock.count('POST /api/auth/refresh')).toBe(0);
  });

  it('refreshes an expired access token while restoring', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'old', refreshToken: 'refresh-1' }));
    mockApi({
      'POST /api/auth/refresh': () => json(tokens(2)),
      'GET /api/auth/me': (r) =>
        bearer(r) === 'Bearer access-2' ? json({ ...makeUser(), permissions: [] }) : apiError(401, 'unauthorized'),
    });
    const session = useSessionStore();

    await session.restore();

    expect(session.isAuthenticated).toBe(true);
    expect(stored()).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('starts signed out when the stored session is dead', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'old', refreshToken: 'dead' }));
    mockApi({
      'POST /api/auth/refresh': () => apiError(401, 'invalid_refresh_token'),
      'GET /api/auth/me': () => apiError(401, 'unauthorized'),
    });
    const session = useSessionStore();

    await session.restore();

    expect(session.restored).toBe(true);
    expect(session.isAuthenticated).toBe(false);
    expect(stored()).toBeNull();
  });

  it('starts signed out with nothing stored, without calling the API', async () => {
    const mock = mockApi({});
    const session = useSessionStore();
    await session.restore();
    expect(session.isAuthenticated).toBe(false);
    expect(mock.fetchMock).not.toHaveBeenCalled();
  });
});
