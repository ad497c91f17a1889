import { funnelClientCardActions, funnelClientCardTabs } from '@/features/funnel/clientCard';
import { marketingContactSections } from '@/features/marketing/clientCard';
import { planningClientCardActions, planningClientCardTabs } from '@/features/planning/clientCard';
import { serviceClientCardTabs } from '@/features/service/clientCard';
import type { ClientCardAction, ClientCardTab, ClientContactSection } from '@/shared/lib/clientCard';

/*
 * What other modules add to the client card, gathered here with the routes: the card
 * (features/clients) is the ground the other modules build on and imports none of them.
 * Each entry's `order` places it; the card sorts, so the order of these lists does not matter.
 */

/** The tabs; each `order` places it among the card's own tabs. */
export const CLIENT_CARD_TABS: readonly ClientCardTab[] = [...funnelClientCardTabs, ...planningClientCardTabs, ...serviceClientCardTabs];

/** The header's buttons that open another module's dialog («Новая сделка», «Новая задача»). */
export const CLIENT_CARD_ACTIONS: readonly ClientCardAction[] = [...funnelClientCardActions, ...planningClientCardActions];

/** The blocks under an expanded contact in «Контакты» (consents to advertising). */
export const CLIENT_CONTACT_SECTIONS: readonly ClientContactSection[] = [...marketingContactSections];
