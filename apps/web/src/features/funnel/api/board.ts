import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import type { LocationQuery } from 'vue-router';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { BoardDto, BoardQuery } from '@/features/funnel/lib/types';
import { queryClient } from '@/shared/query/client';

/** Query keys of the funnel (deal changes invalidate `funnelKeys.all`). */
export const funnelKeys = {
  all: ['funnel'] as const,
  board: (query: BoardQuery) => ['funnel', 'board', query] as const,
};

/** The kanban board for the given filters, through the query cache. */
export function useBoardQuery(query: Ref<BoardQuery>) {
  return useQuery(
    {
      queryKey: computed(() => funnelKeys.board(query.value)),
      queryFn: ({ signal }) => fetchBoard(query.value, signal),
      placeholderData: keepPreviousData,
    },
    queryClient,
  );
}

/** Replaces the cached board for these filters (a card moved, a column shown in full). */
export function setBoard(query: BoardQuery, update: (board: BoardDto) => BoardDto): void {
  queryClient.setQueryData<BoardDto>(funnelKeys.board(query), (board) => (board ? update(board) : board));
}

/** Deals of one stage beyond the board's first cards ("show more"). */
export function fetchStageDeals(stageId: string, query: BoardQuery) {
  return unwrap(
    api.GET('/api/deals', {
      params: {
        query: { stageId, managerId: query.managerId, channelId: query.channelId, from: query.from, to: query.to, pageSize: 200 },
      },
    }),
  );
}

/** After a deal is created, moved or edited elsewhere: boards re-read. */
export function invalidateBoards(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['funnel', 'board'] });
}

/** Cards per stage on the board's first read (the rest with «Показать ещё»). */
export const PER_STAGE = 20;

/** The board's filters as the address holds them (`?managerId=&channelId=&from=&to=`). */
export function boardQueryOf(query: LocationQuery): BoardQuery {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const from = str(query.from);
  const to = str(query.to);
  return { perStage: PER_STAGE, managerId: str(query.managerId), channelId: str(query.channelId), from: from && to ? from : undefined, to: from && to ? to : undefined };
}

function fetchBoard(query: BoardQuery, signal?: AbortSignal) {
  return unwrap(api.GET('/api/funnel/board', { params: { query }, signal }));
}

/**
 * Asks for the board as soon as the navigation to it starts (the route's `beforeEnter`),
 * so the request runs while the board's code is still loading instead of after it: the
 * view's query then finds it in flight or answered.
 */
export function prefetchBoard(query: LocationQuery): void {
  const q = boardQueryOf(query);
  void queryClient.prefetchQuery({ queryKey: funnelKeys.board(q), queryFn: ({ signal }) => fetchBoard(q, signal) });
}
