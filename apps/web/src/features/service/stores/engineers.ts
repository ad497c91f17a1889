import { moscowToday } from '@polar/business-time';
import { useQuery } from '@tanstack/vue-query';
import { computed } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { queryClient, REFERENCE_STALE_MS } from '@/shared/query/client';

/**
 * The active service engineers, for the pickers. The service API has no staff list of
 * its own: the engineers' calendar names every active engineer, so one day of it is
 * enough (and every role that sees service data may read it).
 */
export function useEngineers() {
  const query = useQuery(
    {
      queryKey: ['service', 'engineers'],
      queryFn: ({ signal }) => {
        const today = moscowToday();
        return unwrap(api.GET('/api/service/calendar', { params: { query: { from: today, to: today } }, signal }));
      },
      staleTime: REFERENCE_STALE_MS,
    },
    queryClient,
  );
  return computed(() => (query.data.value?.engineers ?? []).map((e) => ({ id: e.id, fullName: e.fullName })));
}
