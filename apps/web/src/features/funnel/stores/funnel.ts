import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { queryClient, REFERENCE_STALE_MS } from '@/shared/query/client';
import type { FunnelReferenceItem, ProductGroupDto, StageDto } from '@/features/funnel/lib/types';

/**
 * Reference data of the funnel screens, loaded once per session: stages, loss
 * reasons, acquisition channels and product groups. Kept apart from the shared
 * reference store on purpose. The managers are not here: every screen takes them from
 * the one staff list (`managerOptions` in shared/api/staff.ts).
 */
export const useFunnelStore = defineStore('funnel', () => {
  const stages = ref<StageDto[]>([]);
  const lossReasons = ref<FunnelReferenceItem[]>([]);
  const channels = ref<FunnelReferenceItem[]>([]);
  const productGroups = ref<ProductGroupDto[]>([]);

  /**
   * Reads through the query cache (one request per session, shared with every other
   * screen that needs the same list; `force` re-reads after a change).
   */
  async function once<T>(key: string, load: () => Promise<T>, force = false): Promise<T> {
    const queryKey = ['funnel', 'reference', key];
    if (force) await queryClient.invalidateQueries({ queryKey });
    return queryClient.fetchQuery({ queryKey, queryFn: load, staleTime: REFERENCE_STALE_MS });
  }

  const byOrder = (a: FunnelReferenceItem, b: FunnelReferenceItem) =>
    a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ru');

  function loadStages(force = false): Promise<StageDto[]> {
    return once('stages', async () => (stages.value = await unwrap(api.GET('/api/funnel/stages'))), force);
  }

  function loadLossReasons(force = false): Promise<FunnelReferenceItem[]> {
    return once(
      'lossReasons',
      async () => {
        const items = await unwrap(api.GET('/api/reference/{kind}', { params: { path: { kind: 'loss_reason' } } }));
        return (lossReasons.value = items.filter((i) => i.isActive).sort(byOrder));
      },
      force,
    );
  }

  function loadChannels(force = false): Promise<FunnelReferenceItem[]> {
    return once(
      'channels',
      async () => {
        const items = await unwrap(
          api.GET('/api/reference/{kind}', { params: { path: { kind: 'acquisition_channel' } } }),
        );
        return (channels.value = [...items].sort(byOrder));
      },
      force,
    );
  }

  function loadProductGroups(force = false): Promise<ProductGroupDto[]> {
    return once('groups', async () => (productGroups.value = await unwrap(api.GET('/api/product-groups'))), force);
  }

  /** Active stages in funnel order: open stages, then Won and Lost. */
  const activeStages = computed(() => stages.value.filter((s) => s.isActive));
  const openStages = computed(() => activeStages.value.filter((s) => s.kind === 'open'));

  function reset(): void {
    stages.value = [];
    lossReasons.value = [];
    channels.value = [];
    productGroups.value = [];
  }

  return {
    stages,
    activeStages,
    openStages,
    lossReasons,
    channels,
    productGroups,
    loadStages,
    loadLossReasons,
    loadChannels,
    loadProductGroups,
    reset,
  };
});
