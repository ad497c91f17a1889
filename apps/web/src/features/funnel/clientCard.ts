import { defineAsyncComponent } from 'vue';
import type { ClientCardTab } from '@/shared/lib/clientCard';

/** «Сделки» of the client card: every deal of the client (see router/clientCard.ts). */
export const funnelClientCardTabs: readonly ClientCardTab[] = [
  {
    name: 'deals',
    labelKey: 'clients.card.tabs.deals',
    order: 30,
    permission: 'funnel.read',
    component: defineAsyncComponent(() => import('@/features/funnel/components/ClientDealsTab.vue')),
    props: (client) => ({ clientId: client.id }),
  },
];
