import type { Pinia } from 'pinia';
import { queryClient } from '@/shared/query/client';

/**
 * What the page holds in memory, as text, for the browser test that proves a sign-out
 * leaves nothing of the previous user behind (`window.__polarMemory()`). It exposes
 * nothing a script on the page could not already read through the API with the stored
 * session; the tokens themselves are left out.
 */
export function memorySnapshot(pinia: Pinia): string {
  const queries = queryClient
    .getQueryCache()
    .getAll()
    .map((query) => ({ key: query.queryKey, data: query.state.data }));
  const stores = Object.fromEntries(
    Object.entries(pinia.state.value).filter(([id]) => id !== 'session'),
  );
  return JSON.stringify({ queries, stores });
}

export function exposeDiagnostics(pinia: Pinia): void {
  if (typeof window === 'undefined') return;
  Object.defineProperty(window, '__polarMemory', {
    value: () => memorySnapshot(pinia),
    configurable: true,
  });
}
