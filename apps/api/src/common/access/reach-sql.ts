import type { Reach, RecordField } from '@polar/access';

/**
 * SQL expressions of a query for the facts a rule may look at. A list fact (a
 * complaint's requestees) gives a function that turns the parameter list `(:...p)` into
 * a condition, e.g. an EXISTS over the rows that hold the list.
 */
export type ReachColumns = Partial<Record<RecordField | 'shared', string | ((list: string) => string)>>;

let counter = 0;

/**
 * A reach as a SQL condition with its parameters; null when it reaches everything.
 * An empty reach is `FALSE` — never everything.
 */
export function reachCondition(reach: Reach, columns: ReachColumns): { sql: string; params: Record<string, unknown> } | null {
  if (reach === 'all') return null;
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const term of reach) {
    const column = columns[term.field];
    if (!column) continue;
    if (term.field === 'shared') {
      parts.push(`${String(column)} = TRUE`);
    } else if (term.anyOf.length) {
      const name = `reach${++counter}`;
      params[name] = [...term.anyOf];
      parts.push(typeof column === 'function' ? column(`(:...${name})`) : `${column} IN (:...${name})`);
    }
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}
