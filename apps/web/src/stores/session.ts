import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isRole, permissionsOf, type Permission, type Role } from '@polar/access';
import { api, setAuthHandlers } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { TokenPairDto, UserDto } from '@/api/types';
import { navigationFor } from '@/navigation/modules';
import { clearClientState } from '@/shared/session/clearClientState';

/**
 * The signed-in staff member.
 *
 * Token storage: both tokens are kept in localStorage under `polar.session`, so a
 * reload or a second tab continues the session without a round trip. (The refresh
 * token has to survive reloads anyway, so keeping the short-lived access token next
 * to it adds no exposure.) The user profile itself is not stored: on start-up it is
 * re-read from `GET /api/auth/me`, which also proves the tokens still work.
 *
 * Refresh tokens rotate (the old one dies on use), so refreshes are single-flight
 * within a tab and serialised across tabs with the Web Locks API; a tab that finds
 * the stored token already rotated by another tab adopts it instead of refreshing.
 * When a refresh is refused the session is cleared everywhere: removing the stored
 * session fires a `storage` event that signs the other tabs out too.
 */

export const SESSION_STORAGE_KEY = 'polar.session';
const REFRESH_LOCK = 'polar.session.refresh';

interface StoredSession {
  accessToken: string | null;
  refreshToken: string;
}

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.refreshToken !== 'string' || !parsed.refreshToken) return null;
    return {
      refreshToken: parsed.refreshToken,
      accessToken: typeof parsed.accessToken === 'string' ? parsed.accessToken : null,
    };
  } catch {
    return null;
  }
}

function writeStored(session: StoredSession | null): void {
  try {
    if (session) localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // storage unavailable: the session lasts for this page only
  }
}

type Listener = () => void;

export const useSessionStore = defineStore('session', () => {
  const user = ref<UserDto | null>(null);
  const accessToken = ref<string | null>(null);
  const refreshToken = ref<string | null>(null);
  /** True once the stored session (if any) has been restored or discarded. */
  const restored = ref(false);

  const role = computed<Role | null>(() => (user.value && isRole(user.value.role) ? user.value.role : null));
  const permissions = computed<readonly Permission[]>(() => (role.value ? permissionsOf(role.value) : []));
  const isAuthenticated = computed(() => user.value !== null && refreshToken.value !== null);
  const navigation = computed(() => navigationFor(permissions.value));

  function can(permission: Permission): boolean {
    return permissions.value.includes(permission);
  }

  const expiredListeners = new Set<Listener>();

  /** Called when the session ends without the user asking (refresh refused, other tab). */
  function onExpired(listener: Listener): () => void {
    expiredListeners.add(listener);
    return () => expiredListeners.delete(listener);
  }

  function applyAuth(result: TokenPairDto): void {
    accessToken.value = result.accessToken;
    refreshToken.value = result.refreshToken;
    user.value = result.user;
    writeStored({ accessToken: result.accessToken, refreshToken: result.refreshToken });
  }

  /**
   * Forgets the session in this tab and in storage (so in every tab), together with
   * every server answer and store state the session brought into the page.
   */
  function clear(): void {
    user.value = null;
    accessToken.value = null;
    refreshToken.value = null;
    writeStored(null);
    clearClientState();
  }

  function expire(): void {
    const wasSignedIn = refreshToken.value !== null;
    clear();
    if (wasSignedIn) expiredListeners.forEach((listener) => listener());
  }

  async function login(email: string, password: string): Promise<UserDto> {
    const result = await unwrap(api.POST('/api/auth/login', { body: { email, password } }));
    applyAuth(result);
    return result.user;
  }

  async function logout(): Promise<void> {
    const token = refreshToken.value;
    clear();
    if (!token) return;
    try {
      await api.POST('/api/auth/logout', { body: { refreshToken: token } });
    } catch {
      // offline: the refresh token simply expires on the server
    }
  }

  let refreshInFlight: Promise<boolean> | null = null;

  async function performRefresh(): Promise<boolean> {
    // Another tab may have rotated the token while this one waited for the lock.
    const stored = readStored();
    if (!stored) {
      expire();
      return false;
    }
    if (stored.refreshToken !== refreshToken.value && stored.accessToken) {
      refreshToken.value = stored.refreshToken;
      accessToken.value = stored.accessToken;
      return true;
    }
    let response: Response;
    let data: TokenPairDto | undefined;
    try {
      ({ data, response } = await api.POST('/api/auth/refresh', {
        body: { refreshToken: stored.refreshToken },
      }));
    } catch {
      return false; // network failure: keep the session, the request fails as is
    }
    if (response.ok && data) {
      applyAuth(data);
      return true;
    }
    // 400/401/403: the refresh token is dead. 429/5xx: transient, keep the session.
    if (response.status < 500 && response.status !== 429) expire();
    return false;
  }

  /**
   * Obtains a new access token. Parallel callers share one request; across tabs the
   * refresh is serialised with a Web Lock where the browser has one.
   */
  function refresh(): Promise<boolean> {
    if (refreshInFlight) return refreshInFlight;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const run: Promise<boolean> = locks
      ? (locks.request(REFRESH_LOCK, () => performRefresh()) as unknown as Promise<boolean>)
      : performRefresh();
    const flight = run.finally(() => {
      refreshInFlight = null;
    });
    refreshInFlight = flight;
    return flight;
  }

  /** Re-reads the signed-in user (`GET /api/auth/me`). */
  async function loadMe(): Promise<void> {
    const me = await unwrap(api.GET('/api/auth/me'));
    user.value = me;
  }

  /**
   * Restores the session kept in storage (on start-up). Resolves when the app
   * knows whether someone is signed in.
   */
  async function restore(): Promise<void> {
    const stored = readStored();
    if (stored) {
      refreshToken.value = stored.refreshToken;
      accessToken.value = stored.accessToken;
      try {
        if (stored.accessToken) await loadMe(); // a 401 refreshes and retries
        else if (!(await refresh())) throw new Error('refresh failed');
        if (!user.value) await loadMe();
      } catch {
        // The stored session no longer works (or the server is unreachable):
        // start signed out; the login page shows.
        if (!user.value) {
          user.value = null;
          if (!readStored()) clear();
        }
      }
    }
    restored.value = true;
  }

  function onStorage(event: StorageEvent): void {
    if (event.key !== SESSION_STORAGE_KEY && event.key !== null) return;
    const stored = readStored();
    if (!stored) {
      expire(); // signed out (or refused) in another tab
    } else if (stored.refreshToken !== refreshToken.value) {
      refreshToken.value = stored.refreshToken;
      accessToken.value = stored.accessToken;
      if (!user.value) void loadMe().catch(() => undefined);
    }
  }

  if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);

  setAuthHandlers({ getAccessToken: () => accessToken.value, refresh });

  return {
    user,
    accessToken,
    refreshToken,
    restored,
    role,
    permissions,
    isAuthenticated,
    navigation,
    can,
    login,
    logout,
    refresh,
    restore,
    loadMe,
    clear,
    onExpired,
  };
});
