import { createApiClient, type ApiClient } from '@polar/api-client';

/**
 * The one API client of the staff app. Every request carries the session's bearer
 * token; a 401 triggers one silent refresh (shared by every request that failed at
 * the same time, see the session store) and the original request is retried once.
 */
export interface AuthHandlers {
  getAccessToken(): string | null;
  /** Obtains a new access token; resolves to false when that was not possible. */
  refresh(): Promise<boolean>;
}

let handlers: AuthHandlers | null = null;

/** Called by the session store; `null` detaches it (tests). */
export function setAuthHandlers(next: AuthHandlers | null): void {
  handlers = next;
}

/** Endpoints whose 401 means "wrong credentials / dead token", never "refresh and retry". */
const NO_REFRESH_PATHS = new Set(['/api/auth/login', '/api/auth/refresh', '/api/auth/logout']);

export async function authFetch(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  const retryable = handlers !== null && !NO_REFRESH_PATHS.has(path);
  // The body of a Request can be read once: keep a copy for the retry.
  const retry = retryable ? request.clone() : null;
  const response = await globalThis.fetch(request);
  if (response.status !== 401 || !retry || !handlers) return response;

  const refreshed = await handlers.refresh();
  if (!refreshed) return response;
  const token = handlers.getAccessToken();
  if (token) retry.headers.set('Authorization', `Bearer ${token}`);
  else retry.headers.delete('Authorization');
  return globalThis.fetch(retry);
}

function origin(): string {
  return typeof window !== 'undefined' ? window.location.origin : 'http://localhost';
}

export const api: ApiClient = createApiClient({
  baseUrl: origin(),
  getAccessToken: () => handlers?.getAccessToken() ?? null,
  fetch: authFetch,
});
