/** One node of a PostgreSQL plan (EXPLAIN or auto_explain, FORMAT JSON), with what the plan tests look at. */
export interface PlanNode {
  type: string;
  relation?: string;
  index?: string;
  /** The index condition: what the index range is, as opposed to a filter on the rows read. */
  cond?: string;
  /** A one-time filter: a branch that runs only when it holds. */
  filter?: string;
  sortKey?: string[];
  /** Rows the node returned over all its loops (EXPLAIN ANALYZE only; 0 otherwise). */
  rows: number;
}

/** Every node of a plan tree, depth first, root first. */
export function planNodes(plan: Record<string, unknown>): PlanNode[] {
  const nodes: PlanNode[] = [];
  const walk = (n: Record<string, unknown>) => {
    nodes.push({
      type: n['Node Type'] as string,
      relation: n['Relation Name'] as string | undefined,
      index: n['Index Name'] as string | undefined,
      cond: n['Index Cond'] as string | undefined,
      filter: n['One-Time Filter'] as string | undefined,
      sortKey: n['Sort Key'] as string[] | undefined,
      rows: Number(n['Actual Rows'] ?? 0) * Number(n['Actual Loops'] ?? 1),
    });
    for (const child of (n.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
  };
  walk(plan);
  return nodes;
}
