import { addWorkingHours } from '@polar/business-time';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { NotFoundError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { applyScope, scopeOf } from '../../common/scope/record-scope';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { CreateServiceRequestDto, EscalateServiceRequestDto, ResolveServiceRequestDto, ServiceRequestDto, ServiceRequestListQueryDto } from './dto/service-request.dto';
import { ServiceRequest } from './entities/service-request.entity';
import { ServiceVisitsService } from './service-visits.service';

/** Phone consultations and malfunction reports, with a response deadline in working hours. */
@Injectable()
export class ServiceRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly access: AccessService,
    private readonly visits: ServiceVisitsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(input: CreateServiceRequestDto, user: AuthenticatedUser): Promise<ServiceRequestDto> {
    const id = await this.dataSource.transaction(async (em) => {
      await this.access.require(user, 'client', input.clientId, 'see', { em, field: 'clientId' });
      if (input.equipmentUnitId) {
        const [unit] = await em.query(`SELECT 1 FROM equipment_units WHERE id = $1 AND client_id = $2`, [input.equipmentUnitId, input.clientId]);
        if (!unit) throw new RuleViolationError('unit_not_of_client', 'Not a unit of this client', [{ field: 'equipmentUnitId', message: 'Not a unit of this client' }]);
      }
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : this.clock.now();
      // The clock runs in working hours only: a call on Friday evening is answered on Monday.
      const respondBy = addWorkingHours(receivedAt, this.config.service.responseHours[input.kind]);
      const request = await em.save(
        em.create(ServiceRequest, {
          clientId: input.clientId,
          equipmentUnitId: input.equipmentUnitId ?? null,
          kind: input.kind,
          channel: input.channel,
          description: input.description,
          receivedAt,
          respondBy,
          status: 'open',
          createdBy: user.id,
        }),
      );
      await this.publish(em, request, 'create', null, { ...input, respondBy: respondBy.toISOString() });
      return request.id;
    });
    return this.get(id, user);
  }

  async resolve(id: string, input: ResolveServiceRequestDto, user: AuthenticatedUser): Promise<ServiceRequestDto> {
    await this.dataSource.transaction(async (em) => {
      const request = await this.lock(em, id, user, input.version);
      request.status = 'resolved';
      request.outcome = input.outcome;
      request.resolvedAt = this.clock.now();
      await em.save(request);
      await this.publish(em, request, 'resolve', { status: 'open' }, { status: 'resolved', outcome: input.outcome });
    });
    return this.get(id, user);
  }

  /** One step from a call to an engineer's visit: the visit is planned and linked both ways. */
  async escalate(id: string, input: EscalateServiceRequestDto, user: AuthenticatedUser): Promise<ServiceRequestDto> {
    await this.dataSource.transaction(async (em) => {
      const request = await this.lock(em, id, user, input.version);
      const visitId = await this.visits.insert(em, {
        clientId: request.clientId,
        equipmentUnitId: request.equipmentUnitId,
        plannedOn: input.plannedOn,
        engineerIds: input.engineerIds ?? [],
        serviceRequestId: request.id,
      });
      request.status = 'escalated';
      request.serviceVisitId = visitId;
      await em.save(request);
      await this.publish(em, request, 'escalate', { status: 'open' }, { status: 'escalated', serviceVisitId: visitId });
    });
    return this.get(id, user);
  }

  private async lock(em: EntityManager, id: string, user: AuthenticatedUser, version: number): Promise<ServiceRequest> {
    await this.access.require(user, 'service_request', id, 'change', { em });
    const request = await em.findOne(ServiceRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw new NotFoundError('Service request');
    if (request.version !== version) throw new StaleVersionError('Service request', version, request.version);
    if (request.status !== 'open') throw new RuleViolationError('request_closed', `The request is already ${request.status}`);
    return request;
  }

  private async publish(em: EntityManager, r: ServiceRequest, action: string, before: object | null, after: object): Promise<void> {
    await this.events.publish(em, {
      type: 'service_request.changed',
      payload: { requestId: r.id, clientId: r.clientId, kind: r.kind, status: r.status },
      audit: { action, entityType: 'service_request', entityId: r.id, before, after },
    });
  }

  async list(query: ServiceRequestListQueryDto, user: AuthenticatedUser): Promise<Page<ServiceRequestDto>> {
    const qb = this.query(user);
    if (query.clientId) qb.andWhere('r.client_id = :clientId', { clientId: query.clientId });
    if (query.equipmentUnitId) qb.andWhere('r.equipment_unit_id = :unit', { unit: query.equipmentUnitId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.overdue) qb.andWhere(`r.status = 'open' AND r.respond_by < :now`, { now: this.clock.now() });
    const total = await qb.clone().getCount();
    const rows = await qb
      .orderBy(`CASE WHEN r.status = 'open' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('r.respond_by', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany();
    return pageOf(
      rows.map((r) => this.map(r)),
      total,
      query,
    );
  }

  async get(id: string, user: AuthenticatedUser): Promise<ServiceRequestDto> {
    await this.access.require(user, 'service_request', id);
    const row = await this.query(user).andWhere('r.id = :id', { id }).getRawOne();
    if (!row) throw new NotFoundError('Service request');
    return this.map(row);
  }

  private query(user: AuthenticatedUser) {
    const qb = this.dataSource
      .getRepository(ServiceRequest)
      .createQueryBuilder('r')
      .innerJoin('r.client', 'c')
      .leftJoin('equipment_units', 'u', 'u.id = r.equipment_unit_id')
      .leftJoin('products', 'p', 'p.id = u.product_id')
      .select([
        'r.id AS id',
        'r.client_id AS client_id',
        'c.name AS client_name',
        'r.equipment_unit_id AS equipment_unit_id',
        `p.name || ' № ' || u.serial_number AS unit_label`,
        'r.kind AS kind',
        'r.channel AS channel',
        'r.description AS description',
        'r.received_at AS received_at',
        'r.respond_by AS respond_by',
        'r.status AS status',
        'r.outcome AS outcome',
        'r.resolved_at AS resolved_at',
        'r.service_visit_id AS service_visit_id',
        'r.version AS version',
      ]);
    return applyScope(qb, scopeOf(user), 'c.manager_id');
  }

  private map(r: Record<string, unknown>): ServiceRequestDto {
    const respondBy = r.respond_by as Date;
    return {
      id: r.id as string,
      clientId: r.client_id as string,
      clientName: r.client_name as string,
      equipmentUnitId: (r.equipment_unit_id as string | null) ?? null,
      unitLabel: (r.unit_label as string | null) ?? null,
      kind: r.kind as ServiceRequestDto['kind'],
      channel: r.channel as ServiceRequestDto['channel'],
      description: r.description as string,
      receivedAt: (r.received_at as Date).toISOString(),
      respondBy: respondBy.toISOString(),
      overdue: r.status === 'open' && respondBy.getTime() < this.clock.now().getTime(),
      status: r.status as ServiceRequestDto['status'],
      outcome: (r.outcome as string | null) ?? null,
      resolvedAt: r.resolved_at ? (r.resolved_at as Date).toISOString() : null,
      serviceVisitId: (r.service_visit_id as string | null) ?? null,
      version: r.version as number,
    };
  }
}
