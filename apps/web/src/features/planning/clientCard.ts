import { Finished } from '@element-plus/icons-vue';
import { defineAsyncComponent } from 'vue';
import { relatedTasksKey } from '@/features/planning/api/tasks';
import { t } from '@/i18n';
import type { ClientCardAction, ClientCardTab } from '@/shared/lib/clientCard';

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

/** «Новая задача» in the client card's header: the task form with the client chosen. */
export const planningClientCardActions: readonly ClientCardAction[] = [
  {
    name: 'new-task',
    labelKey: 'clients.card.newTask',
    order: 20,
    permission: 'planning.write',
    icon: Finished,
    dialog: defineAsyncComponent(() => import('@/features/planning/components/TaskFormDialog.vue')),
    props: (client) => ({ client }),
    refreshes: relatedTasksKey,
    showsTab: 'tasks',
  },
];
