import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../context/clock';

/**
 * Above this many rows a list total is no longer counted: the count would read every
 * matching row on every page view (a million for the director's unfiltered client list).
 */
export const COUNT_CAP = 10_000;

/**
 * How long an API process remembers that a list's count went over COUNT_CAP, and the
 * estimate it gave (ListTotals). The one setting of that rule.
 */
export const ESTIMATE_MEMO_MS = 30_000;

/** How many over-cap counts (statement and values) a process remembers at most; the oldest go first. */
export const ESTIMATE_MEMO_SIZE = 1_000;

export interface CountedTotal {
  total: number;
  /** True when more than COUNT_CAP rows match: `total` is then the planner's estimate. */
  totalIsEstimate: boolean;
  /** With `totalIsEstimate`: the cap the exact count stopped at (more rows than this match). */
  totalLowerBound?: number;
}

/** A list's count: its SELECT without ORDER BY or paging (any select list; only its rows count) and the values of its parameters. */
export interface CountQuery {
  sql: string;
  params: unknown[];
}

/**
 * The total of a list query, exact up to `cap` rows. `sql` is the list's SELECT without
 * ORDER BY or paging (any select list; only its rows count). Beyond the cap the total is
 * the planner's row estimate of the same query (EXPLAIN without ANALYZE: nothing is read),
 * never less than cap + 1, and marked as an estimate. Lists count through ListTotals,
 * which skips both statements while an over-cap total is remembered.
 */
export async function cappedCount(db: DataSource | EntityManager, sql: string, params: unknown[], cap = COUNT_CAP): Promise<CountedTotal> {
  const [row] = await db.query(cappedCountSql(sql, cap), params);
  return countedTotal(db, Number(row?.n ?? 0), sql, params, cap);
}

/** The count of `sql` up to cap + 1 rows, as one row `n` (also usable as a scalar subquery in a page's statement). */
export function cappedCountSql(sql: string, cap = COUNT_CAP): string {
  return `SELECT count(*)::int AS n FROM (${sql} LIMIT ${cap + 1}) capped`;
}

/**
 * The total from `n`, the count of `sql` LIMIT cap + 1 already read (e.g. in the same
 * statement as the page): exact up to `cap`, the planner's estimate above it.
 */
export async function countedTotal(db: DataSource | EntityManager, n: number, sql: string, params: unknown[], cap = COUNT_CAP): Promise<CountedTotal> {
  if (n <= cap) return { total: n, totalIsEstimate: false };
  const [plan] = await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const json = plan['QUERY PLAN'] ?? Object.values(plan)[0];
  const parsed = typeof json === 'string' ? JSON.parse(json) : json;
  const estimate = Math.round(Number(parsed?.[0]?.Plan?.['Plan Rows'] ?? 0));
  return { total: Math.max(cap + 1, estimate), totalIsEstimate: true, totalLowerBound: cap };
}

/**
 * The capped totals of the lists, with the one rule that makes a list one statement per
 * request in the steady state (issue 16): when a count went over COUNT_CAP, its total is
 * an estimate anyway (the SPA shows «более 10 000»), so this process remembers, for
 * ESTIMATE_MEMO_MS, that this count statement with these values was over the cap and the
 * estimate it gave; meanwhile the list runs only its page (no count, no EXPLAIN). An
 * exact total (≤ cap) is never remembered: a client added to a small list shows in its
 * total at once. Keyed by the statement's text and its parameter values (the scope's
 * manager ids, the filters); at most ESTIMATE_MEMO_SIZE entries, least recently used
 * dropped first. Time is the injected Clock, so tests can let a memo expire.
 */
@Injectable()
export class ListTotals {
  private readonly memo = new Map<string, { total: CountedTotal; until: number }>();

  constructor(private readonly clock: Clock) {}

  /** The remembered estimate of this count, while it is fresh; otherwise undefined (count it). */
  remembered(count: CountQuery): CountedTotal | undefined {
    const key = memoKey(count);
    const hit = this.memo.get(key);
    if (!hit) return undefined;
    this.memo.delete(key);
    if (hit.until <= this.clock.now().getTime()) return undefined;
    this.memo.set(key, hit); // most recently used last
    return hit.total;
  }

  /** The capped total: the remembered estimate, or the count (and, over the cap, the estimate, remembered). */
  async count(db: DataSource | EntityManager, count: CountQuery): Promise<CountedTotal> {
    const known = this.remembered(count);
    if (known) return known;
    const [row] = await db.query(cappedCountSql(count.sql), count.params);
    return this.fromCount(db, Number(row?.n ?? 0), count);
  }

  /** The total from `n`, the capped count already read with the page (countedTotal); an estimate is remembered. */
  async fromCount(db: DataSource | EntityManager, n: number, count: CountQuery): Promise<CountedTotal> {
    const total = await countedTotal(db, n, count.sql, count.params);
    if (total.totalIsEstimate) this.remember(count, total);
    return total;
  }

  private remember(count: CountQuery, total: CountedTotal): void {
    const key = memoKey(count);
    this.memo.delete(key);
    this.memo.set(key, { total, until: this.clock.now().getTime() + ESTIMATE_MEMO_MS });
    while (this.memo.size > ESTIMATE_MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
  }
}

function memoKey(count: CountQuery): string {
  return `${count.sql}\u0000${JSON.stringify(count.params)}`;
}
