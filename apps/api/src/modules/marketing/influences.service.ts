import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { clientManagersOf } from '@polar/access';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, notVisible } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { RuleViolationError } from '../../common/errors/domain-error';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { AuditService } from '../audit/audit.service';
import { Audience } from './audience';
import { CampaignsService } from './campaigns.service';
import type { InfluenceDto, InfluenceListQueryDto, RegisterInfluencesDto } from './dto/campaigns.dto';

/**
 * Advertising influences: which clients and contacts a campaign touched, when and
 * through which channel — and the attribution of deals that follows from them.
 *
 * Attribution: a deal's source campaign is `deals.campaign_id` — set explicitly on the
 * deal, or, when the deal is created without one, the campaign of the client's latest
 * influence at or before the deal's creation (see `defaultDealCampaign`).
 *
 * Scope: a sales manager registers and sees influences on their own clients only.
 */
@Injectable()
export class InfluencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly audience: Audience,
    private readonly campaigns: CampaignsService,
  ) {}

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
      const campaign = await this.campaigns.get(campaignId, em);
      if (input.channelId) await this.campaigns.checkChannel(em, input.channelId, 'channelId');
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
    if (campaignId) await this.campaigns.get(campaignId);
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
}
