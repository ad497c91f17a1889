import { defineAsyncComponent } from 'vue';
import { t } from '@/i18n';
import type { ClientCardTab } from '@/shared/lib/clientCard';

/** «Задачи» of the client card: the client's tasks and «Новая задача» (see router/clientCard.ts). */
export const planningClientCardTabs: readonly ClientCardTab[] = [
  {
    name: 'tasks',
    labelKey: 'clients.card.tabs.tasks',
    order: 40,
    permission: 'planning.read',
    component: defineAsyncComponent(() => import('@/features/planning/components/RelatedTasks.vue')),
    // Read while the card renders, so the text follows a change of language.
    props: (client) => ({ client, emptyText: t('clients.card.tasksEmpty') }),
  },
];
