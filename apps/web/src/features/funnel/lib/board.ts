import { formatMoney } from '@/utils/format';
import { subtractMoney, sumMoney } from '@polar/money';
import type { BoardCardDto, BoardColumnDto, BoardDto, DealDto } from '@/features/funnel/lib/types';

export interface ColumnSummary {
  count: number;
  amount: string;
  weighted: string;
}

/** A column header's figures: the count and both sums as `1 234 567,89 ₽`. */
export function columnSummary(column: Pick<BoardColumnDto, 'count' | 'amount' | 'weightedAmount'>): ColumnSummary {
  return {
    count: column.count,
    amount: formatMoney(column.amount),
    weighted: formatMoney(column.weightedAmount),
  };
}

export interface BoardTotals {
  openCount: number;
  openAmount: string;
  openWeighted: string;
}

/** The totals bar: open deals, their sum and weighted sum, formatted. */
export function boardTotals(board: Pick<BoardDto, 'openCount' | 'openAmount' | 'openWeightedAmount'> | null): BoardTotals {
  return {
    openCount: board?.openCount ?? 0,
    openAmount: formatMoney(board?.openAmount ?? '0.00'),
    openWeighted: formatMoney(board?.openWeightedAmount ?? '0.00'),
  };
}

/** Where a deal is on the board (column index, position), or null. */
export function findDeal(board: BoardDto, dealId: string): { column: number; index: number; deal: BoardCardDto } | null {
  for (let c = 0; c < board.columns.length; c++) {
    const deals = board.columns[c]!.deals;
    const index = deals.findIndex((d) => d.id === dealId);
    if (index >= 0) return { column: c, index, deal: deals[index]! };
  }
  return null;
}

/**
 * The board after the server accepted a move: the card leaves its old column (whose
 * count and sums drop by the old amounts) and heads the new one (most recently changed
 * first, as the server orders them) with the server's new amounts; the open totals are
 * summed again over the open columns. All sums are exact kopeck arithmetic.
 */
export function applyMove(board: BoardDto, moved: DealDto): BoardDto {
  const found = findDeal(board, moved.id);
  const columns = board.columns.map((column, c) => {
    let { count, amount, weightedAmount, deals } = column;
    if (found && c === found.column) {
      deals = deals.filter((d) => d.id !== moved.id);
      count = Math.max(0, count - 1);
      amount = subtractMoney(amount, found.deal.amount);
      weightedAmount = subtractMoney(weightedAmount, found.deal.weightedAmount);
    }
    if (column.stage.id === moved.stageId) {
      deals = [moved, ...deals.filter((d) => d.id !== moved.id)];
      count += 1;
      amount = sumMoney([amount, moved.amount]);
      weightedAmount = sumMoney([weightedAmount, moved.weightedAmount]);
    }
    return { ...column, count, amount, weightedAmount, deals };
  });
  const open = columns.filter((c) => c.stage.kind === 'open');
  return {
    columns,
    openCount: open.reduce((n, c) => n + c.count, 0),
    openAmount: sumMoney(open.map((c) => c.amount)),
    openWeightedAmount: sumMoney(open.map((c) => c.weightedAmount)),
  };
}

/** The board with a card shown in another column while its move is under way. */
export function withPendingMoves(columns: readonly BoardColumnDto[], pending: ReadonlyMap<string, string>): BoardColumnDto[] {
  if (pending.size === 0) return columns as BoardColumnDto[];
  const moving: BoardCardDto[] = [];
  const stripped = columns.map((column) => {
    const keep: BoardCardDto[] = [];
    for (const deal of column.deals) {
      const target = pending.get(deal.id);
      if (target && target !== column.stage.id) moving.push(deal);
      else keep.push(deal);
    }
    return { ...column, deals: keep };
  });
  return stripped.map((column) => {
    const arriving = moving.filter((d) => pending.get(d.id) === column.stage.id);
    return arriving.length ? { ...column, deals: [...arriving, ...column.deals] } : column;
  });
}
