import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { ClientListQuery } from '@/api/types';
import { queryClient } from '@/shared/query/client';

/** Query keys of the clients module (a change to a client invalidates `clientKeys.all`). */
export const clientKeys = {
  all: ['clients'] as const,
  list: (query: ClientListQuery) => ['clients', 'list', query] as const,
  segments: ['clients', 'segments'] as const,
};

/**
 * One page of the clients list through the query cache. A newer search cancels the
 * older request (the query's `signal`); the previous page stays on screen meanwhile.
 */
export function useClientListQuery(query: Ref<ClientListQuery>) {
  return useQuery(
    {
      queryKey: computed(() => clientKeys.list(query.value)),
      queryFn: ({ signal }) => unwrap(api.GET('/api/clients', { params: { query: query.value }, signal })),
      placeholderData: keepPreviousData,
    },
    queryClient,
  );
}

/** Saved segments and lists (the selector above the list). */
export function useSegmentsQuery() {
  return useQuery(
    {
      queryKey: clientKeys.segments,
      queryFn: async () => (await unwrap(api.GET('/api/segments', { params: { query: { pageSize: 200 } } }))).items,
    },
    queryClient,
  );
}

/** After clients are created, changed, moved or archived: lists re-read. */
export function invalidateClients(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: clientKeys.all });
}
