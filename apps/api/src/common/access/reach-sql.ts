import type { Reach, RecordField } from '@polar/access';

/** SQL expressions of a query for the facts a rule may look at. */
export type ReachColumns = Partial<Record<RecordField | 'shared', string>>;

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
      parts.push(`${column} = TRUE`);
    } else if (term.anyOf.length) {
      const name = `reach${++counter}`;
      params[name] = [...term.anyOf];
      parts.push(`${column} IN (:...${name})`);
    }
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}
