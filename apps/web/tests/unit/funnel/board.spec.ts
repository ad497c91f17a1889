import { describe, expect, it } from 'vitest';
import { applyMove, boardTotals, columnSummary, withPendingMoves } from '@/features/funnel/lib/board';
import type { BoardDto, DealDto, StageDto } from '@/features/funnel/lib/types';

const NB = '\u00a0';

function stage(id: string, kind: StageDto['kind'], probability: number, sortOrder: number): StageDto {
  return { id, code: id, name: id, kind, probability, sortOrder, handsOver: false, isActive: true, version: 1 };
}

function deal(id: string, stageId: string, amount: string, weightedAmount: string, probability: number): DealDto {
  return {
    id,
    stageId,
    amount,
    weightedAmount,
    probability,
    title: id,
    clientId: 'c',
    clientName: 'Клиент',
    managerId: 'm',
    managerName: 'Менеджер',
    stageName: stageId,
    status: 'open',
    campaignId: null,
    channelId: null,
    channelName: null,
    closedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    expectedCloseDate: null,
    lines: [],
    lossComment: null,
    lossReasonId: null,
    lossReasonName: null,
    version: 1,
  };
}

function board(): BoardDto {
  const a = deal('d1', 's1', '1234567.89', '246913.58', 20);
  const b = deal('d2', 's1', '0.01', '0.00', 20);
  return {
    columns: [
      { stage: stage('s1', 'open', 20, 10), count: 2, amount: '1234567.90', weightedAmount: '246913.58', deals: [a, b] },
      { stage: stage('s2', 'open', 40, 20), count: 0, amount: '0.00', weightedAmount: '0.00', deals: [] },
      { stage: stage('won', 'won', 100, 90), count: 0, amount: '0.00', weightedAmount: '0.00', deals: [] },
    ],
    openCount: 2,
    openAmount: '1234567.90',
    openWeightedAmount: '246913.58',
  };
}

describe('board totals formatting', () => {
  it('formats a column header: count, sum and weighted sum in roubles', () => {
    const summary = columnSummary(board().columns[0]!);
    expect(summary.count).toBe(2);
    expect(summary.amount).toBe(`1${NB}234${NB}567,90${NB}₽`);
    expect(summary.weighted).toBe(`246${NB}913,58${NB}₽`);
  });

  it('formats the totals bar, and zeros before the board has loaded', () => {
    expect(boardTotals(board())).toEqual({
      openCount: 2,
      openAmount: `1${NB}234${NB}567,90${NB}₽`,
      openWeighted: `246${NB}913,58${NB}₽`,
    });
    expect(boardTotals(null)).toEqual({ openCount: 0, openAmount: `0,00${NB}₽`, openWeighted: `0,00${NB}₽` });
  });
});

describe('moving a card on the board', () => {
  it('moves the sums with the card, exactly, and heads the new column with it', () => {
    const moved = { ...deal('d1', 's2', '1234567.89', '493827.16', 40), version: 2 };
    const next = applyMove(board(), moved);
    const [s1, s2] = next.columns;
    expect(s1!.deals.map((d) => d.id)).toEqual(['d2']);
    expect(s1!.count).toBe(1);
    expect(s1!.amount).toBe('0.01');
    expect(s1!.weightedAmount).toBe('0.00');
    expect(s2!.deals[0]).toBe(moved);
    expect(s2!.count).toBe(1);
    expect(s2!.amount).toBe('1234567.89');
    expect(next.openCount).toBe(2);
    expect(next.openAmount).toBe('1234567.90');
    expect(next.openWeightedAmount).toBe('493827.16');
  });

  it('takes a won deal out of the open totals', () => {
    const won = { ...deal('d2', 'won', '0.01', '0.01', 100), status: 'won' as const };
    const next = applyMove(board(), won);
    expect(next.openCount).toBe(1);
    expect(next.openAmount).toBe('1234567.89');
    expect(next.columns[2]!.count).toBe(1);
  });

  it('shows a card in its target column while the move is pending, and back when it is not', () => {
    const columns = board().columns;
    const pending = new Map([['d2', 's2']]);
    const shown = withPendingMoves(columns, pending);
    expect(shown[0]!.deals.map((d) => d.id)).toEqual(['d1']);
    expect(shown[1]!.deals.map((d) => d.id)).toEqual(['d2']);
    expect(withPendingMoves(columns, new Map())).toBe(columns);
  });
});
