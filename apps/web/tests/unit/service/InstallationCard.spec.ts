import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { InstallationDto } from '@/features/service/api/service';
import InstallationCard from '@/features/service/components/InstallationCard.vue';
import { i18n } from '@/i18n';

const job: InstallationDto = {
  id: '00000000-0000-4000-8000-000000000001',
  dealId: '00000000-0000-4000-8000-000000000002',
  dealTitle: 'Витрины для «Городского маркета»',
  contractId: null,
  contractNumber: 'Д-2026-00043',
  clientId: '00000000-0000-4000-8000-000000000003',
  clientName: 'ООО «Городской маркет»',
  clientAddress: null,
  managerId: 'm',
  managerName: 'Фёдорова Анна Михайловна',
  deadline: '2026-11-20',
  plannedOn: '2026-11-20',
  handedOverOn: '2026-11-18',
  lateHandover: true,
  handoverWorkingDays: 2,
  late: true,
  status: 'done',
  engineers: [{ id: 'e', fullName: 'Лебедев Сергей Валерьевич' }],
  startedOn: '2026-11-24',
  finishedOn: '2026-11-26',
  slipCode: 'late_handover',
  slipReason: 'оборудование не успели заказать',
  cancelReason: null,
  unitsInstalled: 2,
  createdAt: '2026-11-18T07:00:00.000Z',
  version: 3,
};

function render(over: Partial<InstallationDto>, props: { canWrite: boolean; onSite?: boolean }) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] });
  return mount(InstallationCard, { props: { job: { ...job, ...over }, ...props }, global: { plugins: [i18n, router] } });
}

describe('an installation on the board', () => {
  it('shows a slipped job in red with the reason in words, the late hand-over and dates as dd.mm.yyyy', () => {
    const w = render({}, { canWrite: true });
    expect(w.classes()).toContain('job--late');
    expect(w.find('[data-test="installation-slip"]').text()).toBe('Причина просрочки: Поздняя передача в монтаж менеджером: оборудование не успели заказать');
    expect(w.find('[data-test="installation-late-handover"]').text()).toBe('Поздняя передача: 2 раб. дн. до срока');
    expect(w.find('[data-test="installation-deadline"]').text()).toBe('20.11.2026');
    expect(w.text()).not.toContain('late_handover');
    // A finished job has nothing left to do.
    expect(w.findAll('button')).toHaveLength(0);
  });

  it('gives the service department plan, start, finish and cancel on an open job', () => {
    const w = render({ status: 'planned', late: false, slipCode: null, slipReason: null, finishedOn: null }, { canWrite: true });
    expect(w.findAll('button').map((b) => b.text())).toEqual(['Назначить', 'Начать', 'Завершить', 'Отменить']);
    expect(w.find('[data-test="installation-slip"]').exists()).toBe(false);
  });

  it('is read-only for a sales manager, and only start and finish on the engineer’s own day', () => {
    expect(render({ status: 'in_progress' }, { canWrite: false }).findAll('button')).toHaveLength(0);
    expect(render({ status: 'planned' }, { canWrite: true, onSite: true }).findAll('button').map((b) => b.text())).toEqual(['Начать', 'Завершить']);
  });
});
