import { Plus } from '@element-plus/icons-vue';
import { defineAsyncComponent } from 'vue';
import { clientDealsKey } from '@/features/funnel/api/deals';
import type { ClientCardAction, ClientCardTab } from '@/shared/lib/clientCard';

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

/** «Новая сделка» in the client card's header: the deal dialog with the client chosen; archived clients take no new deals. */
export const funnelClientCardActions: readonly ClientCardAction[] = [
  {
    name: 'new-deal',
    labelKey: 'clients.card.newDeal',
    order: 10,
    permission: 'funnel.write',
    icon: Plus,
    primary: true,
    hiddenWhenArchived: true,
    dialog: defineAsyncComponent(() => import('@/features/funnel/components/NewDealDialog.vue')),
    props: (client) => ({ client }),
    refreshes: clientDealsKey,
    showsTab: 'deals',
  },
];
