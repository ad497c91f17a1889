import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sumMoney } from '@polar/money';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { scopeOf } from '../../common/scope/record-scope';
import { DEAL_COLUMNS, type DealRow, SqlParams, dealConditions, mapDealRow, whereSql } from './deal-rows';
import { stageTotalsParams, stageTotalsSql } from './deal-totals';
import type { BoardDto, BoardQueryDto, StageDto } from './dto/funnel.dto';

/**
 * The funnel board (GET /api/funnel/board): per active stage the count, the sums and the
 * most recently changed deals. A read model of its own, apart from the deals' writes.
 */
@Injectable()
export class FunnelBoardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One statement answers the whole board: the active stages in funnel order, each with its
   * totals and its cards (three round trips before; each costs the API as much CPU as a
   * small query's work). The totals come from the summary rows (DealTotalsService's
   * `stageTotalsSql`) when the only filter is the manager, else from the deals in scope
   * and filtered; the cards are the top `perStage` of each stage, a range of
   * deals_stage_updated_idx (everyone's board) or deals_client_manager_stage_updated_idx
   * (a manager's), so neither part reads every deal in scope. Cards are plain rows
   * (deal-rows.ts), newest change first.
   */
  async board(query: BoardQueryDto, user: AuthenticatedUser): Promise<BoardDto> {
    const { sql, params } = this.boardQuery(query, user);
    const rows: Array<{ stage: StageDto | string; n: number | null; amount: string | null; weighted: string | null; cards: DealRow[] | string }> = await this.dataSource.query(sql, params);
    const columns = rows.map((r) => ({
      stage: json<StageDto>(r.stage),
      count: Number(r.n ?? 0),
      amount: r.amount ?? '0.00',
      weightedAmount: r.weighted ?? '0.00',
      deals: json<DealRow[]>(r.cards).map((card) => mapDealRow(card, [])),
    }));
    const open = columns.filter((c) => c.stage.kind === 'open');
    return {
      columns,
      openCount: open.reduce((n, c) => n + c.count, 0),
      openAmount: sumMoney(open.map((c) => c.amount)),
      openWeightedAmount: sumMoney(open.map((c) => c.weightedAmount)),
    };
  }

  /** The board's statement and its parameters (exposed for the plan test). */
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
    const sql = `SELECT json_build_object('id', st.id, 'code', st.code, 'name', st.name, 'kind', st.kind, 'sortOrder', st.sort_order,
                'probability', st.probability, 'handsOver', st.hands_over, 'isActive', st.is_active, 'version', st.version) AS stage,
              t.n, t.amount, t.weighted,
              (SELECT coalesce(json_agg(card ORDER BY card.sort_at DESC, card.id), '[]'::json)
                 FROM (SELECT ${DEAL_COLUMNS}, d.updated_at AS sort_at
                         FROM (SELECT d.* FROM deals d ${whereSql([...where, 'd.stage_id = st.id'])}
                                ORDER BY d.updated_at DESC, d.id LIMIT ${p.add(query.perStage, '::int')}) d) card) AS cards
         FROM pipeline_stages st
         LEFT JOIN (${totals}) t ON t.stage_id = st.id
        WHERE st.is_active
        ORDER BY st.sort_order`;
    return { sql, params: p.values };
  }
}

/** A json column: parsed by the PostgreSQL driver, text from some others. */
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
