import { percentOf } from '@polar/money';
import { moscowDaysRange } from '@polar/business-time';
import { type RecordScope, scopeManagerIds, scopePredicate } from '../../common/scope/record-scope';
import type { DealDto, LineDto } from './dto/funnel.dto';

/**
 * Deals read as plain rows for the lists that answer many of them (the deals list, the
 * board's cards). Entity hydration of every deal with its client, stage, manager, channel
 * and loss reason, and TypeORM rebuilding the statement on every request, were most of
 * those requests' CPU (bench/README.md, third round): the columns are written once here,
 * only the conditions are put together per request, and the rows are mapped straight to
 * the DTO. The instants are formatted in SQL exactly as `toISOString()` would, the money is
 * read as text; funnel.e2e-spec.ts holds each list item and each board card equal to the
 * deal's own page (GET /api/deals/:id).
 */

/** A timestamptz as `Date.prototype.toISOString()` writes it. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A deal's fields over `d` (deals): the SQL, the row's column (DEAL_COLUMNS, DealRow) and
 * the DTO's key (`dealJsonColumns`), written once for both. `orEmpty`: the DTO has '' where
 * the row has null (as `mapDealRow` answers). The names are scalar subqueries by primary
 * key rather than joins: the same rows (every deal has its client and stage, by foreign
 * key), but a statement joining deals to clients, stages, users and two reference lists
 * cost PostgreSQL 3–4 ms to plan at 1M clients (polar_bench, EXPLAIN (SUMMARY), warm:
 * more than executing it), the subqueries 0.15 ms.
 */
const DEAL_FIELDS = [
  ['d.id', 'id', 'id'],
  ['d.client_id', 'client_id', 'clientId'],
  ['(SELECT c.name FROM clients c WHERE c.id = d.client_id)', 'client_name', 'clientName', 'orEmpty'],
  ['d.title', 'title', 'title'],
  ['d.manager_id', 'manager_id', 'managerId'],
  ['(SELECT m.full_name FROM users m WHERE m.id = d.manager_id)', 'manager_name', 'managerName'],
  ['d.stage_id', 'stage_id', 'stageId'],
  ['(SELECT s.name FROM pipeline_stages s WHERE s.id = d.stage_id)', 'stage_name', 'stageName', 'orEmpty'],
  ['d.status', 'status', 'status'],
  ['d.amount::text', 'amount', 'amount'],
  ['d.probability', 'probability', 'probability'],
  ['d.expected_close_date::text', 'expected_close_date', 'expectedCloseDate'],
  ['d.channel_id', 'channel_id', 'channelId'],
  ['(SELECT ch.name FROM reference_items ch WHERE ch.id = d.channel_id)', 'channel_name', 'channelName'],
  ['d.campaign_id', 'campaign_id', 'campaignId'],
  ['d.loss_reason_id', 'loss_reason_id', 'lossReasonId'],
  ['(SELECT lr.name FROM reference_items lr WHERE lr.id = d.loss_reason_id)', 'loss_reason_name', 'lossReasonName'],
  ['d.loss_comment', 'loss_comment', 'lossComment'],
  [iso('d.closed_at'), 'closed_at', 'closedAt'],
  [iso('d.created_at'), 'created_at', 'createdAt'],
  [iso('d.updated_at'), 'updated_at', 'updatedAt'],
  ['d.version', 'version', 'version'],
] as const satisfies ReadonlyArray<readonly [sql: string, column: keyof DealRow, key: keyof DealDto, orEmpty?: 'orEmpty']>;

/** The columns of a deal row over `d` (deals), as `DealRow` names them. */
export const DEAL_COLUMNS = DEAL_FIELDS.map(([sql, column]) => `${sql} AS ${column}`).join(', ');

/**
 * The columns `keys` of a deal over `d`, named and valued as `mapDealRow` answers them
 * (camelCase keys, '' for a missing name, the weighted amount rounded as `percentOf`): a
 * record of them converted by PostgreSQL (`row_to_json`, `json_agg`) is that part of the
 * DTO itself, for an answer written whole in SQL (the board's cards). funnel.e2e-spec.ts
 * holds each board card equal to the deal's own page.
 */
export function dealJsonColumns(keys: ReadonlyArray<Exclude<keyof DealDto, 'lines'>>): string {
  const sql = new Map<keyof DealDto, string>(DEAL_FIELDS.map((f) => [f[2], f[3] ? `coalesce(${f[0]}, '')` : f[0]]));
  sql.set('weightedAmount', 'round(d.amount * d.probability / 100.0, 2)::text');
  return keys.map((key) => `${sql.get(key)} AS "${key}"`).join(', ');
}

/**
 * The lines of the deal `dealId` (an SQL expression) as one JSON array in `sort_order`,
 * each as `mapLine` answers it: numbers as text (exact), the product's unit or «шт».
 */
export const lineArraySql = (dealId: string) => `(SELECT coalesce(json_agg(json_build_object(
    'id', l.id, 'productId', l.product_id, 'description', l.description, 'unit', coalesce(nullif(p.unit, ''), 'шт'),
    'quantity', l.quantity::text, 'unitPrice', l.unit_price::text, 'discountPercent', l.discount_percent::text, 'lineTotal', l.line_total::text)
    ORDER BY l.sort_order), '[]'::json)
   FROM deal_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.deal_id = ${dealId})`;

/** One deal as read by DEAL_COLUMNS. */
export interface DealRow {
  id: string;
  client_id: string;
  client_name: string | null;
  title: string;
  manager_id: string;
  manager_name: string | null;
  stage_id: string;
  stage_name: string | null;
  status: DealDto['status'];
  amount: string;
  probability: number | string;
  expected_close_date: string | null;
  channel_id: string | null;
  channel_name: string | null;
  campaign_id: string | null;
  loss_reason_id: string | null;
  loss_reason_name: string | null;
  loss_comment: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number | string;
}

export function mapDealRow(r: DealRow, lines: LineDto[]): DealDto {
  const probability = Number(r.probability);
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name ?? '',
    title: r.title,
    managerId: r.manager_id,
    managerName: r.manager_name,
    stageId: r.stage_id,
    stageName: r.stage_name ?? '',
    status: r.status,
    amount: r.amount,
    probability,
    weightedAmount: percentOf(r.amount, probability),
    expectedCloseDate: r.expected_close_date,
    channelId: r.channel_id,
    channelName: r.channel_name,
    campaignId: r.campaign_id,
    lossReasonId: r.loss_reason_id,
    lossReasonName: r.loss_reason_name,
    lossComment: r.loss_comment,
    closedAt: r.closed_at,
    lines,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** Positional parameters of a statement being written: `add` answers the placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** The filters the deals list and the board share. */
export interface DealFilter {
  managerId?: string;
  clientId?: string;
  channelId?: string;
  from?: string;
  to?: string;
}

/**
 * The conditions on `d` of a scope and a filter (AND-ed; none is TRUE). The scope is the
 * deal's copy of its client's manager (`d.client_manager_id`, kept by triggers), through
 * `scopePredicate`, the one SQL form of the rule.
 */
export function dealConditions(scope: RecordScope, f: DealFilter, p: SqlParams): string[] {
  const out: string[] = [];
  const ids = scopeManagerIds(scope);
  const scoped = scopePredicate(scope, 'd.client_manager_id', ids ? p.add(ids, '::uuid[]') : 'NULL');
  if (scoped) out.push(scoped);
  if (f.managerId) out.push(`d.manager_id = ${p.add(f.managerId, '::uuid')}`);
  if (f.clientId) out.push(`d.client_id = ${p.add(f.clientId, '::uuid')}`);
  if (f.channelId) out.push(`d.channel_id = ${p.add(f.channelId, '::uuid')}`);
  // Days are Moscow days; the boundaries are instants from @polar/business-time.
  const { from, to } = moscowDaysRange(f.from, f.to);
  if (from) out.push(`d.created_at >= ${p.add(from, '::timestamptz')}`);
  if (to) out.push(`d.created_at < ${p.add(to, '::timestamptz')}`);
  return out;
}

/** `WHERE a AND b` (empty without conditions). */
export const whereSql = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
