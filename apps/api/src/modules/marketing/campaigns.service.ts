import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { clientManagersOf } from '@polar/access';
import ExcelJS from 'exceljs';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, notVisible } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { AuditService } from '../audit/audit.service';
import { Audience } from './audience';
import {
  CAMPAIGN_STATUSES,
  type CampaignCostInputDto,
  type CampaignDto,
  type CampaignEffectivenessDto,
  type CampaignListQueryDto,
  type ChannelsReportDto,
  type CreateCampaignDto,
  type EffectivenessDto,
  type InfluenceDto,
  type InfluenceListQueryDto,
  type RegisterInfluencesDto,
  type UpdateCampaignDto,
} from './dto/campaigns.dto';

interface CampaignRow {
  id: string;
  name: string;
  type: CampaignDto['type'];
  channel_id: string | null;
  channel_name: string | null;
  starts_on: string;
  ends_on: string;
  budget: string;
  actual_cost: string;
  status: CampaignDto['status'];
  responsible_id: string;
  responsible_name: string;
  description: string | null;
  include_segment_ids: string[];
  exclude_segment_ids: string[];
  version: number;
}

const CAMPAIGN_SELECT = `
  SELECT k.id, k.name, k.type, k.channel_id, ch.name AS channel_name, k.starts_on::text, k.ends_on::text, k.budget::text,
         (SELECT coalesce(sum(amount), 0)::text FROM campaign_costs WHERE campaign_id = k.id) AS actual_cost,
         k.status, k.responsible_id, u.full_name AS responsible_name, k.description, k.include_segment_ids, k.exclude_segment_ids, k.version
    FROM campaigns k
    JOIN users u ON u.id = k.responsible_id
    LEFT JOIN reference_items ch ON ch.id = k.channel_id`;

/**
 * The figures of one group of deals and touches, all in SQL with exact numerics. Takes
 * the CTEs `touched(client_id, first_at)`, `lead_deals(id, client_id, status, amount)`,
 * `cost(total)` and `pays(total)` from the caller; ratios are rounded to kopecks / 0.01 %.
 */
const FIGURES = `
  SELECT (SELECT count(*) FROM touched)::int AS touched_clients,
         (SELECT count(*) FROM lead_deals)::int AS deals,
         (SELECT count(*) FROM lead_deals WHERE status = 'won')::int AS won_deals,
         (SELECT coalesce(sum(amount), 0) FROM lead_deals WHERE status = 'won')::text AS revenue,
         (SELECT total FROM pays)::text AS payments,
         (SELECT total FROM cost)::text AS cost,
         round((SELECT total FROM cost) / nullif((SELECT count(*) FROM lead_deals), 0), 2)::text AS cost_per_lead,
         round((SELECT total FROM cost) / nullif((SELECT count(*) FROM lead_deals WHERE status = 'won'), 0), 2)::text AS cost_per_won_deal,
         round(((SELECT coalesce(sum(amount), 0) FROM lead_deals WHERE status = 'won') - (SELECT total FROM cost)) * 100 / nullif((SELECT total FROM cost), 0), 2)::text AS roi_percent,
         round((SELECT count(DISTINCT d.client_id) FROM lead_deals d JOIN touched t ON t.client_id = d.client_id) * 100.0 / nullif((SELECT count(*) FROM touched), 0), 2)::text AS touched_to_deal_percent,
         round((SELECT count(*) FROM lead_deals WHERE status = 'won') * 100.0 / nullif((SELECT count(*) FROM lead_deals), 0), 2)::text AS deal_to_won_percent`;

interface FiguresRow {
  touched_clients: number;
  new_clients?: number;
  deals: number;
  won_deals: number;
  revenue: string;
  payments: string;
  cost: string;
  cost_per_lead: string | null;
  cost_per_won_deal: string | null;
  roi_percent: string | null;
  touched_to_deal_percent: string | null;
  deal_to_won_percent: string | null;
}

const figures = (r: FiguresRow): EffectivenessDto => ({
  touchedClients: r.touched_clients,
  newClients: r.new_clients ?? 0,
  deals: r.deals,
  wonDeals: r.won_deals,
  revenue: r.revenue,
  payments: r.payments,
  cost: r.cost,
  costPerLead: r.cost_per_lead,
  costPerWonDeal: r.cost_per_won_deal,
  roiPercent: r.roi_percent,
  touchedToDealPercent: r.touched_to_deal_percent,
  dealToWonPercent: r.deal_to_won_percent,
});

/**
 * Campaigns, their cost lines, the advertising influences on clients, and the figures
 * of a campaign and of the acquisition channels.
 *
 * Attribution: a deal's source campaign is `deals.campaign_id` — set explicitly on the
 * deal, or, when the deal is created without one, the campaign of the client's latest
 * influence at or before the deal's creation (see `defaultDealCampaign`).
 *
 * Scope: campaigns themselves are visible to everyone with `campaigns.read`; every
 * client-level figure and influence is narrowed to the caller's clients, so a sales
 * manager sees the campaign but only their own clients in it.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly audience: Audience,
  ) {}

  async list(query: CampaignListQueryDto): Promise<Page<CampaignDto>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.status) where.push(`k.status = $${params.push(query.status)}`);
    else where.push(`k.status <> 'archived'`);
    if (query.type) where.push(`k.type = $${params.push(query.type)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM campaigns k ${clause}`, params);
    const rows: CampaignRow[] = await this.dataSource.query(
      `${CAMPAIGN_SELECT} ${clause} ORDER BY k.starts_on DESC, k.name, k.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    const costs = await this.costsOf(this.dataSource.manager, rows.map((r) => r.id));
    return pageOf(
      rows.map((r) => this.map(r, costs.get(r.id) ?? [])),
      total,
      query,
    );
  }

  async get(id: string, em: EntityManager = this.dataSource.manager): Promise<CampaignDto> {
    const [row]: CampaignRow[] = await em.query(`${CAMPAIGN_SELECT} WHERE k.id = $1`, [id]);
    if (!row) throw notVisible('campaign');
    return this.map(row, (await this.costsOf(em, [id])).get(id) ?? []);
  }

  async create(input: CreateCampaignDto, user: AuthenticatedUser): Promise<CampaignDto> {
    checkPeriod(input.startsOn, input.endsOn);
    return this.dataSource.transaction(async (em) => {
      await this.checkRefs(em, input, user);
      const [{ id }] = await em.query(
        `INSERT INTO campaigns (name, type, channel_id, starts_on, ends_on, budget, status, responsible_id, description, include_segment_ids, exclude_segment_ids, created_by, version)
         VALUES ($1, $2, $3, $4, $5, $6, 'planned', $7, $8, $9, $10, $11, 1) RETURNING id`,
        [
          input.name,
          input.type,
          input.channelId ?? null,
          input.startsOn,
          input.endsOn,
          input.budget ?? '0',
          input.responsibleId ?? user.id,
          input.description ?? null,
          input.includeSegmentIds ?? [],
          input.excludeSegmentIds ?? [],
          user.id,
        ],
      );
      await this.replaceCosts(em, id, input.costs ?? [], user.id);
      const dto = await this.get(id, em);
      await this.audit.record(em, { action: 'create', entityType: 'campaign', entityId: id, after: auditView(dto) });
      return dto;
    });
  }

  async update(id: string, input: UpdateCampaignDto, user: AuthenticatedUser): Promise<CampaignDto> {
    return this.dataSource.transaction(async (em) => {
      const [locked] = await em.query(`SELECT version, status FROM campaigns WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw notVisible('campaign');
      if (locked.version !== input.version) throw new StaleVersionError('Campaign', input.version, locked.version);
      const before = await this.get(id, em);
      if (input.status && input.status !== before.status) {
        const from = CAMPAIGN_STATUSES.indexOf(before.status);
        const to = CAMPAIGN_STATUSES.indexOf(input.status);
        if (to !== from + 1) {
          throw new RuleViolationError('campaign_status_order', `A campaign goes planned → active → finished → archived; ${before.status} cannot become ${input.status}`, [
            { field: 'status', message: `Next status after ${before.status} is ${CAMPAIGN_STATUSES[from + 1] ?? 'none'}` },
          ]);
        }
      }
      checkPeriod(input.startsOn ?? before.startsOn, input.endsOn ?? before.endsOn);
      await this.checkRefs(em, input, user);
      await em.query(
        `UPDATE campaigns SET name = $2, type = $3, channel_id = $4, starts_on = $5, ends_on = $6, budget = $7, status = $8, responsible_id = $9,
                description = $10, include_segment_ids = $11, exclude_segment_ids = $12, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [
          id,
          input.name ?? before.name,
          input.type ?? before.type,
          input.channelId === undefined ? before.channelId : input.channelId,
          input.startsOn ?? before.startsOn,
          input.endsOn ?? before.endsOn,
          input.budget ?? before.budget,
          input.status ?? before.status,
          input.responsibleId ?? before.responsibleId,
          input.description === undefined ? before.description : input.description,
          input.includeSegmentIds ?? before.includeSegmentIds,
          input.excludeSegmentIds ?? before.excludeSegmentIds,
        ],
      );
      if (input.costs) await this.replaceCosts(em, id, input.costs, user.id);
      const after = await this.get(id, em);
      await this.audit.record(em, { action: 'update', entityType: 'campaign', entityId: id, before: auditView(before), after: auditView(after) });
      return after;
    });
  }

  // ---------- influences ----------

  /**
   * Registers touches: the given clients, the clients of the given contacts and every
   * client of a segment, in one INSERT … SELECT each (no row-by-row loop), all narrowed
   * to the caller's clients. Registering the same touch again adds nothing.
   */
  async registerInfluences(campaignId: string, input: RegisterInfluencesDto, user: AuthenticatedUser): Promise<number> {
    if (!input.clientIds?.length && !input.contactIds?.length && !input.segmentId) {
      throw new RuleViolationError('influence_target_required', 'Name clients, contacts or a segment', [{ field: 'clientIds', message: 'Give clientIds, contactIds or segmentId' }]);
    }
    return this.dataSource.transaction(async (em) => {
      const campaign = await this.get(campaignId, em);
      if (input.channelId) await this.checkChannel(em, input.channelId, 'channelId');
      const managers = clientManagersOf(user);
      const common = [campaignId, input.occurredAt, input.channelId === undefined ? campaign.channelId : input.channelId, input.note ?? null, user.id, managers];
      let added = 0;
      const insert = async (source: string, params: unknown[]): Promise<number> => {
        const rows = await em.query(
          `INSERT INTO campaign_influences (campaign_id, client_id, contact_id, occurred_at, channel_id, note, created_by)
           SELECT $1, src.client_id, src.contact_id, $2, $3, $4, $5
             FROM (${source}) src
             JOIN clients c ON c.id = src.client_id
            WHERE $6::uuid[] IS NULL OR c.manager_id = ANY($6::uuid[])
           ON CONFLICT DO NOTHING
           RETURNING id`,
          [...common, ...params],
        );
        return rows.length;
      };
      if (input.clientIds?.length) {
        const ids = [...new Set(input.clientIds)];
        const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM clients WHERE id = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR manager_id = ANY($2::uuid[]))`, [ids, managers]);
        if (n !== ids.length) throw notVisible('client', 'clientIds');
        added += await insert(`SELECT unnest($7::uuid[]) AS client_id, NULL::uuid AS contact_id`, [ids]);
      }
      if (input.contactIds?.length) {
        const ids = [...new Set(input.contactIds)];
        const [{ n }] = await em.query(
          `SELECT count(*)::int AS n FROM client_contacts x JOIN clients c ON c.id = x.client_id WHERE x.id = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR c.manager_id = ANY($2::uuid[]))`,
          [ids, managers],
        );
        if (n !== ids.length) throw notVisible('contact', 'contactIds');
        added += await insert(`SELECT x.client_id, x.id AS contact_id FROM client_contacts x WHERE x.id = ANY($7::uuid[])`, [ids]);
      }
      if (input.segmentId) {
        const members = await this.audience.segmentsSql(em, user, [input.segmentId], [], 6, 'segmentId');
        added += await insert(`SELECT m.id AS client_id, NULL::uuid AS contact_id FROM (${members.sql}) m`, members.params);
      }
      await this.audit.record(em, { action: 'create', entityType: 'campaign_influences', entityId: campaignId, after: { added, occurredAt: input.occurredAt, segmentId: input.segmentId ?? null } });
      return added;
    });
  }

  async listInfluences(campaignId: string | null, query: InfluenceListQueryDto, user: AuthenticatedUser): Promise<Page<InfluenceDto>> {
    if (campaignId) await this.get(campaignId);
    if (query.clientId) await this.access.require(user, 'client', query.clientId, 'see', { field: 'clientId' });
    const params: unknown[] = [clientManagersOf(user)];
    const where = [`($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[]))`];
    if (campaignId) where.push(`i.campaign_id = $${params.push(campaignId)}`);
    if (query.clientId) where.push(`i.client_id = $${params.push(query.clientId)}`);
    const from = `FROM campaign_influences i JOIN clients c ON c.id = i.client_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows = await this.dataSource.query(
      `SELECT i.id, i.campaign_id, k.name AS campaign_name, i.client_id, c.name AS client_name, i.contact_id, x.full_name AS contact_name,
              i.occurred_at, i.channel_id, ch.name AS channel_name, i.note
         ${from.replace('WHERE', 'JOIN campaigns k ON k.id = i.campaign_id LEFT JOIN client_contacts x ON x.id = i.contact_id LEFT JOIN reference_items ch ON ch.id = i.channel_id WHERE')}
        ORDER BY i.occurred_at DESC, c.name, i.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return pageOf(
      rows.map(
        (r: Record<string, string | null>): InfluenceDto => ({
          id: r.id!,
          campaignId: r.campaign_id!,
          campaignName: r.campaign_name!,
          clientId: r.client_id!,
          clientName: r.client_name!,
          contactId: r.contact_id,
          contactName: r.contact_name,
          occurredAt: new Date(r.occurred_at as unknown as Date).toISOString(),
          channelId: r.channel_id,
          channelName: r.channel_name,
          note: r.note,
        }),
      ),
      total,
      query,
    );
  }

  async removeInfluence(id: string, user: AuthenticatedUser): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.access.require(user, 'influence', id, 'change', { em });
      await em.query(`DELETE FROM campaign_influences WHERE id = $1`, [id]);
      await this.audit.record(em, { action: 'delete', entityType: 'campaign_influence', entityId: id, before: { id } });
    });
  }

  /**
   * A deal created without a campaign takes the campaign of its client's latest
   * influence at or before the deal's creation (none: stays without one).
   */
  async defaultDealCampaign(em: EntityManager, dealId: string): Promise<void> {
    await em.query(
      `UPDATE deals d SET campaign_id = (
          SELECT i.campaign_id FROM campaign_influences i
           WHERE i.client_id = d.client_id AND i.occurred_at <= d.created_at
           ORDER BY i.occurred_at DESC, i.created_at DESC LIMIT 1)
        WHERE d.id = $1 AND d.campaign_id IS NULL`,
      [dealId],
    );
  }

  // ---------- effectiveness ----------

  async effectiveness(id: string, user: AuthenticatedUser): Promise<CampaignEffectivenessDto> {
    const campaign = await this.get(id);
    const managers = clientManagersOf(user);
    const [row]: FiguresRow[] = await this.dataSource.query(
      `WITH scoped AS (SELECT id, created_at FROM clients WHERE $2::uuid[] IS NULL OR manager_id = ANY($2::uuid[])),
            touched AS (SELECT i.client_id, min(i.occurred_at) AS first_at FROM campaign_influences i JOIN scoped s ON s.id = i.client_id WHERE i.campaign_id = $1 GROUP BY i.client_id),
            lead_deals AS (SELECT d.id, d.client_id, d.status, d.amount FROM deals d JOIN scoped s ON s.id = d.client_id WHERE d.campaign_id = $1),
            cost AS (SELECT coalesce(sum(amount), 0) AS total FROM campaign_costs WHERE campaign_id = $1),
            pays AS (SELECT coalesce(sum(p.amount), 0) AS total FROM payments p JOIN invoices v ON v.id = p.invoice_id JOIN lead_deals d ON d.id = v.deal_id)
       SELECT f.*, (SELECT count(*) FROM touched t JOIN scoped s ON s.id = t.client_id
                     WHERE (s.created_at AT TIME ZONE 'Europe/Moscow')::date >= (SELECT starts_on FROM campaigns WHERE id = $1))::int AS new_clients
         FROM (${FIGURES}) f`,
      [id, managers],
    );
    return { campaignId: id, name: campaign.name, budget: campaign.budget, scoped: managers !== null, ...figures(row) };
  }

  /**
   * Per acquisition channel over [from, to] (Moscow days): touches in the period, clients
   * created in it with the channel, deals created in it whose channel (the deal's own, or
   * its campaign's) is the channel, payments received in it on those channels' deals, and
   * the cost lines incurred in it of the channel's campaigns.
   */
  async channels(from: string, to: string, user: AuthenticatedUser): Promise<ChannelsReportDto> {
    if (from > to) throw new RuleViolationError('period_invalid', 'from must not be after to', [{ field: 'to', message: 'to must not be before from' }]);
    const managers = clientManagersOf(user);
    const rows: Array<FiguresRow & { channel_id: string | null; channel_name: string | null }> = await this.dataSource.query(
      `WITH scoped AS (SELECT id, created_at, channel_id FROM clients WHERE $3::uuid[] IS NULL OR manager_id = ANY($3::uuid[])),
            all_touches AS (SELECT coalesce(i.channel_id, k.channel_id) AS channel_id, i.client_id FROM campaign_influences i JOIN campaigns k ON k.id = i.campaign_id JOIN scoped s ON s.id = i.client_id
                             WHERE (i.occurred_at AT TIME ZONE 'Europe/Moscow')::date BETWEEN $1 AND $2),
            all_deals AS (SELECT coalesce(d.channel_id, k.channel_id) AS channel_id, d.id, d.client_id, d.status, d.amount FROM deals d JOIN scoped s ON s.id = d.client_id LEFT JOIN campaigns k ON k.id = d.campaign_id
                           WHERE (d.created_at AT TIME ZONE 'Europe/Moscow')::date BETWEEN $1 AND $2),
            all_pays AS (SELECT coalesce(d.channel_id, k.channel_id) AS channel_id, p.amount FROM payments p JOIN invoices v ON v.id = p.invoice_id JOIN deals d ON d.id = v.deal_id
                           JOIN scoped s ON s.id = d.client_id LEFT JOIN campaigns k ON k.id = d.campaign_id WHERE p.paid_on BETWEEN $1 AND $2),
            all_costs AS (SELECT k.channel_id, c.amount FROM campaign_costs c JOIN campaigns k ON k.id = c.campaign_id WHERE c.incurred_on BETWEEN $1 AND $2),
            all_new AS (SELECT channel_id FROM scoped WHERE (created_at AT TIME ZONE 'Europe/Moscow')::date BETWEEN $1 AND $2),
            keys AS (SELECT channel_id FROM all_touches UNION SELECT channel_id FROM all_deals UNION SELECT channel_id FROM all_pays UNION SELECT channel_id FROM all_costs UNION SELECT channel_id FROM all_new)
       SELECT keys.channel_id, ch.name AS channel_name, f.*
         FROM keys LEFT JOIN reference_items ch ON ch.id = keys.channel_id
        CROSS JOIN LATERAL (
          WITH touched AS (SELECT DISTINCT client_id FROM all_touches t WHERE t.channel_id IS NOT DISTINCT FROM keys.channel_id),
               lead_deals AS (SELECT id, client_id, status, amount FROM all_deals d WHERE d.channel_id IS NOT DISTINCT FROM keys.channel_id),
               cost AS (SELECT coalesce(sum(amount), 0) AS total FROM all_costs c WHERE c.channel_id IS NOT DISTINCT FROM keys.channel_id),
               pays AS (SELECT coalesce(sum(amount), 0) AS total FROM all_pays p WHERE p.channel_id IS NOT DISTINCT FROM keys.channel_id)
          SELECT g.*, (SELECT count(*) FROM all_new n WHERE n.channel_id IS NOT DISTINCT FROM keys.channel_id)::int AS new_clients FROM (${FIGURES}) g
        ) f
        ORDER BY ch.name NULLS LAST`,
      [from, to, managers],
    );
    return {
      from,
      to,
      scoped: managers !== null,
      channels: rows.map((r) => ({ channelId: r.channel_id, channelName: r.channel_name ?? 'Без канала', ...figures(r) })),
    };
  }

  async effectivenessXlsx(id: string, user: AuthenticatedUser): Promise<Buffer> {
    const e = await this.effectiveness(id, user);
    return workbook('Эффективность', [{ ...e, channelName: e.name }]);
  }

  async channelsXlsx(from: string, to: string, user: AuthenticatedUser): Promise<Buffer> {
    const report = await this.channels(from, to, user);
    return workbook(`Каналы ${from} — ${to}`, report.channels);
  }

  // ---------- helpers ----------

  private map(r: CampaignRow, costs: CampaignDto['costs']): CampaignDto {
    return {
      id: r.id,
      name: r.name,
      type: r.type,
      channelId: r.channel_id,
      channelName: r.channel_name,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      budget: r.budget,
      actualCost: r.actual_cost,
      status: r.status,
      responsibleId: r.responsible_id,
      responsibleName: r.responsible_name,
      description: r.description,
      includeSegmentIds: r.include_segment_ids,
      excludeSegmentIds: r.exclude_segment_ids,
      costs,
      version: r.version,
    };
  }

  private async costsOf(em: EntityManager, ids: string[]): Promise<Map<string, CampaignDto['costs']>> {
    const map = new Map<string, CampaignDto['costs']>();
    if (!ids.length) return map;
    const rows = await em.query(
      `SELECT id, campaign_id, incurred_on::text, description, amount::text FROM campaign_costs WHERE campaign_id = ANY($1::uuid[]) ORDER BY incurred_on, created_at, id`,
      [ids],
    );
    for (const r of rows) {
      const list = map.get(r.campaign_id) ?? [];
      list.push({ id: r.id, incurredOn: r.incurred_on, description: r.description, amount: r.amount });
      map.set(r.campaign_id, list);
    }
    return map;
  }

  private async replaceCosts(em: EntityManager, id: string, costs: CampaignCostInputDto[], userId: string): Promise<void> {
    await em.query(`DELETE FROM campaign_costs WHERE campaign_id = $1`, [id]);
    if (!costs.length) return;
    await em.query(
      `INSERT INTO campaign_costs (campaign_id, incurred_on, description, amount, created_by)
       SELECT $1, r.incurred_on, r.description, r.amount, $3 FROM jsonb_to_recordset($2::jsonb) AS r(incurred_on date, description text, amount numeric)`,
      [id, JSON.stringify(costs.map((c) => ({ incurred_on: c.incurredOn, description: c.description, amount: c.amount }))), userId],
    );
  }

  private async checkRefs(em: EntityManager, input: CreateCampaignDto | UpdateCampaignDto, user: AuthenticatedUser): Promise<void> {
    if (input.channelId) await this.checkChannel(em, input.channelId, 'channelId');
    if (input.responsibleId) {
      const [u] = await em.query(`SELECT 1 FROM users WHERE id = $1 AND is_active`, [input.responsibleId]);
      if (!u) throw notVisible('user', 'responsibleId');
    }
    for (const [field, ids] of [
      ['includeSegmentIds', input.includeSegmentIds],
      ['excludeSegmentIds', input.excludeSegmentIds],
    ] as const) {
      // Each segment must be one the user may see (404 naming the field otherwise).
      if (ids?.length) await this.audience.segmentsSql(em, user, ids, [], 0, field);
    }
  }

  private async checkChannel(em: EntityManager, id: string, field: string): Promise<void> {
    const [row] = await em.query(`SELECT 1 FROM reference_items WHERE id = $1 AND kind = 'acquisition_channel'`, [id]);
    if (!row) throw notVisible('reference', field);
  }
}

function checkPeriod(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) throw new RuleViolationError('period_invalid', 'The campaign ends before it starts', [{ field: 'endsOn', message: 'endsOn must not be before startsOn' }]);
}

const auditView = (c: CampaignDto) => ({ name: c.name, type: c.type, status: c.status, budget: c.budget, startsOn: c.startsOn, endsOn: c.endsOn, costs: c.costs.map((x) => `${x.incurredOn} ${x.amount}`) });

const COLUMNS: Array<[keyof EffectivenessDto, string, 'int' | 'money' | 'percent']> = [
  ['touchedClients', 'Затронуто клиентов', 'int'],
  ['newClients', 'Новые клиенты', 'int'],
  ['deals', 'Сделки (лиды)', 'int'],
  ['wonDeals', 'Выигранные сделки', 'int'],
  ['revenue', 'Выручка, ₽', 'money'],
  ['payments', 'Оплаты, ₽', 'money'],
  ['cost', 'Затраты, ₽', 'money'],
  ['costPerLead', 'Цена лида, ₽', 'money'],
  ['costPerWonDeal', 'Цена выигранной сделки, ₽', 'money'],
  ['roiPercent', 'ROI, %', 'percent'],
  ['touchedToDealPercent', 'Конверсия в сделку, %', 'percent'],
  ['dealToWonPercent', 'Конверсия в выигрыш, %', 'percent'],
];

/** The same figures as the API answer, one row per campaign / channel; amounts as exact numbers with 2 decimals. */
async function workbook(title: string, rows: Array<EffectivenessDto & { channelName: string }>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, '-'));
  sheet.addRow(['', ...COLUMNS.map(([, label]) => label)]).font = { bold: true };
  for (const r of rows) {
    sheet.addRow([r.channelName, ...COLUMNS.map(([key, , kind]) => (r[key] === null ? null : kind === 'int' ? r[key] : Number(r[key])))]);
  }
  COLUMNS.forEach(([, , kind], i) => {
    if (kind !== 'int') sheet.getColumn(i + 2).numFmt = '#,##0.00';
  });
  sheet.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await book.xlsx.writeBuffer());
}
