import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DomainEvent, type DomainEventType, EventBus } from '../../../common/events';

/**
 * The funnel report's summary rows (measured: the report took 4–17 s at 250k clients
 * reading deal_stage_history per request; bench/README.md, «Analytics bench»):
 *
 * - `analytics_funnel_deals`, one row per deal: manager, client's manager, status, amount,
 *   every stage it entered, loss reason, created and closed instants — the cohort, how far
 *   each deal got, the losses;
 * - `analytics_funnel_stays`, one row per stay of a deal in a stage (entered, left, and the
 *   deal's scope, status and instants the report filters on) — time in stage.
 *
 * A deal event refreshes that one deal's rows from the deal and its history, inside the
 * publishing transaction (the deal and its new history row are already written there);
 * the same SQL, unfiltered, is the rebuild, so the kept rows and a full recomputation
 * cannot drift apart by construction of the statements. `clients.reassigned` only moves
 * the moved clients' deals to the new client manager.
 *
 * Rows written with raw SQL outside the services (seeds, bulk loads, test fixtures) need
 * the rebuild: `pnpm --filter @polar/api run analytics:rebuild-totals`.
 */
@Injectable()
export class FunnelSummaryService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(DEAL_EVENTS, (em, e) => refreshFunnelDeals(em, [e.payload.dealId]), 'analytics.funnel-summary');
    this.events.subscribe('clients.reassigned', (em, e) => this.onReassigned(em, e), 'analytics.funnel-summary');
  }

  /** Every summary row, in a stable order (the recomputation test). */
  async rows(em: EntityManager | DataSource = this.dataSource): Promise<FunnelSummaryRows> {
    return readRows(em, 'analytics_funnel_deals', 'analytics_funnel_stays');
  }

  /** The same rows computed from the deals and their history (what the summary must equal). */
  async recompute(em: EntityManager | DataSource = this.dataSource): Promise<FunnelSummaryRows> {
    return readRows(em, `(${dealsAggregate('true')}) d`, `(${staysAggregate('true')}) s`);
  }

  private async onReassigned(em: EntityManager, event: DomainEvent<'clients.reassigned'>): Promise<void> {
    const { moves, toManagerId } = event.payload;
    if (!moves.length) return;
    const params = [moves.map((m) => m.clientId), toManagerId];
    await em.query(
      `UPDATE analytics_funnel_deals f SET client_manager_id = $2
         FROM deals d WHERE d.id = f.deal_id AND d.client_id = ANY($1::uuid[]) AND f.client_manager_id <> $2`,
      params,
    );
    await em.query(
      `UPDATE analytics_funnel_stays st SET client_manager_id = $2
         FROM deals d WHERE d.id = st.deal_id AND d.client_id = ANY($1::uuid[]) AND st.client_manager_id <> $2`,
      params,
    );
  }
}

/** Every event after which a deal's figures or history may differ. */
const DEAL_EVENTS = ['deal.created', 'deal.updated', 'deal.moved', 'deal.won', 'deal.lost', 'deal.reopened'] as const satisfies readonly DomainEventType[];

const DEAL_COLUMNS = 'deal_id, manager_id, client_manager_id, status, amount, reached_stage_ids, loss_reason_id, created_at, closed_at';
const STAY_COLUMNS = 'deal_id, history_id, stage_id, entered_at, left_at, manager_id, client_manager_id, deal_status, deal_created_at, deal_closed_at';

/** The per-deal rows of the deals matching `where` (over `deals d`). */
function dealsAggregate(where: string): string {
  return `
    SELECT d.id AS deal_id, d.manager_id, c.manager_id AS client_manager_id, d.status, d.amount,
           ARRAY(SELECT x.stage_id FROM (SELECT h.to_stage_id FROM deal_stage_history h WHERE h.deal_id = d.id UNION SELECT d.stage_id) x(stage_id)
                  ORDER BY x.stage_id) AS reached_stage_ids,
           d.loss_reason_id, d.created_at, d.closed_at
      FROM deals d JOIN clients c ON c.id = d.client_id
     WHERE ${where}`;
}

/**
 * The stays of the deals matching `where` (over `deal_stage_history h`, `deals d`): each
 * entry to the next one, with the deal's scope, status and instants.
 */
function staysAggregate(where: string): string {
  return `
    SELECT h.deal_id, h.id AS history_id, h.to_stage_id AS stage_id, h.changed_at AS entered_at,
           lead(h.changed_at) OVER (PARTITION BY h.deal_id ORDER BY h.changed_at, h.id) AS left_at,
           d.manager_id, c.manager_id AS client_manager_id, d.status AS deal_status, d.created_at AS deal_created_at, d.closed_at AS deal_closed_at
      FROM deal_stage_history h JOIN deals d ON d.id = h.deal_id JOIN clients c ON c.id = d.client_id
     WHERE ${where}`;
}

/** Replaces the rows of the given deals with ones computed from the deals and their history. */
export async function refreshFunnelDeals(em: EntityManager, dealIds: string[]): Promise<void> {
  await em.query(`DELETE FROM analytics_funnel_deals WHERE deal_id = ANY($1::uuid[])`, [dealIds]);
  await em.query(`INSERT INTO analytics_funnel_deals (${DEAL_COLUMNS}) ${dealsAggregate('d.id = ANY($1::uuid[])')}`, [dealIds]);
  await em.query(`DELETE FROM analytics_funnel_stays WHERE deal_id = ANY($1::uuid[])`, [dealIds]);
  await em.query(`INSERT INTO analytics_funnel_stays (${STAY_COLUMNS}) ${staysAggregate('h.deal_id = ANY($1::uuid[])')}`, [dealIds]);
}

/** Recomputes both tables from every deal and its history (set-based). Run after raw-SQL writes. */
export async function rebuildFunnelSummary(em: EntityManager | DataSource): Promise<{ funnelDeals: number; funnelStays: number }> {
  await em.query(`DELETE FROM analytics_funnel_deals`);
  await em.query(`INSERT INTO analytics_funnel_deals (${DEAL_COLUMNS}) ${dealsAggregate('true')}`);
  await em.query(`DELETE FROM analytics_funnel_stays`);
  // In the order they were left: a period's stays then lie together in the table.
  await em.query(`INSERT INTO analytics_funnel_stays (${STAY_COLUMNS}) SELECT * FROM (${staysAggregate('true')}) s ORDER BY s.left_at`);
  const [row] = await em.query(`SELECT (SELECT count(*) FROM analytics_funnel_deals)::int AS d, (SELECT count(*) FROM analytics_funnel_stays)::int AS s`);
  return { funnelDeals: Number(row.d), funnelStays: Number(row.s) };
}

export interface FunnelSummaryRows {
  deals: Array<Record<string, string | null>>;
  stays: Array<Record<string, string | null>>;
}

async function readRows(em: EntityManager | DataSource, deals: string, stays: string): Promise<FunnelSummaryRows> {
  const d: Array<Record<string, string | null>> = await em.query(
    `SELECT deal_id::text, manager_id::text, client_manager_id::text, status::text, amount::numeric(16,2)::text AS amount,
            array_to_string(reached_stage_ids, ',') AS reached, loss_reason_id::text, created_at::text, closed_at::text
       FROM ${deals} ORDER BY deal_id`,
  );
  const s: Array<Record<string, string | null>> = await em.query(
    `SELECT deal_id::text, history_id::text, stage_id::text, entered_at::text, left_at::text, manager_id::text, client_manager_id::text,
            deal_status::text, deal_created_at::text, deal_closed_at::text
       FROM ${stays} ORDER BY deal_id, history_id`,
  );
  return { deals: d, stays: s };
}
