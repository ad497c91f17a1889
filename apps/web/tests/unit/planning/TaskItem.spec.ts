import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import TaskItem from '@/features/planning/components/TaskItem.vue';
import type { TaskDto } from '@/features/planning/lib/types';
import { i18n } from '@/i18n';

const task: TaskDto = {
  id: '00000000-0000-4000-8000-000000000001',
  type: 'visit',
  subject: 'Осмотр оборудования',
  description: null,
  goal: null,
  clientId: null,
  clientName: null,
  contactId: null,
  dealId: null,
  invoiceId: null,
  assigneeId: 'engineer',
  assigneeName: 'Инженер',
  authorId: 'head',
  authorName: 'Руководитель',
  dueAt: '2026-11-24T07:00:00.000Z',
  priority: 'normal',
  status: 'planned',
  overdue: false,
  result: null,
  completedAt: null,
  templateCode: null,
  source: 'manual',
  createdAt: '2026-11-20T07:00:00.000Z',
  version: 1,
  canChange: true,
};

function render(overrides: Partial<TaskDto>) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] });
  return mount(TaskItem, { props: { task: { ...task, ...overrides }, day: '2026-11-24', variant: 'planned', canWrite: true }, global: { plugins: [i18n, router] } });
}

describe('a task in «Мои дела»', () => {
  it('offers «Выполнено» and «Перенести» on a task the user may work', () => {
    const item = render({});
    expect(item.find('[data-test="task-complete"]').exists()).toBe(true);
    expect(item.find('[data-test="task-reschedule"]').exists()).toBe(true);
  });

  it('shows another person’s task read-only (the API would answer 403)', () => {
    const item = render({ canChange: false });
    expect(item.text()).toContain('Осмотр оборудования');
    expect(item.find('[data-test="task-complete"]').exists()).toBe(false);
    expect(item.find('[data-test="task-reschedule"]').exists()).toBe(false);
  });
});
