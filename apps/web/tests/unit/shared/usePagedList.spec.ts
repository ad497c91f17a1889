import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { i18n, setLocale } from '@/i18n';
import ListFooter from '@/shared/components/ListFooter.vue';
import { usePagedList, type PageOf } from '@/shared/composables/usePagedList';

interface Call {
  q?: string;
  page: number;
  pageSize: number;
}

/** A list screen in miniature: the composable and its footer over a fetch answered by hand. */
function listScreen() {
  const answers: Array<(page: PageOf<string>) => void> = [];
  const Screen = defineComponent({
    setup() {
      const list = usePagedList<object, string>({
        key: ['test', 'list'],
        filters: ref({}),
        fetch: () => new Promise((resolve) => answers.push(resolve)),
      });
      return () => h(ListFooter, { total: list.total.value, loaded: list.loaded.value, page: list.page.value, pageSize: list.pageSize.value });
    },
  });
  return { Screen, answers };
}

beforeEach(() => setLocale('ru'));

describe('a paged list', () => {
  it('says «Загрузка…» until the first answer, never «Найдено: 0»', async () => {
    const { Screen, answers } = listScreen();
    const wrapper = mount(Screen, { global: { plugins: [i18n] } });
    await flushPromises();
    expect(wrapper.get('[data-test="list-total"]').text()).toBe('Загрузка…');
    answers[0]({ items: ['a', 'b', 'c'], total: 3 });
    await flushPromises();
    expect(wrapper.get('[data-test="list-total"]').text()).toBe('Найдено: 3');
  });

  it('starts from page 1 when a filter changes, and keeps the rows shown meanwhile', async () => {
    const filters = ref<{ q?: string }>({});
    const calls: Call[] = [];
    const answers: Array<(page: PageOf<string>) => void> = [];
    let list!: ReturnType<typeof usePagedList<{ q?: string }, string>>;
    mount(
      defineComponent({
        setup() {
          list = usePagedList<{ q?: string }, string>({
            key: ['test', 'filtered'],
            filters,
            fetch: (query) => {
              calls.push({ q: query.q, page: query.page, pageSize: query.pageSize });
              return new Promise((resolve) => answers.push(resolve));
            },
          });
          return () => h('div');
        },
      }),
      { global: { plugins: [i18n] } },
    );
    await flushPromises();
    answers[0]({ items: ['a'], total: 60 });
    await flushPromises();
    list.page.value = 3;
    await flushPromises();
    expect(calls.at(-1)).toEqual({ q: undefined, page: 3, pageSize: 25 });
    answers.at(-1)!({ items: ['c'], total: 60 });
    await flushPromises();

    filters.value = { q: 'Лидер' };
    await flushPromises();
    expect(list.page.value).toBe(1);
    expect(calls.at(-1)).toEqual({ q: 'Лидер', page: 1, pageSize: 25 });
    // No request went out for page 3 of the new search.
    expect(calls.filter((c) => c.q === 'Лидер')).toHaveLength(1);
    expect(list.items.value).toEqual(['c']);
    answers.at(-1)!({ items: ['x'], total: 1 });
    await flushPromises();
    expect(list.items.value).toEqual(['x']);
    expect(list.total.value).toBe(1);
  });

  it('shows an edited row in place without reading the page again', async () => {
    const calls: number[] = [];
    let list!: ReturnType<typeof usePagedList<object, { id: string; name: string }>>;
    mount(
      defineComponent({
        setup() {
          list = usePagedList<object, { id: string; name: string }>({
            key: ['test', 'edited'],
            filters: ref({}),
            fetch: async (query) => {
              calls.push(query.page);
              return { items: [{ id: '1', name: 'Иванов' }, { id: '2', name: 'Петров' }], total: 2 };
            },
          });
          return () => h('div');
        },
      }),
      { global: { plugins: [i18n] } },
    );
    await flushPromises();
    expect(calls).toHaveLength(1);

    list.replaceItem((row) => row.id === '2', { id: '2', name: 'Петров-Водкин' });
    await flushPromises();

    expect(list.items.value.map((r) => r.name)).toEqual(['Иванов', 'Петров-Водкин']);
    expect(calls).toHaveLength(1);
  });
});
