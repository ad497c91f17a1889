import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import BoardColumn from '@/features/funnel/components/board/BoardColumn.vue';
import DealCard from '@/features/funnel/components/DealCard.vue';
import { renderWindow } from '@/features/funnel/lib/boardRender';
import type { BoardColumnDto, DealDto, StageDto } from '@/features/funnel/lib/types';
import { i18n } from '@/i18n';

const stage: StageDto = { id: 's1', code: 'presentation', name: 'Демонстрация / Презентация', kind: 'open', probability: 10, sortOrder: 10, handsOver: false, isActive: true, version: 1 };
const next: StageDto = { ...stage, id: 's2', code: 'proposal', name: 'Подготовка предложения', sortOrder: 20 };

function deal(n: number): DealDto {
  return {
    id: `d${n}`, stageId: 's1', amount: '1000.00', weightedAmount: '100.00', probability: 10, title: `Сделка ${n}`, clientId: 'c', clientName: 'Клиент',
    managerId: 'm', managerName: 'Менеджер', stageName: stage.name, status: 'open', campaignId: null, channelId: null, channelName: null, closedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', expectedCloseDate: null, lines: [], lossComment: null, lossReasonId: null,
    lossReasonName: null, version: 1,
  };
}

function render(deals: DealDto[]) {
  const column: BoardColumnDto = { stage, count: deals.length, amount: '0.00', weightedAmount: '0.00', deals };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/deals/:id', name: 'funnelDeal', component: { template: '<div />' } }, { path: '/:p(.*)*', component: { template: '<div />' } }] });
  return mount(BoardColumn, {
    props: { column, stages: [stage, next], accent: '#000', canWrite: true, canReopen: false, pending: new Map(), showManager: true, dragging: false, dropTarget: false, loadingMore: false },
    global: { plugins: [i18n, router] },
  });
}

describe('kanban column rendering', () => {
  it('paints the first cards at once and the rest of the first page two frames later', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const wrapper = render(Array.from({ length: 20 }, (_, i) => deal(i + 1)));
    expect(wrapper.findAllComponents(DealCard)).toHaveLength(renderWindow.first);
    frames.shift()!(0);
    frames.shift()!(0);
    await wrapper.vm.$nextTick();
    expect(wrapper.findAllComponents(DealCard)).toHaveLength(20);
    vi.unstubAllGlobals();
  });

  it('makes a card’s move menu only when it is asked for', async () => {
    const wrapper = render([deal(1)]);
    expect(wrapper.find('.el-dropdown').exists()).toBe(false);
    const button = wrapper.get('[data-test="deal-card-menu"]');
    expect(button.attributes('aria-label')).toContain('Сделка 1');
    await button.trigger('click');
    await wrapper.vm.$nextTick();
    expect(wrapper.find('.el-dropdown').exists()).toBe(true);
  });
});
