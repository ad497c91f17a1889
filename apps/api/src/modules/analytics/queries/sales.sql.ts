/**
 * The sales report (seed 004, «Аналитика» 2: the 15 indicators), read-only SQL.
 *
 * Reads (never writes): analytics_revenue_days (this module's summary of payments per
 * day × client's manager: the volume and its series), analytics_client_days and
 * analytics_client_mix (its client mix rows), analytics_won_deals and analytics_won_lines
 * (the won deals and their lines per product), analytics_deal_channels (each deal's
 * channel), products (group, cost price), product_groups, reference_items (advertising
 * channels). No other module's table but the catalogue and the reference items.
 *
 * What counts as what:
 * - sales volume = payments received (paid_on, a Moscow day), as plan actuals count it;
 * - an order = a deal won (closed_at read as a Moscow day); the average check and the
 *   profit are per won deal; profit = line totals minus quantity × cost price, over the
 *   lines whose product has a cost price;
 * - product groups and products: the lines of the deals won;
 * - a new client paid for the first time ever in the period; a regular one had paid
 *   before it too; a lost one paid in the period before and not in this one.
 *
 * `$1` is the scope (NULL = everyone): the client's manager for payments, and both the
 * deal's and the client's manager for deals. Money leaves as numeric text.
 */
import { addDays, moscowDayStart } from '@polar/business-time';
import { fromKopecks, toKopecks } from '@polar/money';
import type { EntityManager } from 'typeorm';
import { monthStart } from '../report-math';
import { NO_DAY } from '../summaries/sales-summary';

const MONEY = 'numeric(16,2)::text';
const IN_SCOPE = (column: string) => `($1::uuid[] IS NULL OR ${column} = ANY($1::uuid[]))`;
/** Deal summary rows (w: won deals, l: their lines, k: channels) in scope: the deal's and the client's manager. */
const WON_SCOPE = (a: string) => `${IN_SCOPE(`${a}.deal_manager_id`)} AND ${IN_SCOPE(`${a}.client_manager_id`)}`;
const WON_DAY = `(w.closed_at AT TIME ZONE 'Europe/Moscow')::date`;

export type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Payments and won deals per bucket of `unit` inside [from, to] (days inclusive). */
export function buckets(em: EntityManager, scope: string[] | null, unit: Unit, from: string, to: string) {
  return em.query(
    `WITH pay AS (
       SELECT date_trunc($2::text, r.day::timestamp)::date AS bucket, sum(r.amount) AS volume
         FROM analytics_revenue_days r
        WHERE r.day >= $3::date AND r.day <= $4::date AND ${IN_SCOPE('r.client_manager_id')}
        GROUP BY 1 HAVING sum(r.payments) > 0
     ), won AS (
       SELECT date_trunc($2::text, ${WON_DAY}::timestamp)::date AS bucket, count(*) AS orders, sum(w.amount) AS amount
         FROM analytics_won_deals w
        WHERE w.closed_at >= $5 AND w.closed_at < $6 AND ${WON_SCOPE('w')}
        GROUP BY 1
     )
     SELECT to_char(coalesce(pay.bucket, won.bucket), 'YYYY-MM-DD') AS bucket,
            coalesce(pay.volume, 0)::${MONEY} AS volume, coalesce(won.orders, 0)::int AS orders, coalesce(won.amount, 0)::${MONEY} AS won_amount
       FROM pay FULL JOIN won ON won.bucket = pay.bucket
      ORDER BY 1`,
    [scope, unit, from, to, ...instants(from, to)],
  ) as Promise<Array<{ bucket: string; volume: string; orders: number; won_amount: string }>>;
}

/** The totals of a span: volume, orders, won amount, profit, repeat orders. */
export async function totals(em: EntityManager, scope: string[] | null, from: string, to: string) {
  const [pay] = await em.query(
    `SELECT coalesce(sum(r.amount), 0)::${MONEY} AS volume
       FROM analytics_revenue_days r
      WHERE r.day >= $2::date AND r.day <= $3::date AND ${IN_SCOPE('r.client_manager_id')}`,
    [scope, from, to],
  );
  const [won] = await em.query(
    `SELECT count(*)::int AS orders, coalesce(sum(w.amount), 0)::${MONEY} AS amount,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM analytics_won_deals e WHERE e.client_id = w.client_id AND e.closed_at < w.closed_at))::int AS repeat_orders,
            coalesce((SELECT sum(l.amount - l.quantity * pr.cost_price) FROM analytics_won_lines l JOIN products pr ON pr.id = l.product_id
                       WHERE l.closed_at >= $2 AND l.closed_at < $3 AND ${WON_SCOPE('l')} AND pr.cost_price IS NOT NULL), 0)::${MONEY} AS profit
       FROM analytics_won_deals w
      WHERE w.closed_at >= $2 AND w.closed_at < $3 AND ${WON_SCOPE('w')}`,
    [scope, ...instants(from, to)],
  );
  return { volume: pay.volume as string, orders: won.orders as number, wonAmount: won.amount as string, repeatOrders: won.repeat_orders as number, profit: won.profit as string };
}

/**
 * Lines of the deals won in a span, by product group or by product: amount, quantity, profit.
 * A summary row is one deal × product, so a product's deals are its rows (no DISTINCT).
 */
export function linesBy(em: EntityManager, scope: string[] | null, from: string, to: string, by: 'group' | 'product') {
  const key = by === 'group' ? `g.id, g.name` : `pr.id, pr.name, pr.sku, g.name`;
  return em.query(
    `SELECT ${by === 'group' ? 'g.id, g.name' : 'pr.id, pr.name, pr.sku, g.name AS group_name'},
            sum(l.amount)::${MONEY} AS amount, sum(l.quantity)::numeric(16,3)::text AS quantity, ${by === 'group' ? 'count(DISTINCT l.deal_id)' : 'count(*)'}::int AS deals,
            coalesce(sum(l.amount - l.quantity * pr.cost_price) FILTER (WHERE pr.cost_price IS NOT NULL), 0)::${MONEY} AS profit
       FROM analytics_won_lines l JOIN products pr ON pr.id = l.product_id JOIN product_groups g ON g.id = pr.group_id
      WHERE l.closed_at >= $2 AND l.closed_at < $3 AND ${WON_SCOPE('l')}
      GROUP BY ${key}
      ORDER BY sum(l.amount) DESC, 2`,
    [scope, ...instants(from, to)],
  ) as Promise<Array<{ id: string; name: string; sku?: string; group_name?: string; amount: string; quantity: string; deals: number; profit: string }>>;
}

/** Deals created in a span per advertising channel (the deal's, else its client's): created, won by now, conversion. */
export function channels(em: EntityManager, scope: string[] | null, from: string, to: string) {
  return em.query(
    `SELECT r.id, coalesce(r.name, '') AS name, count(*)::int AS created,
            count(*) FILTER (WHERE k.won)::int AS won,
            coalesce(sum(k.amount) FILTER (WHERE k.won), 0)::${MONEY} AS won_amount
       FROM analytics_deal_channels k LEFT JOIN reference_items r ON r.id = k.channel_id
      WHERE k.created_at >= $2 AND k.created_at < $3 AND ${WON_SCOPE('k')}
      GROUP BY r.id, r.name
      ORDER BY (r.id IS NULL), count(*) DESC, r.name`,
    [scope, ...instants(from, to)],
  ) as Promise<Array<{ id: string | null; name: string; created: number; won: number; won_amount: string }>>;
}

/**
 * Clients by their payments: new (first payment ever in the span), regular (paid in the
 * span and before it), lost (paid in the span before, `prevFrom`..from-1, and not in
 * this one); and the volume from new and from old clients.
 *
 * From this module's summary rows (summaries/sales-summary.ts), never grouping by client:
 * a client is counted by its one row in a span whose previous paid day lies before the
 * span. The whole months of a span that starts on a month's first day come from the month
 * rows (`analytics_client_mix`), the rest from the day rows (`analytics_client_days`).
 */
export async function clientMix(em: EntityManager, scope: string[] | null, from: string, to: string, prevFrom: string) {
  const aligned = from.slice(8) === '01';
  const prevAligned = aligned && prevFrom.slice(8) === '01';
  // Whole months of the span: [from, lastMonth]; the days of a last, partial month after them.
  const toMonth = monthStart(to);
  const lastMonth = !aligned ? null : addDays(to, 1).slice(8) === '01' ? toMonth : toMonth > from ? monthStart(to, -1) : null;
  const tailFrom = !aligned ? from : lastMonth === toMonth ? null : toMonth;
  // One connection on the embedded database: the reads run one after another.
  const rows: MixPart[] = [];
  if (lastMonth) rows.push(...(await mixPart(em, MONTH_ROWS, scope, from, lastMonth, from, prevFrom, prevAligned)));
  if (tailFrom) rows.push(...(await mixPart(em, DAY_ROWS, scope, tailFrom, to, from, prevFrom, prevAligned)));
  // The span before: whole months when both spans start on a first day, else its days.
  rows.push(...(await mixPart(em, prevAligned ? MONTH_ROWS : DAY_ROWS, scope, prevFrom, prevAligned ? monthStart(from, -1) : addDays(from, -1), from, prevFrom, false)));
  // Paid in both spans, when the month rows cannot tell (the span before starts mid-month): by the previous-day index.
  if (!prevAligned) rows.push(...(await bothByPrevDay(em, scope, from, to, prevFrom)));
  const n = (k: keyof MixPart) => rows.reduce((s, r) => s + Number(r[k] ?? 0), 0);
  const money = (k: 'from_new' | 'from_old') => fromKopecks(rows.reduce((s, r) => s + toKopecks(r[k] ?? '0'), 0n));
  const active = n('active');
  const newClients = n('new_clients');
  const activeBefore = n('active_before');
  return { active, new_clients: newClients, regular: active - newClients, active_before: activeBefore, lost: activeBefore - n('in_both'), from_new: money('from_new'), from_old: money('from_old') };
}

interface MixPart {
  active?: number;
  new_clients?: number;
  from_new?: string;
  from_old?: string;
  active_before?: number;
  in_both?: number;
}

/** The day rows or the month rows as the same columns: key (day or month), count, previous, first. */
const DAY_ROWS = { table: 'analytics_client_days', key: 'day', n: '1', prev: 'prev_day', first: 'first_paid' };
const MONTH_ROWS = { table: 'analytics_client_mix', key: 'month', n: 'entries', prev: 'prev_month', first: 'first_month' };

/**
 * The figures of the rows keyed in [lo, hi]: in the span (`span`) its clients, the new ones
 * and their sales (and those paid in the span before too, when `withBoth`); before it, the
 * clients of the span before.
 */
async function mixPart(em: EntityManager, rows: typeof DAY_ROWS, scope: string[] | null, lo: string, hi: string, from: string, prevFrom: string, inSpanWithBoth: boolean): Promise<MixPart[]> {
  const span = lo >= from;
  const r = rows;
  const select = span
    ? `coalesce(sum(${r.n}) FILTER (WHERE ${r.prev} < $4::date), 0)::int AS active,
       coalesce(sum(${r.n}) FILTER (WHERE ${r.prev} = '${NO_DAY}'::date), 0)::int AS new_clients,
       coalesce(sum(amount) FILTER (WHERE ${r.first} >= $4::date), 0)::${MONEY} AS from_new,
       coalesce(sum(amount) FILTER (WHERE ${r.first} < $4::date), 0)::${MONEY} AS from_old
       ${inSpanWithBoth ? `, coalesce(sum(${r.n}) FILTER (WHERE ${r.prev} >= $5::date AND ${r.prev} < $4::date), 0)::int AS in_both` : ', 0 AS in_both'}`
    : `coalesce(sum(${r.n}) FILTER (WHERE ${r.prev} < $4::date), 0)::int AS active_before`;
  return em.query(
    `SELECT ${select} FROM ${r.table}
      WHERE ${r.key} >= $2::date AND ${r.key} <= $3::date AND ${IN_SCOPE('client_manager_id')}`,
    // Only the parameters the statement names ($4: the span's start, or the span before's; $5: the latter).
    [scope, lo, hi, ...(span ? [from, ...(inSpanWithBoth ? [prevFrom] : [])] : [prevFrom])],
  );
}

/** Clients whose first payment in [from, to] follows one in [prevFrom, from). */
function bothByPrevDay(em: EntityManager, scope: string[] | null, from: string, to: string, prevFrom: string): Promise<MixPart[]> {
  return em.query(
    `SELECT count(*)::int AS in_both FROM analytics_client_days
      WHERE prev_day >= $4::date AND prev_day < $2::date AND day >= $2::date AND day <= $3::date AND ${IN_SCOPE('client_manager_id')}`,
    [scope, from, to, prevFrom],
  );
}

/** Days [from, to] as the Moscow instants [start of from, start of the day after to). */
function instants(from: string, to: string): [Date, Date] {
  return [moscowDayStart(from), moscowDayStart(addDays(to, 1))];
}
