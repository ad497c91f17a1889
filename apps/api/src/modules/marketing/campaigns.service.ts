import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { notVisible } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { AuditService } from '../audit/audit.service';
import { Audience } from './audience';
import {
  CAMPAIGN_STATUSES,
  type CampaignCostInputDto,
  type CampaignDto,
  type CampaignListQueryDto,
  type CreateCampaignDto,
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
 * Campaigns and their cost lines: planning, the status order, the budget and the
 * actual cost. The touches on clients are InfluencesService's, the figures
 * CampaignFiguresService's.
 *
 * Campaigns themselves are visible to everyone with `campaigns.read`; every
 * client-level figure and influence is narrowed to the caller's clients there.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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

  /** 404 naming `field` unless `id` is an acquisition channel. */
  async checkChannel(em: EntityManager, id: string, field: string): Promise<void> {
    const [row] = await em.query(`SELECT 1 FROM reference_items WHERE id = $1 AND kind = 'acquisition_channel'`, [id]);
    if (!row) throw notVisible('reference', field);
  }
}

function checkPeriod(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) throw new RuleViolationError('period_invalid', 'The campaign ends before it starts', [{ field: 'endsOn', message: 'endsOn must not be before startsOn' }]);
}

const auditView = (c: CampaignDto) => ({ name: c.name, type: c.type, status: c.status, budget: c.budget, startsOn: c.startsOn, endsOn: c.endsOn, costs: c.costs.map((x) => `${x.incurredOn} ${x.amount}`) });
