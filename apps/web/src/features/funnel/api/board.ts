import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
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
      queryFn: ({ signal }) => unwrap(api.GET('/api/funnel/board', { params: { query: query.value }, signal })),
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
