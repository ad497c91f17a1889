import { moscowDay, workingDaysBetween } from '@polar/business-time';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { NotFoundError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { type DomainEventMap, EventBus } from '../../common/events';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { applyScope, scopeOf } from '../../common/scope/record-scope';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { FunnelPort } from '../funnel/funnel-port';
import type { CancelInstallationDto, FinishInstallationDto, InstallationDto, InstallationListQueryDto, StartInstallationDto, UpdateInstallationDto } from './dto/installation.dto';
import { engineerNames, engineerRefs, requireEngineers } from './engineers';
import { EquipmentService } from './equipment.service';
import { InstallationJob } from './entities/installation-job.entity';

/** Installation jobs: created at hand-over, planned and worked by the service department. */
@Injectable()
export class InstallationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly funnel: FunnelPort,
    private readonly access: AccessService,
    private readonly equipment: EquipmentService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Creates the installation job of a handed-over deal inside the caller's
   * transaction (the `deal.handed_over` subscriber). A deal has one job: a repeated
   * hand-over keeps the existing one. It is planned for the contract's deadline; the
   * hand-over day is kept, so a hand-over too close to the deadline shows on the job.
   */
  async createForHandover(em: EntityManager, h: DomainEventMap['deal.handed_over']): Promise<{ created: boolean }> {
    const today = moscowDay(this.clock.now());
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO installation_jobs (deal_id, contract_id, client_id, deadline, planned_on, handed_over_on, engineer_ids, status, version)
       VALUES ($1, $2, $3, $4, $4, $5, '{}', 'planned', 1)
       ON CONFLICT (deal_id) DO NOTHING
       RETURNING id`,
      [h.dealId, h.contractId, h.clientId, h.installationDeadline, today],
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
      audit: {
        action: 'create',
        entityType: 'installation_job',
        entityId: rows[0].id,
        after: { dealId: h.dealId, contractId: h.contractId, deadline: h.installationDeadline, handedOverOn: today, status: 'planned' },
      },
    });
    return { created: true };
  }

  async list(query: InstallationListQueryDto, user: AuthenticatedUser): Promise<Page<InstallationDto>> {
    const today = moscowDay(this.clock.now());
    const qb = this.query(user);
    if (query.dealId) qb.andWhere('j.deal_id = :dealId', { dealId: query.dealId });
    if (query.clientId) qb.andWhere('j.client_id = :clientId', { clientId: query.clientId });
    if (query.status) qb.andWhere('j.status = :status', { status: query.status });
    if (query.engineerId) qb.andWhere(':engineerId = ANY(j.engineer_ids)', { engineerId: query.engineerId });
    if (query.late) {
      qb.andWhere(
        `(j.slip_code IS NOT NULL OR (j.deadline IS NOT NULL AND ((j.status = 'done' AND j.finished_on > j.deadline) OR (j.status IN ('planned', 'in_progress') AND j.deadline < :today))))`,
        { today },
      );
    }
    const total = await qb.clone().getCount();
    const rows = await qb
      .orderBy('j.deadline', 'ASC', 'NULLS LAST')
      .addOrderBy('j.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany();
    return pageOf(await this.withLabels(rows), total, query);
  }

  async get(id: string, user: AuthenticatedUser): Promise<InstallationDto> {
    await this.access.require(user, 'installation', id);
    const row = await this.query(user).andWhere('j.id = :id', { id }).getRawOne();
    if (!row) throw new NotFoundError('Installation job');
    return (await this.withLabels([row]))[0];
  }

  /** Plans the job: the day the engineers go and who they are. */
  async update(id: string, input: UpdateInstallationDto, user: AuthenticatedUser): Promise<InstallationDto> {
    await this.dataSource.transaction(async (em) => {
      const job = await this.lock(em, id, user, input.version);
      this.assertOpen(job);
      const before = { plannedOn: job.plannedOn, engineerIds: job.engineerIds };
      if (input.plannedOn !== undefined) job.plannedOn = input.plannedOn;
      if (input.engineerIds !== undefined) job.engineerIds = await requireEngineers(em, input.engineerIds);
      await em.save(job);
      await this.publishUpdate(em, job, 'plan', before, { plannedOn: job.plannedOn, engineerIds: job.engineerIds });
    });
    return this.get(id, user);
  }

  async start(id: string, input: StartInstallationDto, user: AuthenticatedUser): Promise<InstallationDto> {
    await this.dataSource.transaction(async (em) => {
      const job = await this.lock(em, id, user, input.version);
      if (job.status !== 'planned') throw new RuleViolationError('installation_not_planned', `Only a planned job can start (this one is ${job.status})`);
      job.status = 'in_progress';
      job.startedOn = input.startedOn ?? moscowDay(this.clock.now());
      await em.save(job);
      await this.publishUpdate(em, job, 'start', { status: 'planned' }, { status: job.status, startedOn: job.startedOn });
    });
    return this.get(id, user);
  }

  /**
   * Finishes the job and puts its units into the equipment registry in the same
   * transaction. Finishing after the contract's deadline needs the reason: the slip is
   * what the head of sales and the director look at.
   */
  async finish(id: string, input: FinishInstallationDto, user: AuthenticatedUser): Promise<InstallationDto> {
    await this.dataSource.transaction(async (em) => {
      const job = await this.lock(em, id, user, input.version);
      this.assertOpen(job);
      const finishedOn = input.finishedOn ?? moscowDay(this.clock.now());
      const late = job.deadline !== null && finishedOn > job.deadline;
      const reason = input.slipReason?.trim() || null;
      if (late && !input.slipCode) {
        throw new RuleViolationError('slip_reason_required', `Finished after the deadline ${job.deadline}: say why`, [
          { field: 'slipCode', message: 'Required when the job ends after the deadline' },
        ]);
      }
      if (late && input.slipCode === 'other' && !reason) {
        throw new RuleViolationError('slip_reason_required', 'Describe the reason', [{ field: 'slipReason', message: 'Required for the reason “other”' }]);
      }
      if (!input.units.length) throw new RuleViolationError('units_required', 'List the units installed', [{ field: 'units', message: 'At least one unit' }]);
      job.status = 'done';
      job.startedOn = job.startedOn ?? finishedOn;
      job.finishedOn = finishedOn;
      job.slipCode = late ? (input.slipCode ?? null) : null;
      job.slipReason = late ? reason : null;
      await em.save(job);
      const [client]: Array<{ address: string | null }> = await em.query(`SELECT address FROM clients WHERE id = $1`, [job.clientId]);
      const units = await this.equipment.insertUnits(
        em,
        input.units.map((u) => ({
          productId: u.productId,
          serialNumber: u.serialNumber,
          siteAddress: u.siteAddress ?? client?.address ?? null,
          warrantyMonths: u.warrantyMonths ?? 12,
        })),
        { clientId: job.clientId, installedOn: finishedOn, installationJobId: job.id },
        'units',
      );
      await this.events.publish(em, {
        type: 'installation.done',
        payload: {
          installationId: job.id,
          clientId: job.clientId,
          finishedOn,
          deadline: job.deadline,
          late,
          slipCode: job.slipCode,
          slipReason: job.slipReason,
          units: units.map((u) => ({ unitId: u.id, model: u.model, serialNumber: u.serialNumber })),
        },
        audit: [
          {
            action: 'finish',
            entityType: 'installation_job',
            entityId: job.id,
            before: { status: 'in_progress' },
            after: { status: 'done', finishedOn, slipCode: job.slipCode, slipReason: job.slipReason },
          },
          ...units.map((u) => ({ action: 'create', entityType: 'equipment_unit', entityId: u.id, after: { productId: u.productId, serialNumber: u.serialNumber, installationJobId: job.id } })),
        ],
      });
    });
    return this.get(id, user);
  }

  async cancel(id: string, input: CancelInstallationDto, user: AuthenticatedUser): Promise<InstallationDto> {
    await this.dataSource.transaction(async (em) => {
      const job = await this.lock(em, id, user, input.version);
      this.assertOpen(job);
      const before = { status: job.status };
      job.status = 'cancelled';
      job.cancelReason = input.reason;
      await em.save(job);
      await this.publishUpdate(em, job, 'cancel', before, { status: 'cancelled', cancelReason: input.reason });
    });
    return this.get(id, user);
  }

  private assertOpen(job: InstallationJob): void {
    if (job.status === 'done' || job.status === 'cancelled') throw new RuleViolationError('installation_closed', `The job is already ${job.status}`);
  }

  private async publishUpdate(em: EntityManager, job: InstallationJob, action: string, before: object, after: object): Promise<void> {
    await this.events.publish(em, {
      type: 'installation.updated',
      payload: { installationId: job.id, clientId: job.clientId, status: job.status },
      audit: { action, entityType: 'installation_job', entityId: job.id, before, after },
    });
  }

  private async lock(em: EntityManager, id: string, user: AuthenticatedUser, version: number): Promise<InstallationJob> {
    await this.access.require(user, 'installation', id, 'change', { em });
    const job = await em.findOne(InstallationJob, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!job) throw new NotFoundError('Installation job');
    if (job.version !== version) throw new StaleVersionError('Installation job', version, job.version);
    return job;
  }

  /** Deal titles and contract numbers come from the funnel's interface, not its tables. */
  private async withLabels(rows: Array<Record<string, unknown>>): Promise<InstallationDto[]> {
    const ids = (key: string) => [...new Set(rows.map((r) => r[key]).filter((v): v is string => typeof v === 'string'))];
    const em = this.dataSource.manager;
    const labels = await this.funnel.documentLabels(em, ids('deal_id'), ids('contract_id'));
    const names = await engineerNames(
      em,
      rows.flatMap((r) => (r.engineer_ids as string[] | null) ?? []),
    );
    const today = moscowDay(this.clock.now());
    return rows.map((r) =>
      this.mapRow(
        {
          ...r,
          deal_title: labels.dealTitles.get(r.deal_id as string) ?? null,
          contract_number: r.contract_id ? (labels.contractNumbers.get(r.contract_id as string) ?? null) : null,
        },
        names,
        today,
      ),
    );
  }

  private query(user: AuthenticatedUser) {
    const qb = this.dataSource
      .getRepository(InstallationJob)
      .createQueryBuilder('j')
      .innerJoin('j.client', 'c')
      .leftJoin('users', 'm', 'm.id = c.manager_id')
      .select([
        'j.id AS id',
        'j.deal_id AS deal_id',
        'j.contract_id AS contract_id',
        'j.client_id AS client_id',
        'c.name AS client_name',
        'c.address AS client_address',
        'c.manager_id AS manager_id',
        'm.full_name AS manager_name',
        // Days as strings: node-postgres would turn them into local-time Dates.
        'j.deadline::text AS deadline',
        'j.planned_on::text AS planned_on',
        'j.handed_over_on::text AS handed_over_on',
        'j.engineer_ids AS engineer_ids',
        'j.status AS status',
        'j.started_on::text AS started_on',
        'j.finished_on::text AS finished_on',
        'j.slip_code AS slip_code',
        'j.slip_reason AS slip_reason',
        'j.cancel_reason AS cancel_reason',
        '(SELECT count(*)::int FROM equipment_units u WHERE u.installation_job_id = j.id) AS units_installed',
        'j.created_at AS created_at',
        'j.version AS version',
      ]);
    return applyScope(qb, scopeOf(user), 'c.manager_id');
  }

  private mapRow(r: Record<string, unknown>, names: Map<string, string>, today: string): InstallationDto {
    const deadline = (r.deadline as string | null) ?? null;
    const handedOverOn = (r.handed_over_on as string | null) ?? null;
    const status = r.status as InstallationDto['status'];
    const finishedOn = (r.finished_on as string | null) ?? null;
    const handoverWorkingDays = deadline && handedOverOn ? workingDaysBetween(handedOverOn, deadline) : null;
    return {
      id: r.id as string,
      dealId: r.deal_id as string,
      dealTitle: (r.deal_title as string | null) ?? null,
      contractId: (r.contract_id as string | null) ?? null,
      contractNumber: (r.contract_number as string | null) ?? null,
      clientId: r.client_id as string,
      clientName: r.client_name as string,
      clientAddress: (r.client_address as string | null) ?? null,
      managerId: r.manager_id as string,
      managerName: (r.manager_name as string | null) ?? '',
      deadline,
      plannedOn: (r.planned_on as string | null) ?? null,
      handedOverOn,
      handoverWorkingDays,
      lateHandover: handoverWorkingDays !== null && handoverWorkingDays < this.config.service.handoverMinWorkingDays,
      late: deadline !== null && (status === 'done' ? finishedOn !== null && finishedOn > deadline : status !== 'cancelled' && deadline < today),
      status,
      engineers: engineerRefs(r.engineer_ids as string[] | null, names),
      startedOn: (r.started_on as string | null) ?? null,
      finishedOn,
      slipCode: (r.slip_code as InstallationDto['slipCode']) ?? null,
      slipReason: (r.slip_reason as string | null) ?? null,
      cancelReason: (r.cancel_reason as string | null) ?? null,
      unitsInstalled: Number(r.units_installed ?? 0),
      createdAt: (r.created_at as Date).toISOString(),
      version: r.version as number,
    };
  }
}
