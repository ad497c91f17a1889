import { defineAsyncComponent } from 'vue';
import type { ClientContactSection } from '@/shared/lib/clientCard';

/**
 * Consents to advertising under each contact of the client card's «Контакты» tab (see
 * router/clientCard.ts): marketing staff and the heads read them, marketing.write records them.
 */
export const marketingContactSections: readonly ClientContactSection[] = [
  {
    name: 'consents',
    order: 10,
    permission: 'marketing.read',
    component: defineAsyncComponent(() => import('@/features/marketing/components/ContactConsents.vue')),
    props: (contact) => ({ clientId: contact.clientId, contactId: contact.contactId }),
  },
];
