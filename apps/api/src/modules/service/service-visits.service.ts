import { addDays, daysBetween, moscowDay, moscowInstant } from '@polar/business-time';
import { addWorkingDays, isWorkingDay, subtractWorkingDays } from '@polar/calendar';
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
import { PlanningPort } from '../planning/planning-port';
import type {
  ServiceCalendarItemDto,
  ServiceCalendarQueryDto,
  CreateServiceVisitDto,
  ReportServiceVisitDto,
  ServiceCalendarDto,
  ServiceVisitDto,
  ServiceVisitListQueryDto,
  UpdateServiceVisitDto,
} from './dto/service-visit.dto';
import { engineerNames, engineerRefs, requireEngineers } from './engineers';
import { ServiceVisit } from './entities/service-visit.entity';

/** The engineers' calendar covers at most this many days at once. */
const CALENDAR_MAX_DAYS = 62;

@Injectable()
export class ServiceVisitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly planning: PlanningPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Reminder tasks for the engineers of planned visits due within the next
   * SERVICE_VISIT_REMINDER_WORKING_DAYS working days. The visit is marked in the same
   * transaction that creates the tasks (UPDATE … RETURNING), so a retried or repeated run
   * reminds nobody twice; a visit planned later (rescheduled) is a new row and is reminded again.
   */
  async remindEngineers(em: EntityManager, today: string): Promise<number> {
    const days = this.config.service.visitReminderWorkingDays;
    const until = days > 0 ? addWorkingDays(today, days) : today;
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [rows]: [Array<{ id: string; client_id: string; client_name: string; planned_on: string; engineer_ids: string[]; unit_label: string | null }>, number] = await em.query(
      `UPDATE service_visits v SET reminded_at = now()
         FROM clients c
        WHERE c.id = v.client_id AND v.status = 'planned' AND v.reminded_at IS NULL AND cardinality(v.engineer_ids) > 0
          AND v.planned_on >= $1 AND v.planned_on <= $2
       RETURNING v.id, v.client_id, c.name AS client_name, v.planned_on::text AS planned_on, v.engineer_ids,
                 (SELECT p.name || ', № ' || u.serial_number FROM equipment_units u JOIN products p ON p.id = u.product_id WHERE u.id = v.equipment_unit_id) AS unit_label`,
      [today, until],
    );
    const tasks = rows.flatMap((r) => {
      const remindOn = [subtractWorkingDays(r.planned_on, Math.max(days, 0)), today].sort().at(-1) as string;
      const day = r.planned_on.split('-').reverse().join('.');
      return r.engineer_ids.map((assigneeId) => ({
        type: 'visit' as const,
        subject: `Сервисный визит ${day}: ${r.client_name}`,
        description: r.unit_label ? `Оборудование: ${r.unit_label}` : null,
        clientId: r.client_id,
        assigneeId,
        dueAt: moscowInstant(remindOn, '12:00'),
        priority: 'normal' as const,
      }));
    });
    await this.planning.createTasks(em, 'service_reminder', tasks, null);
    return rows.length;
  }

  private today(): string {
    return moscowDay(this.clock.now());
  }

  async list(query: ServiceVisitListQueryDto, user: AuthenticatedUser): Promise<Page<ServiceVisitDto>> {
    const qb = this.query(user);
    if (query.clientId) qb.andWhere('v.client_id = :clientId', { clientId: query.clientId });
    if (query.serviceContractId) qb.andWhere('v.service_contract_id = :sc', { sc: query.serviceContractId });
    if (query.equipmentUnitId) qb.andWhere('v.equipment_unit_id = :unit', { unit: query.equipmentUnitId });
    if (query.engineerId) qb.andWhere(':engineerId = ANY(v.engineer_ids)', { engineerId: query.engineerId });
    if (query.status) qb.andWhere('v.status = :status', { status: query.status });
    if (query.overdue) qb.andWhere(`v.status = 'planned' AND v.planned_on < :today`, { today: this.today() });
    if (query.from) qb.andWhere('v.planned_on >= :from', { from: query.from });
    if (query.to) qb.andWhere('v.planned_on <= :to', { to: query.to });
    const total = await qb.clone().getCount();
    const rows = await qb
      .orderBy('v.planned_on', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany();
    return pageOf(await this.map(rows), total, query);
  }

  async get(id: string, user: AuthenticatedUser): Promise<ServiceVisitDto> {
    await this.access.require(user, 'service_visit', id);
    const row = await this.query(user).andWhere('v.id = :id', { id }).getRawOne();
    if (!row) throw new NotFoundError('Service visit');
    return (await this.map([row]))[0];
  }

  /** A visit outside any plan (a one-off call-out). */
  async create(input: CreateServiceVisitDto, user: AuthenticatedUser): Promise<ServiceVisitDto> {
    const id = await this.dataSource.transaction(async (em) => {
      await this.access.require(user, 'client', input.clientId, 'see', { em, field: 'clientId' });
      return this.insert(em, { clientId: input.clientId, equipmentUnitId: input.equipmentUnitId ?? null, plannedOn: input.plannedOn, engineerIds: input.engineerIds ?? [], serviceRequestId: null });
    });
    return this.get(id, user);
  }

  /** Inserts one visit in the caller's transaction (a one-off visit, an escalated request). */
  async insert(
    em: EntityManager,
    v: { clientId: string; equipmentUnitId: string | null; plannedOn: string; engineerIds: string[]; serviceRequestId: string | null },
  ): Promise<string> {
    if (v.equipmentUnitId) {
      const [unit] = await em.query(`SELECT 1 FROM equipment_units WHERE id = $1 AND client_id = $2`, [v.equipmentUnitId, v.clientId]);
      if (!unit) throw new RuleViolationError('unit_not_of_client', 'Not a unit of this client', [{ field: 'equipmentUnitId', message: 'Not a unit of this client' }]);
    }
    const engineers = await requireEngineers(em, v.engineerIds);
    const visit = await em.save(
      em.create(ServiceVisit, {
        clientId: v.clientId,
        equipmentUnitId: v.equipmentUnitId,
        serviceRequestId: v.serviceRequestId,
        serviceContractId: null,
        periodStart: null,
        plannedOn: v.plannedOn,
        status: 'planned',
        engineerIds: engineers,
        partsUsed: null,
      }),
    );
    await this.events.publish(em, {
      type: 'service_visit.changed',
      payload: { visitId: visit.id, clientId: v.clientId, status: 'planned' },
      audit: { action: 'create', entityType: 'service_visit', entityId: visit.id, after: { ...v } },
    });
    return visit.id;
  }

  async update(id: string, input: UpdateServiceVisitDto, user: AuthenticatedUser): Promise<ServiceVisitDto> {
    await this.dataSource.transaction(async (em) => {
      const visit = await this.lock(em, id, user, input.version);
      const before = { engineerIds: visit.engineerIds };
      if (input.engineerIds !== undefined) visit.engineerIds = await requireEngineers(em, input.engineerIds);
      await em.save(visit);
      await this.events.publish(em, {
        type: 'service_visit.changed',
        payload: { visitId: id, clientId: visit.clientId, status: visit.status },
        audit: { action: 'update', entityType: 'service_visit', entityId: id, before, after: { engineerIds: visit.engineerIds } },
      });
    });
    return this.get(id, user);
  }

  /**
   * The engineer's report. Done: work, parts, the client's signatory (on the client's
   * timeline). Missed: why. Rescheduled: why and the new day — the visit keeps its
   * period, so the plan still counts it and a regeneration adds no other.
   */
  async report(id: string, input: ReportServiceVisitDto, user: AuthenticatedUser): Promise<ServiceVisitDto> {
    let resultId = id;
    await this.dataSource.transaction(async (em) => {
      const visit = await this.lock(em, id, user, input.version);
      const before = { status: visit.status, plannedOn: visit.plannedOn };
      if (input.outcome === 'done') {
        visit.status = 'done';
        visit.doneOn = input.doneOn ?? this.today();
        visit.workDone = input.workDone!;
        visit.partsUsed = (input.partsUsed ?? []).map((p) => ({ productId: p.productId ?? null, description: p.description, quantity: p.quantity }));
        visit.signatoryName = input.signatoryName!;
        await em.save(visit);
        const [unit]: Array<{ label: string }> = visit.equipmentUnitId
          ? await em.query(`SELECT p.name || ' № ' || u.serial_number AS label FROM equipment_units u JOIN products p ON p.id = u.product_id WHERE u.id = $1`, [visit.equipmentUnitId])
          : [];
        await this.events.publish(em, {
          type: 'service_visit.done',
          payload: { visitId: id, clientId: visit.clientId, doneOn: visit.doneOn, workDone: visit.workDone, unitLabel: unit?.label ?? null, signatoryName: visit.signatoryName },
          audit: { action: 'report', entityType: 'service_visit', entityId: id, before, after: { status: 'done', doneOn: visit.doneOn, workDone: visit.workDone, partsUsed: visit.partsUsed, signatoryName: visit.signatoryName } },
        });
        return;
      }
      if (input.outcome === 'missed') {
        visit.status = 'missed';
        visit.reason = input.reason!;
        await em.save(visit);
        await this.publishChange(em, visit, 'report', before, { status: 'missed', reason: visit.reason });
        return;
      }
      if (input.newDate! < this.today()) throw new RuleViolationError('date_in_past', 'Reschedule to today or later', [{ field: 'newDate', message: 'In the past' }]);
      // The old visit stays as history (rescheduled, with the reason); the new one takes its place in the plan.
      visit.status = 'rescheduled';
      visit.reason = input.reason!;
      await em.save(visit);
      const moved = await em.save(
        em.create(ServiceVisit, {
          clientId: visit.clientId,
          serviceContractId: visit.serviceContractId,
          equipmentUnitId: visit.equipmentUnitId,
          serviceRequestId: visit.serviceRequestId,
          periodStart: visit.periodStart,
          plannedOn: input.newDate!,
          status: 'planned',
          engineerIds: visit.engineerIds,
          partsUsed: null,
        }),
      );
      resultId = moved.id;
      await this.publishChange(em, visit, 'reschedule', before, { status: 'rescheduled', reason: visit.reason, newVisitId: moved.id, newDate: input.newDate });
    });
    return this.get(resultId, user);
  }

  private async publishChange(em: EntityManager, visit: ServiceVisit, action: string, before: object, after: object): Promise<void> {
    await this.events.publish(em, {
      type: 'service_visit.changed',
      payload: { visitId: visit.id, clientId: visit.clientId, status: visit.status },
      audit: { action, entityType: 'service_visit', entityId: visit.id, before, after },
    });
  }

  private async lock(em: EntityManager, id: string, user: AuthenticatedUser, version: number): Promise<ServiceVisit> {
    await this.access.require(user, 'service_visit', id, 'change', { em });
    const visit = await em.findOne(ServiceVisit, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!visit) throw new NotFoundError('Service visit');
    if (visit.version !== version) throw new StaleVersionError('Service visit', version, visit.version);
    if (visit.status !== 'planned') throw new RuleViolationError('visit_closed', `The visit is already ${visit.status}`);
    return visit;
  }

  /**
   * Each engineer's installation jobs and visits by day, with the load (how many), for
   * the range (at most two months). Cancelled and rescheduled work is left out.
   */
  async calendar(query: ServiceCalendarQueryDto, user: AuthenticatedUser): Promise<ServiceCalendarDto> {
    if (query.to < query.from) throw new RuleViolationError('range_invalid', 'to is before from', [{ field: 'to', message: 'Before from' }]);
    if (daysBetween(query.from, query.to) >= CALENDAR_MAX_DAYS) throw new RuleViolationError('range_too_long', `At most ${CALENDAR_MAX_DAYS} days`, [{ field: 'to', message: 'Range too long' }]);
    const today = this.today();
    const scope = scopeOf(user);
    const params: unknown[] = [query.from, query.to];
    let scopeSql = '';
    if (scope.managerIds !== null) {
      params.push([...scope.managerIds]);
      scopeSql = `AND c.manager_id = ANY($${params.length}::uuid[])`;
    }
    const rows: Array<{ kind: 'installation' | 'visit'; id: string; date: string; client_id: string; client_name: string; status: string; engineer_ids: string[]; label: string | null }> =
      await this.dataSource.query(
        `SELECT 'installation' AS kind, j.id, coalesce(j.planned_on, j.deadline)::text AS date, j.client_id, c.name AS client_name, j.status, j.engineer_ids, NULL AS label
           FROM installation_jobs j JOIN clients c ON c.id = j.client_id
          WHERE coalesce(j.planned_on, j.deadline) BETWEEN $1 AND $2 AND j.status IN ('planned', 'in_progress', 'done') ${scopeSql}
         UNION ALL
         SELECT 'visit', v.id, v.planned_on::text, v.client_id, c.name, v.status, v.engineer_ids, p.name || ' № ' || u.serial_number
           FROM service_visits v JOIN clients c ON c.id = v.client_id
           LEFT JOIN equipment_units u ON u.id = v.equipment_unit_id LEFT JOIN products p ON p.id = u.product_id
          WHERE v.planned_on BETWEEN $1 AND $2 AND v.status IN ('planned', 'done', 'missed') ${scopeSql}
         ORDER BY date, client_name, id`,
        params,
      );
    const engineers: Array<{ id: string; full_name: string }> = await this.dataSource.query(
      `SELECT id, full_name FROM users WHERE role = 'service' AND is_active AND ($1::uuid IS NULL OR id = $1) ORDER BY full_name, id`,
      [query.engineerId ?? null],
    );
    const days: string[] = [];
    for (let d = query.from; d <= query.to; d = addDays(d, 1)) days.push(d);
    const item = (r: (typeof rows)[number]): ServiceCalendarItemDto => ({
      kind: r.kind,
      id: r.id,
      date: r.date,
      clientId: r.client_id,
      clientName: r.client_name,
      status: r.status,
      overdue: r.status === 'planned' && r.date < today,
      label: r.label,
    });
    return {
      from: query.from,
      to: query.to,
      engineers: engineers.map((e) => {
        const mine = rows.filter((r) => (r.engineer_ids ?? []).includes(e.id));
        return {
          id: e.id,
          fullName: e.full_name,
          load: mine.length,
          days: days.map((date) => ({ date, working: isWorkingDay(date), items: mine.filter((r) => r.date === date).map(item) })),
        };
      }),
      unassigned: query.engineerId ? [] : rows.filter((r) => !(r.engineer_ids ?? []).length).map(item),
    };
  }

  private query(user: AuthenticatedUser) {
    const qb = this.dataSource
      .getRepository(ServiceVisit)
      .createQueryBuilder('v')
      .innerJoin('v.client', 'c')
      .leftJoin('equipment_units', 'u', 'u.id = v.equipment_unit_id')
      .leftJoin('products', 'p', 'p.id = u.product_id')
      .leftJoin('service_contracts', 'sc', 'sc.id = v.service_contract_id')
      .select([
        'v.id AS id',
        'v.client_id AS client_id',
        'c.name AS client_name',
        'coalesce(u.site_address, c.address) AS site_address',
        'v.service_contract_id AS service_contract_id',
        'sc.number AS service_contract_number',
        'v.equipment_unit_id AS equipment_unit_id',
        `p.name || ' № ' || u.serial_number AS unit_label`,
        'v.service_request_id AS service_request_id',
        'v.period_start::text AS period_start',
        'v.planned_on::text AS planned_on',
        'v.status AS status',
        'v.reason AS reason',
        'v.engineer_ids AS engineer_ids',
        'v.done_on::text AS done_on',
        'v.work_done AS work_done',
        'v.parts_used AS parts_used',
        'v.signatory_name AS signatory_name',
        'v.version AS version',
      ]);
    return applyScope(qb, scopeOf(user), 'c.manager_id');
  }

  private async map(rows: Array<Record<string, unknown>>): Promise<ServiceVisitDto[]> {
    const names = await engineerNames(
      this.dataSource.manager,
      rows.flatMap((r) => (r.engineer_ids as string[] | null) ?? []),
    );
    const today = this.today();
    return rows.map((r) => ({
      id: r.id as string,
      clientId: r.client_id as string,
      clientName: r.client_name as string,
      siteAddress: (r.site_address as string | null) ?? null,
      serviceContractId: (r.service_contract_id as string | null) ?? null,
      serviceContractNumber: (r.service_contract_number as string | null) ?? null,
      equipmentUnitId: (r.equipment_unit_id as string | null) ?? null,
      unitLabel: (r.unit_label as string | null) ?? null,
      serviceRequestId: (r.service_request_id as string | null) ?? null,
      periodStart: (r.period_start as string | null) ?? null,
      plannedOn: r.planned_on as string,
      status: r.status as ServiceVisitDto['status'],
      overdue: r.status === 'planned' && (r.planned_on as string) < today,
      reason: (r.reason as string | null) ?? null,
      engineers: engineerRefs(r.engineer_ids as string[] | null, names),
      doneOn: (r.done_on as string | null) ?? null,
      workDone: (r.work_done as string | null) ?? null,
      partsUsed: ((r.parts_used as ServiceVisitDto['partsUsed'] | null) ?? []).map((p) => ({ productId: p.productId ?? null, description: p.description, quantity: p.quantity })),
      signatoryName: (r.signatory_name as string | null) ?? null,
      version: r.version as number,
    }));
  }
}
