import { defineAsyncComponent } from 'vue';
import type { ClientCardTab } from '@/shared/lib/clientCard';

const ClientServiceTab = defineAsyncComponent(() => import('@/features/service/components/ClientServiceTab.vue'));
const SECTIONS = ['installations', 'equipment', 'contracts', 'visits'] as const;

/**
 * The service tabs of the client card, one per section, after «История». They exist for
 * whoever reads service data (sales staff read-only). See router/clientCard.ts.
 */
export const serviceClientCardTabs: readonly ClientCardTab[] = SECTIONS.map((section, i) => ({
  name: section,
  labelKey: `service.clientTabs.${section}`,
  order: 70 + i,
  permission: 'service.read',
  component: ClientServiceTab,
  props: (client) => ({ clientId: client.id, section }),
}));
