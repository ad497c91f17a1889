import type { DataSource, EntityManager } from 'typeorm';

/**
 * Above this many rows a list total is no longer counted: the count would read every
 * matching row on every page view (a million for the director's unfiltered client list).
 */
export const COUNT_CAP = 10_000;

export interface CountedTotal {
  total: number;
  /** True when more than COUNT_CAP rows match: `total` is then the planner's estimate. */
  totalIsEstimate: boolean;
  /** With `totalIsEstimate`: the cap the exact count stopped at (more rows than this match). */
  totalLowerBound?: number;
}

/**
 * The total of a list query, exact up to `cap` rows. `sql` is the list's SELECT without
 * ORDER BY or paging (any select list; only its rows count). Beyond the cap the total is
 * the planner's row estimate of the same query (EXPLAIN without ANALYZE: nothing is read),
 * never less than cap + 1, and marked as an estimate.
 */
export async function cappedCount(db: DataSource | EntityManager, sql: string, params: unknown[], cap = COUNT_CAP): Promise<CountedTotal> {
  const [row] = await db.query(`SELECT count(*)::int AS n FROM (${sql} LIMIT ${cap + 1}) capped`, params);
  return countedTotal(db, Number(row?.n ?? 0), sql, params, cap);
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
