import { QueryClient } from '@tanstack/vue-query';

/**
 * The one cache of server data in the staff app (TanStack Query). Views read server
 * data through it (`useQuery` in each feature's `api/` folder, or `fetchQuery` for
 * data a store or a helper needs once); nobody keeps a second copy that could outlive
 * the session. Signing out clears it (see `shared/session/clearClientState.ts`).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Lists are re-read when a screen is opened again after half a minute; mutations
      // invalidate what they change, so a shorter time would only add requests.
      staleTime: 30_000,
      // Failed reads show their error at once (the API client already refreshed the token once).
      retry: false,
      refetchOnWindowFocus: false,
    },
  },
});

/** Reference lists that change rarely (stages, managers, catalogue groups). */
export const REFERENCE_STALE_MS = 5 * 60_000;
