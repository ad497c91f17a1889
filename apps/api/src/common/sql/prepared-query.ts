import { createHash } from 'node:crypto';
import type { Pool, QueryResult } from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';

/**
 * At most this many distinct statements are prepared per API process. Every connection of
 * the pool keeps the plans of the statements it ran; the hot reads are a few dozen texts
 * (one per scope shape and order), so a text beyond this cap is a sign of a statement that
 * varies with its values, and it runs unnamed instead of filling the server's memory.
 */
export const PREPARED_STATEMENTS_MAX = 500;

const names = new Map<string, string>();

let enabled = true;

/**
 * Turns the named statements on or off for this process (DB_PREPARED_STATEMENTS, set once
 * at start by createApp): off, every read runs unnamed as through `DataSource.query`.
 */
export function usePreparedStatements(on: boolean): void {
  enabled = on;
}

/** The statement's name: the same text always gets the same name, in every process. */
function nameOf(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= PREPARED_STATEMENTS_MAX) return null;
    name = `polar_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a read written once (its text fixed per scope shape, order and paging kind; every
 * value a parameter) as a named prepared statement of the connection it lands on.
 *
 * Why: the hot reads of issue 16 were planned again on every request — about 1 ms of the
 * ~2 ms PostgreSQL spends on «Мои дела» at 1M clients, a few tenths of a ms for a card or a
 * list page. A named statement is parsed once per connection, and after five executions
 * PostgreSQL keeps a generic plan when that plan is estimated no costlier than the custom
 * ones (`plan_cache_mode = auto`); a statement whose best plan depends on its values keeps
 * being planned per execution, so nothing gets a worse plan than before.
 *
 * The rows are the driver's, as `DataSource.query` returns them, and a failure is the same
 * `QueryFailedError` (the error filter maps its PostgreSQL code to a 4xx as before). Only
 * for texts from a bounded set: see PREPARED_STATEMENTS_MAX.
 */
export async function preparedQuery<T = Record<string, unknown>>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  const name = enabled ? nameOf(text) : null;
  if (!pool || !name) return dataSource.query(text, values);
  let result: QueryResult;
  try {
    result = await pool.query({ name, text, values });
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
  return result.rows as T[];
}
