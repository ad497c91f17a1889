import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, ref, watch, type Ref } from 'vue';
import { notifyError } from '@/api/errors';
import { listTotalText, type ListTotal } from '@/shared/lib/listTotal';
import { queryClient } from '@/shared/query/client';

/** One page of a list as the API returns it (with `totalIsEstimate` when it only estimated the total). */
export interface PageOf<T> extends ListTotal {
  items: T[];
}

export interface PagedListOptions<F extends object, T> {
  /** The query-cache key of this list (the filters and the page are appended). */
  key: readonly unknown[];
  /** The list's filters as the API takes them; a change starts again from page 1. */
  filters: Ref<F>;
  fetch: (query: F & { page: number; pageSize: number }, signal: AbortSignal) => Promise<PageOf<T>>;
  pageSize?: number;
}

/**
 * A paged, filtered list read through the app's one query cache: the page and its
 * size, the rows and the total, `loaded` (false until the first answer, so a list never
 * says «Найдено: 0» while it is still loading) and `loading` for every later read. The
 * previous page stays on screen while the next one loads; a failed read is shown once.
 * Signing out clears the cache, so nothing of one user's list reaches the next user.
 */
export function usePagedList<F extends object, T>(options: PagedListOptions<F, T>) {
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? 25);
  // Synchronous, so the request for the new filters already asks for page 1.
  watch([() => JSON.stringify(options.filters.value), pageSize], () => (page.value = 1), { flush: 'sync' });

  const query = computed(() => ({ ...options.filters.value, page: page.value, pageSize: pageSize.value }));
  const result = useQuery(
    {
      queryKey: computed(() => [...options.key, query.value]),
      queryFn: ({ signal }) => options.fetch(query.value, signal),
      placeholderData: keepPreviousData,
    },
    queryClient,
  );
  watch(result.error, (error) => {
    if (error) notifyError(error);
  });

  return {
    page,
    pageSize,
    items: computed<T[]>(() => result.data.value?.items ?? []),
    total: computed(() => result.data.value?.total ?? 0),
    loaded: computed(() => result.data.value !== undefined),
    /** «Найдено: N» or «Найдено: более N» for an estimated total (ListFooter's `total-text`). */
    totalText: computed(() => listTotalText(result.data.value)),
    loading: computed(() => result.isFetching.value),
    /** Reads the list again (after a change made on this screen). */
    reload: async () => {
      await queryClient.invalidateQueries({ queryKey: options.key });
    },
    /**
     * Shows a changed row in place, in every cached page of this list that holds it,
     * without reading the page again (after an edit made on this screen). The pages are
     * marked stale, so the next filter change or visit reads them afresh (an edited row
     * that no longer matches the filters leaves then).
     */
    replaceItem: (matches: (row: T) => boolean, row: T): void => {
      queryClient.setQueriesData<PageOf<T>>({ queryKey: options.key }, (current) =>
        current ? { ...current, items: current.items.map((item) => (matches(item) ? row : item)) } : current,
      );
      void queryClient.invalidateQueries({ queryKey: options.key, refetchType: 'none' });
    },
  };
}
