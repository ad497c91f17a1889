import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import VisitReportForm from '@/features/service/components/VisitReportForm.vue';
import { i18n } from '@/i18n';

function render() {
  return mount(VisitReportForm, { props: { today: '2026-11-30' }, global: { plugins: [i18n] }, attachTo: document.body });
}

const field = (w: ReturnType<typeof render>, test: string) => w.find(`[data-test="${test}"]`);

describe('the visit report form', () => {
  it('sends nothing until the work and the signatory are filled in, and says what is missing in words', async () => {
    const w = render();
    expect(field(w, 'visit-missing').text()).toBe('Заполните: Выполненные работы, Подписал со стороны клиента');
    expect(field(w, 'visit-submit').attributes('disabled')).toBeDefined();
    await w.find('form').trigger('submit');
    expect(w.emitted('submit')).toBeUndefined();
  });

  it('reports a done visit with its parts (decimal comma accepted) and the client’s signatory', async () => {
    const w = render();
    await field(w, 'visit-work-done').setValue('  Чистка конденсатора  ');
    await field(w, 'visit-part-add').trigger('click');
    await field(w, 'visit-part-name').setValue('Фильтр-осушитель');
    await field(w, 'visit-part-qty').setValue('1,5');
    await field(w, 'visit-signatory').setValue('Ковалёва И. П.');
    expect(w.find('[data-test="visit-missing"]').exists()).toBe(false);
    await w.find('form').trigger('submit');
    expect(w.emitted('submit')?.[0]).toEqual([
      {
        outcome: 'done',
        doneOn: '2026-11-30',
        workDone: 'Чистка конденсатора',
        signatoryName: 'Ковалёва И. П.',
        partsUsed: [{ productId: null, description: 'Фильтр-осушитель', quantity: '1.5' }],
      },
    ]);
  });

  it('refuses a part without a proper quantity', async () => {
    const w = render();
    await field(w, 'visit-work-done').setValue('Работы');
    await field(w, 'visit-signatory').setValue('Сидоров');
    await field(w, 'visit-part-add').trigger('click');
    await field(w, 'visit-part-name').setValue('Реле');
    await field(w, 'visit-part-qty').setValue('два');
    expect(field(w, 'visit-missing').text()).toBe('Заполните: Запчасти');
    await w.find('form').trigger('submit');
    expect(w.emitted('submit')).toBeUndefined();
  });

  it('a missed visit needs only the reason; a rescheduled one also the new day', async () => {
    const w = render();
    await field(w, 'visit-outcome-missed').find('input').setValue(true);
    expect(field(w, 'visit-missing').text()).toBe('Заполните: Причина');
    await field(w, 'visit-reason').setValue('Магазин закрыт на инвентаризацию');
    await w.find('form').trigger('submit');
    expect(w.emitted('submit')?.[0]).toEqual([{ outcome: 'missed', reason: 'Магазин закрыт на инвентаризацию' }]);

    await field(w, 'visit-outcome-rescheduled').find('input').setValue(true);
    await flushPromises();
    expect(field(w, 'visit-missing').text()).toBe('Заполните: Новая дата');
  });
});
