import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { NotFoundError } from '../../common/errors/domain-error';
import { type Page, pageOf, PageQueryDto } from '../../common/pagination/page.dto';
import { applyScope, scopeOf } from '../../common/scope/record-scope';
import { type DomainEventMap, EventBus } from '../../common/events';
import { FunnelPort } from '../funnel/funnel-port';
import type { InstallationDto } from './dto/installation.dto';
import { InstallationJob } from './entities/installation-job.entity';

/** Installation jobs: created at hand-over, worked by the service department. */
@Injectable()
export class InstallationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly funnel: FunnelPort,
  ) {}

  /**
   * Creates the installation job of a handed-over deal inside the caller's
   * transaction (the `deal.handed_over` subscriber). A deal has one job: a repeated
   * hand-over keeps the existing one.
   */
  async createForHandover(em: EntityManager, h: DomainEventMap['deal.handed_over']): Promise<{ created: boolean }> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO installation_jobs (deal_id, contract_id, client_id, deadline, status, version)
       VALUES ($1, $2, $3, $4, 'planned', 1)
       ON CONFLICT (deal_id) DO NOTHING
       RETURNING id`,
      [h.dealId, h.contractId, h.clientId, h.installationDeadline],
    );
    if (!rows.length) return { created: false };
    await this.events.publish(em, {
      type: 'installation.created',
      payload: {
        installationId: rows[0].id,
        dealId: h.dealId,
        dealTitle: h.title,
        clientId: h.clientId,
        contractId: h.contractId,
        contractNumber: h.contractNumber,
        deadline: h.installationDeadline,
      },
      audit: { action: 'create', entityType: 'installation_job', entityId: rows[0].id, after: { dealId: h.dealId, contractId: h.contractId, deadline: h.installationDeadline, status: 'planned' } },
    });
    return { created: true };
  }

  async list(query: PageQueryDto & { dealId?: string }, user: AuthenticatedUser): Promise<Page<InstallationDto>> {
    const qb = this.query(user);
    if (query.dealId) qb.andWhere('j.deal_id = :dealId', { dealId: query.dealId });
    const total = await qb.clone().getCount();
    const rows = await qb
      .orderBy('j.deadline', 'ASC', 'NULLS LAST')
      .addOrderBy('j.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany();
    return pageOf(await this.withLabels(rows), total, query);
  }

  /** Deal titles and contract numbers come from the funnel's interface, not its tables. */
  private async withLabels(rows: Array<Record<string, unknown>>): Promise<InstallationDto[]> {
    const ids = (key: string) => [...new Set(rows.map((r) => r[key]).filter((v): v is string => typeof v === 'string'))];
    const labels = await this.funnel.documentLabels(this.dataSource.manager, ids('deal_id'), ids('contract_id'));
    return rows.map((r) =>
      mapRow({
        ...r,
        deal_title: labels.dealTitles.get(r.deal_id as string) ?? null,
        contract_number: r.contract_id ? (labels.contractNumbers.get(r.contract_id as string) ?? null) : null,
      }),
    );
  }

  async get(id: string, user: AuthenticatedUser): Promise<InstallationDto> {
    const row = await this.query(user).andWhere('j.id = :id', { id }).getRawOne();
    if (!row) throw new NotFoundError('Installation job');
    return (await this.withLabels([row]))[0];
  }

  private query(user: AuthenticatedUser) {
    const qb = this.dataSource
      .getRepository(InstallationJob)
      .createQueryBuilder('j')
      .innerJoin('j.client', 'c')
      .select([
        'j.id AS id',
        'j.deal_id AS deal_id',
        'j.contract_id AS contract_id',
        'j.client_id AS client_id',
        'c.name AS client_name',
        'c.address AS client_address',
        // Days as strings: node-postgres would turn them into local-time Dates.
        'j.deadline::text AS deadline',
        'j.status AS status',
        'j.started_on::text AS started_on',
        'j.finished_on::text AS finished_on',
        'j.slip_reason AS slip_reason',
        'j.created_at AS created_at',
        'j.version AS version',
      ]);
    return applyScope(qb, scopeOf(user), 'c.manager_id');
  }
}

function mapRow(r: Record<string, unknown>): InstallationDto {
  return {
    id: r.id as string,
    dealId: r.deal_id as string,
    dealTitle: (r.deal_title as string | null) ?? null,
    contractId: (r.contract_id as string | null) ?? null,
    contractNumber: (r.contract_number as string | null) ?? null,
    clientId: r.client_id as string,
    clientName: r.client_name as string,
    clientAddress: (r.client_address as string | null) ?? null,
    deadline: (r.deadline as string | null) ?? null,
    status: r.status as InstallationDto['status'],
    startedOn: (r.started_on as string | null) ?? null,
    finishedOn: (r.finished_on as string | null) ?? null,
    slipReason: (r.slip_reason as string | null) ?? null,
    createdAt: (r.created_at as Date).toISOString(),
    version: r.version as number,
  };
}
