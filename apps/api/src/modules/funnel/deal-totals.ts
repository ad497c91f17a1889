import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DomainEvent, EventBus, type DomainEventType } from '../../common/events';
import type { RecordScope } from '../../common/scope/record-scope';

/** Counts and sums of deals in one stage (one manager, or all in the scope). */
export interface StageTotals {
  stageId: string;
  count: number;
  /** Sum of deal amounts, exact decimal string. */
  amount: string;
  /** Sum of round(amount × probability / 100, 2), exact decimal string. */
  weightedAmount: string;
}

/** One summary row: a stage, the client's responsible manager (the scope) and the deal's manager. */
export interface DealTotalsRow extends StageTotals {
  clientManagerId: string;
  managerId: string;
}

/**
 * The summary's totals per stage (`stage_id`, `n`, `amount`, `weighted`, money as text) for
 * a scope and an optional deal manager: `scopeIds` and `managerId` are the placeholders of
 * `stageTotalsParams` (a uuid[] or null, a uuid or null). `byStage` runs it; the board
 * embeds it in its one statement.
 */
export function stageTotalsSql(scopeIds: string, managerId: string): string {
  return `SELECT stage_id, sum(deal_count)::int AS n, sum(amount)::numeric(16,2)::text AS amount, sum(weighted_amount)::numeric(16,2)::text AS weighted
         FROM deal_stage_totals
        WHERE deal_count <> 0 AND (${scopeIds}::uuid[] IS NULL OR client_manager_id = ANY(${scopeIds}::uuid[])) AND (${managerId}::uuid IS NULL OR manager_id = ${managerId}::uuid)
        GROUP BY stage_id`;
}

/** The values of `stageTotalsSql`'s placeholders, in order. */
export function stageTotalsParams(scope: RecordScope, filter: { managerId?: string } = {}): [string[] | null, string | null] {
  return [scope.managerIds === null ? null : [...scope.managerIds], filter.managerId ?? null];
}

/** The deal events that change a deal's stage, amount, probability or manager. */
const DEAL_CHANGES = ['deal.created', 'deal.updated', 'deal.moved', 'deal.won', 'deal.lost', 'deal.reopened'] as const satisfies readonly DomainEventType[];

/** What a deal adds to the summary; read from the `history()` snapshot of the deal's audit record. */
interface DealFigures {
  stageId: string;
  clientId: string;
  managerId: string;
  amount: string;
  probability: number;
}

/** Same rounding as a live aggregate over deals (and percentOf in @polar/money): per deal, then summed. */
const WEIGHTED = (amount: string, probability: string) => `round(${amount} * ${probability} / 100.0, 2)`;

const FULL_AGGREGATE = `
  SELECT d.stage_id, c.manager_id AS client_manager_id, d.manager_id,
         count(*)::int AS deal_count, sum(d.amount) AS amount, sum(${WEIGHTED('d.amount', 'd.probability')}) AS weighted_amount
    FROM deals d JOIN clients c ON c.id = d.client_id
   GROUP BY d.stage_id, c.manager_id, d.manager_id`;

/**
 * Deal totals per stage × client's manager × deal's manager (`deal_stage_totals`), so the
 * board and the analytics read a few dozen rows instead of aggregating every deal ever
 * won or lost. Kept current by the funnel's domain events inside the publishing
 * transaction (a failed update rolls the deal change back), and by `clients.reassigned`
 * (a client's deals follow it into the new manager's scope).
 *
 * Deals written by raw SQL outside the services (seeds, bulk loads) need `rebuild()`:
 * `pnpm --filter @polar/api run funnel:rebuild-totals`.
 */
@Injectable()
export class DealTotalsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(DEAL_CHANGES, (em, event) => this.onDealChange(em, event), 'funnel.deal-totals');
    this.events.subscribe('clients.reassigned', (em, event) => this.onReassigned(em, event), 'funnel.deal-totals');
  }

  /**
   * Totals per stage for the deals whose client is in `scope`, optionally only the deals
   * of one manager (`managerId`, the deal's manager, like the board's filter). Stages
   * without deals are absent. This is the read method for other modules (analytics).
   */
  async byStage(scope: RecordScope, filter: { managerId?: string } = {}, em: EntityManager | DataSource = this.dataSource): Promise<StageTotals[]> {
    const rows: Array<{ stage_id: string; n: number; amount: string; weighted: string }> = await em.query(stageTotalsSql('$1', '$2'), stageTotalsParams(scope, filter));
    return rows.map((r) => ({ stageId: r.stage_id, count: Number(r.n), amount: r.amount, weightedAmount: r.weighted }));
  }

  /** Every non-empty summary row (analytics by manager; the recomputation test). */
  async rows(em: EntityManager | DataSource = this.dataSource): Promise<DealTotalsRow[]> {
    return readRows(em, 'deal_stage_totals');
  }

  /** The same rows computed from the deals themselves (what the summary must equal). */
  async recompute(em: EntityManager | DataSource = this.dataSource): Promise<DealTotalsRow[]> {
    return readRows(em, `(${FULL_AGGREGATE}) full_aggregate`);
  }

  private async onDealChange(em: EntityManager, event: DomainEvent<(typeof DEAL_CHANGES)[number]>): Promise<void> {
    const change = event.audit.find((a) => a.entityType === 'deal');
    const before = figures(change?.before);
    const after = figures(change?.after);
    if (!after) throw new Error(`${event.type} without the deal's figures: the funnel summary cannot follow it`);
    if (before && sameFigures(before, after)) return;
    const deltas: Delta[] = [];
    for (const [sign, f] of [[-1, before], [1, after]] as const) {
      if (!f) continue;
      const [client] = await em.query(`SELECT manager_id FROM clients WHERE id = $1`, [f.clientId]);
      deltas.push({ stageId: f.stageId, clientManagerId: client.manager_id, managerId: f.managerId, count: sign, amount: f.amount, probability: f.probability });
    }
    await em.query(
      `${UPSERT_HEAD}
       SELECT x.stage_id, x.cm, x.m, sum(x.n)::int, sum(x.n * x.amount), sum(x.n * ${WEIGHTED('x.amount', 'x.probability')})
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::numeric[], $6::int[]) AS x(stage_id, cm, m, n, amount, probability)
        GROUP BY x.stage_id, x.cm, x.m
        ORDER BY x.stage_id, x.cm, x.m
       ${UPSERT_TAIL}`,
      [deltas.map((d) => d.stageId), deltas.map((d) => d.clientManagerId), deltas.map((d) => d.managerId), deltas.map((d) => d.count), deltas.map((d) => d.amount), deltas.map((d) => d.probability)],
    );
  }

  /** The moved clients' deals leave the old manager's rows and join the new one's. */
  private async onReassigned(em: EntityManager, event: DomainEvent<'clients.reassigned'>): Promise<void> {
    const { moves, toManagerId } = event.payload;
    if (!moves.length) return;
    await em.query(
      `WITH moved AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS m(client_id, from_manager)),
            per AS (SELECT d.stage_id, m.from_manager, d.manager_id, count(*)::int AS n, sum(d.amount) AS amount, sum(${WEIGHTED('d.amount', 'd.probability')}) AS weighted
                      FROM deals d JOIN moved m ON m.client_id = d.client_id
                     GROUP BY d.stage_id, m.from_manager, d.manager_id)
       ${UPSERT_HEAD}
       SELECT stage_id, cm, manager_id, sum(n)::int, sum(amount), sum(weighted)
         FROM (SELECT stage_id, from_manager AS cm, manager_id, -n AS n, -amount AS amount, -weighted AS weighted FROM per
               UNION ALL
               SELECT stage_id, $3::uuid, manager_id, n, amount, weighted FROM per) x
        GROUP BY stage_id, cm, manager_id
        ORDER BY stage_id, cm, manager_id
       ${UPSERT_TAIL}`,
      [moves.map((m) => m.clientId), moves.map((m) => m.fromManagerId), toManagerId],
    );
  }
}

/**
 * Recomputes the whole summary from the deals (set-based: one aggregate over deals ⋈
 * clients). Run it after writing deals with raw SQL; the events keep it current otherwise.
 */
export async function rebuildDealTotals(em: EntityManager | DataSource): Promise<number> {
  await em.query(`DELETE FROM deal_stage_totals`);
  await em.query(`INSERT INTO deal_stage_totals (stage_id, client_manager_id, manager_id, deal_count, amount, weighted_amount) ${FULL_AGGREGATE}`);
  const [row] = await em.query(`SELECT count(*)::int AS n FROM deal_stage_totals`);
  return Number(row.n);
}

interface Delta {
  stageId: string;
  clientManagerId: string;
  managerId: string;
  count: number;
  amount: string;
  probability: number;
}

/**
 * Deltas are upserted in key order (the callers ORDER BY the key): two transactions that
 * touch the same summary rows (a move s1→s2 and another s2→s1) lock them in the same
 * order and wait for each other instead of deadlocking.
 */
const UPSERT_HEAD = `INSERT INTO deal_stage_totals AS t (stage_id, client_manager_id, manager_id, deal_count, amount, weighted_amount)`;
const UPSERT_TAIL = `ON CONFLICT (stage_id, client_manager_id, manager_id) DO UPDATE
   SET deal_count = t.deal_count + excluded.deal_count, amount = t.amount + excluded.amount, weighted_amount = t.weighted_amount + excluded.weighted_amount`;

async function readRows(em: EntityManager | DataSource, from: string): Promise<DealTotalsRow[]> {
  const rows: Array<Record<string, string | number>> = await em.query(
    `SELECT stage_id, client_manager_id, manager_id, deal_count, amount::numeric(16,2)::text AS amount, weighted_amount::numeric(16,2)::text AS weighted
       FROM ${from} WHERE deal_count <> 0 ORDER BY stage_id, client_manager_id, manager_id`,
  );
  return rows.map((r) => ({
    stageId: String(r.stage_id),
    clientManagerId: String(r.client_manager_id),
    managerId: String(r.manager_id),
    count: Number(r.deal_count),
    amount: String(r.amount),
    weightedAmount: String(r.weighted),
  }));
}

function figures(snapshot: object | null | undefined): DealFigures | null {
  const s = snapshot as Partial<DealFigures> | null | undefined;
  if (!s?.stageId || !s.clientId || !s.managerId || s.amount === undefined || s.probability === undefined) return null;
  return { stageId: s.stageId, clientId: s.clientId, managerId: s.managerId, amount: String(s.amount), probability: Number(s.probability) };
}

function sameFigures(a: DealFigures, b: DealFigures): boolean {
  return a.stageId === b.stageId && a.clientId === b.clientId && a.managerId === b.managerId && a.amount === b.amount && a.probability === b.probability;
}

/**
 * Sets every deal that has lines to their total (the one rule for a deal's amount) and
 * rebuilds the summary if anything changed. Returns the number of deals corrected.
 * (Analytics keeps its own summary: run its rebuild as well after a correction.)
 */
export async function realignDealAmounts(em: EntityManager | DataSource): Promise<number> {
  const [row] = await em.query(REALIGN_AMOUNTS);
  const n = Number(row.n);
  if (n) await rebuildDealTotals(em);
  return n;
}

/** An UPDATE inside a SELECT, so every driver answers with one row holding the count. */
export const REALIGN_AMOUNTS = `
  WITH fixed AS (
    UPDATE deals d SET amount = l.total
      FROM (SELECT deal_id, sum(line_total) AS total FROM deal_lines GROUP BY deal_id) l
     WHERE l.deal_id = d.id AND d.amount <> l.total
    RETURNING d.id)
  SELECT count(*)::int AS n FROM fixed`;
