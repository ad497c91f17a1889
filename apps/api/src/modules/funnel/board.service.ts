import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { scopeOf } from '../../common/scope/record-scope';
import { preparedQuery } from '../../common/sql/prepared-query';
import { SqlParams, dealConditions, dealJsonColumns, whereSql } from './deal-rows';
import { stageTotalsParams, stageTotalsSql } from './deal-totals';
import { BOARD_CARD_FIELDS, type BoardDto, type BoardQueryDto } from './dto/funnel.dto';

/** A `BoardDto` as JSON text, to be sent as it is (`Content-Type: application/json`). */
export type BoardJson = string & { readonly __json?: BoardDto };

/**
 * The funnel board (GET /api/funnel/board): per active stage the count, the sums and the
 * most recently changed deals. A read model of its own, apart from the deals' writes.
 */
@Injectable()
export class FunnelBoardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The board as the JSON text of its `BoardDto`, written whole by PostgreSQL and sent
   * as it is. The answer is mostly its ~140 cards: building their JSON in SQL, then
   * parsing it, mapping every card and serialising it again in Node cost the API more CPU
   * than the statement cost PostgreSQL; and a card is only what the board shows
   * (BoardCardDto: a deal's page has the rest), half the bytes of a whole deal to write,
   * read, send and parse (polar_bench, manager and director: 113 → 50 kB).
   */
  async board(query: BoardQueryDto, user: AuthenticatedUser): Promise<BoardJson> {
    const { sql, params } = this.boardQuery(query, user);
    const [row] = await preparedQuery<{ board: string }>(this.dataSource, sql, params);
    return row!.board;
  }

  /**
   * The board's statement and its parameters (exposed for the plan test). One statement
   * answers the whole board: the active stages in funnel order, each with its totals and
   * its cards, and the open stages' totals. The totals come from the summary rows
   * (DealTotalsService's `stageTotalsSql`) when the only filter is the manager, else from
   * the deals in scope and filtered; the cards are the top `perStage` of each stage, a
   * range of deals_stage_updated_idx (everyone's board) or
   * deals_client_manager_stage_updated_idx (a manager's), so neither part reads every
   * deal in scope. A card is the BoardCardDto's fields of the deal (`dealJsonColumns`),
   * newest change first.
   */
  boardQuery(query: BoardQueryDto, user: AuthenticatedUser): { sql: string; params: unknown[] } {
    const scope = scopeOf(user);
    const p = new SqlParams();
    const where = dealConditions(scope, query, p);
    const live = Boolean(query.clientId || query.channelId || query.from || query.to);
    const [scopeIds, managerId] = stageTotalsParams(scope, { managerId: query.managerId });
    const totals = live
      ? `SELECT d.stage_id, count(*)::int AS n, coalesce(sum(d.amount), 0)::numeric(16,2)::text AS amount,
                coalesce(sum(round(d.amount * d.probability / 100.0, 2)), 0)::numeric(16,2)::text AS weighted
           FROM deals d ${whereSql(where)} GROUP BY d.stage_id`
      : stageTotalsSql(p.add(scopeIds), p.add(managerId));
    const open = (value: string) => `sum(${value}) FILTER (WHERE st.kind = 'open')`;
    const sql = `SELECT json_build_object(
           'columns', coalesce(json_agg(json_build_object(
              'stage', json_build_object('id', st.id, 'code', st.code, 'name', st.name, 'kind', st.kind, 'sortOrder', st.sort_order,
                         'probability', st.probability, 'handsOver', st.hands_over, 'isActive', st.is_active, 'version', st.version),
              'count', coalesce(t.n, 0), 'amount', coalesce(t.amount, '0.00'), 'weightedAmount', coalesce(t.weighted, '0.00'),
              'deals', (SELECT coalesce(json_agg(card ORDER BY d.updated_at DESC, d.id), '[]'::json)
                          FROM (SELECT d.* FROM deals d ${whereSql([...where, 'd.stage_id = st.id'])}
                                 ORDER BY d.updated_at DESC, d.id LIMIT ${p.add(query.perStage, '::int')}) d
                          CROSS JOIN LATERAL (SELECT ${dealJsonColumns(BOARD_CARD_FIELDS)}) card)
            ) ORDER BY st.sort_order), '[]'::json),
           'openCount', coalesce(${open('t.n')}, 0),
           'openAmount', coalesce(${open('t.amount::numeric')}, 0)::numeric(16,2)::text,
           'openWeightedAmount', coalesce(${open('t.weighted::numeric')}, 0)::numeric(16,2)::text)::text AS board
         FROM pipeline_stages st
         LEFT JOIN (${totals}) t ON t.stage_id = st.id
        WHERE st.is_active`;
    return { sql, params: p.values };
  }
}
