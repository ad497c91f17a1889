import { onBeforeUnmount, reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { emptyState, selectionKey, sameState, stateFromQuery, stateToQuery, type ClientListState } from '@/features/clients/lib/query';

/**
 * The clients list's search, filters, sort and page, kept in the address (so a link or
 * «back» restores them) and followed when the address changes. The search box applies
 * 300 ms after the last key; a new search or filter starts again from page 1.
 */
export function useClientListState() {
  const route = useRoute();
  const router = useRouter();

  const state = reactive<ClientListState>(stateFromQuery(route.query));
  const searchText = ref(state.q);
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let appliedSelection = selectionKey(state);

  // A new search or filter starts again from the first page.
  watch(
    () => selectionKey(state),
    (key) => {
      if (key !== appliedSelection) {
        appliedSelection = key;
        state.page = 1;
      }
    },
  );

  // The list's state is kept in the address (replace: "back" leaves the list, not a filter).
  watch(
    () => JSON.stringify(stateToQuery(state)),
    () => {
      if (!sameState(stateFromQuery(route.query), state)) void router.replace({ query: stateToQuery(state) });
    },
  );

  // Back/forward or the sidebar link change the address: follow it.
  watch(
    () => route.query,
    (query) => {
      if (route.name !== 'clients') return;
      const next = stateFromQuery(query);
      if (sameState(next, state)) return;
      appliedSelection = selectionKey(next);
      Object.assign(state, next);
      clearTimeout(searchTimer);
      searchText.value = next.q;
    },
  );

  // Search as you type: the request leaves 300 ms after the last key.
  watch(searchText, (text) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => (state.q = text), 300);
  });

  onBeforeUnmount(() => {
    clearTimeout(searchTimer);
  });

  function resetFilters(): void {
    clearTimeout(searchTimer);
    searchText.value = '';
    // Every filter back to its empty value; the order and the page size stay as chosen.
    const { sort: _sort, page: _page, pageSize: _pageSize, ...filters } = emptyState();
    Object.assign(state, filters);
  }

  return { state, searchText, resetFilters };
}
