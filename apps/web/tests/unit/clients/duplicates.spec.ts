import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { DuplicateMatchDto } from '@/api/types';
import { i18n, setLocale } from '@/i18n';
import DuplicateWarning from '@/features/clients/components/DuplicateWarning.vue';
import { duplicateMatches, groupDuplicates } from '@/features/clients/lib/duplicates';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const matches: DuplicateMatchDto[] = [
  { reason: 'inn', accessible: true, clientId: A, name: 'ООО «Северный хлеб»', city: 'Мытищи', inn: '7707083893' },
  { reason: 'phone', accessible: true, clientId: A, name: 'ООО «Северный хлеб»', city: 'Мытищи', inn: '7707083893' },
  { reason: 'similar_name', accessible: true, clientId: B, name: 'Северный хлеб', city: null, inn: null },
  { reason: 'email', accessible: false, clientId: null, name: null, city: null, inn: null },
  { reason: 'inn', accessible: false, clientId: null, name: null, city: null, inn: null },
];

function mountWarning(canConfirm: boolean) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] });
  return mount(DuplicateWarning, {
    props: { matches, canConfirm },
    global: { plugins: [i18n, router] },
  });
}

beforeEach(() => setLocale('ru'));

describe('duplicate matches', () => {
  it('groups the reasons per accessible client and counts the others without their data', () => {
    expect(groupDuplicates(matches)).toEqual({
      accessible: [
        { clientId: A, name: 'ООО «Северный хлеб»', city: 'Мытищи', inn: '7707083893', reasons: ['inn', 'phone'] },
        { clientId: B, name: 'Северный хлеб', city: null, inn: null, reasons: ['similar_name'] },
      ],
      hiddenCount: 2,
      hiddenReasons: ['inn', 'email'],
    });
  });

  it('reads matches only from a duplicate_client body', () => {
    expect(duplicateMatches({ code: 'duplicate_client', matches })).toHaveLength(5);
    expect(duplicateMatches({ code: 'stale_version' })).toBeNull();
    expect(duplicateMatches(null)).toBeNull();
  });

  it('links the accessible clients and names the rest "clients of other managers"', () => {
    const wrapper = mountWarning(false);
    const links = wrapper.findAll('[data-test="duplicate-link"]');
    expect(links.map((l) => l.attributes('href'))).toEqual([`/clients/${A}`, `/clients/${B}`]);
    expect(links[0]?.text()).toContain('ООО «Северный хлеб»');
    const first = wrapper.findAll('[data-test="duplicate-match"]')[0]!;
    expect(first.text()).toContain('Мытищи · ИНН 7707083893');
    expect(first.text()).toContain('совпадает: ИНН, телефон');
    expect(wrapper.find('[data-test="duplicate-hidden"]').text()).toBe(
      'Клиенты других менеджеров: 2 (совпадает: ИНН, e-mail). Их данные вам недоступны — уточните у руководителя.',
    );
    // without clients.confirm_duplicate: no "create anyway", an explanation instead
    expect(wrapper.find('[data-test="duplicate-confirm"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('Создать дубликат может руководитель отдела продаж или директор.');
  });

  it('offers "Создать всё равно" to those allowed and reports the click', async () => {
    const wrapper = mountWarning(true);
    const button = wrapper.find('[data-test="duplicate-confirm"]');
    expect(button.text()).toBe('Создать всё равно');
    await button.trigger('click');
    expect(wrapper.emitted('confirm')).toHaveLength(1);
  });
});
