import { funnelClientCardTabs } from '@/features/funnel/clientCard';
import { planningClientCardTabs } from '@/features/planning/clientCard';
import { serviceClientCardTabs } from '@/features/service/clientCard';
import type { ClientCardTab } from '@/shared/lib/clientCard';

/**
 * The tabs other modules add to the client card, gathered here with the routes: the
 * card (features/clients) is the ground the other modules build on and imports none of
 * them. Each entry's `order` places it among the card's own tabs.
 */
export const CLIENT_CARD_TABS: readonly ClientCardTab[] = [...funnelClientCardTabs, ...planningClientCardTabs, ...serviceClientCardTabs];
