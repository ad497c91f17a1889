import { addDays, moscowDay } from '@polar/business-time';
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
import { refreshCalendarOverrides } from '../calendar/calendar-overrides';
import { defineQueue } from '../queue/queue.types';
import { FunnelPort } from '../funnel/funnel-port';
import { WorkQueue } from '../queue/work-queue.service';
import type { CreateServiceContractDto, ServiceContractDto, ServiceContractListQueryDto, UpdateServiceContractDto } from './dto/service-contract.dto';
import { engineerNames, requireEngineers } from './engineers';
import { ServiceContract } from './entities/service-contract.entity';
import { planVisits } from './visit-plan';

/** Service contracts are numbered СО-<year>-00001 on the funnel's gap-free document counter. */
export const SERVICE_CONTRACT_NUMBER = { kind: 'service_contract', prefix: 'СО' } as const;

/** One item per contract whose visit plan must be (re)generated; the handler is idempotent. */
export const VISIT_PLAN_QUEUE = defineQueue<{ serviceContractId: string }>('service.visit-plan');

@Injectable()
export class ServiceContractsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly access: AccessService,
    private readonly queue: WorkQueue,
    private readonly clock: Clock,
    private readonly funnel: FunnelPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(input: CreateServiceContractDto, user: AuthenticatedUser): Promise<ServiceContractDto> {
    const id = await this.dataSource.transaction(async (em) => {
      await this.access.require(user, 'client', input.clientId, 'see', { em, field: 'clientId' });
      this.assertPeriod(input.startsOn, input.endsOn);
      const engineerId = input.engineerId ? (await requireEngineers(em, [input.engineerId], 'engineerId'))[0] : null;
      // Numbered last, after every check: a refused contract takes no number (and a
      // rolled-back one gives it back), so the year's numbers have no gaps.
      await this.assertUnitsOfClient(em, input.clientId, input.unitIds);
      const number = await this.funnel.nextNumber(em, SERVICE_CONTRACT_NUMBER.kind, SERVICE_CONTRACT_NUMBER.prefix, Number(moscowDay(this.clock.now()).slice(0, 4)));
      const contract = await em.save(
        em.create(ServiceContract, {
          number,
          clientId: input.clientId,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          frequency: input.frequency,
          price: input.price,
          engineerId,
          status: 'active',
          renewalRequestedAt: null,
        }),
      );
      await this.cover(em, contract, input.unitIds);
      await this.changed(em, contract, 'create', null, { ...input });
      return contract.id;
    });
    return this.get(id, user);
  }

  /** Any change re-plans the contract's visits (through the queue, in this transaction). */
  async update(id: string, input: UpdateServiceContractDto, user: AuthenticatedUser): Promise<ServiceContractDto> {
    await this.dataSource.transaction(async (em) => {
      await this.access.require(user, 'service_contract', id, 'change', { em });
      const contract = await em.findOne(ServiceContract, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!contract) throw new NotFoundError('Service contract');
      if (contract.version !== input.version) throw new StaleVersionError('Service contract', input.version, contract.version);
      const before = { startsOn: contract.startsOn, endsOn: contract.endsOn, frequency: contract.frequency, price: contract.price, status: contract.status, engineerId: contract.engineerId };
      if (input.startsOn !== undefined) contract.startsOn = input.startsOn;
      if (input.endsOn !== undefined) {
        // A prolonged contract may need its renewal task again near the new end.
        if (input.endsOn > contract.endsOn) contract.renewalRequestedAt = null;
        contract.endsOn = input.endsOn;
      }
      this.assertPeriod(contract.startsOn, contract.endsOn);
      if (input.frequency !== undefined) contract.frequency = input.frequency;
      if (input.price !== undefined) contract.price = input.price;
      if (input.status !== undefined) contract.status = input.status;
      if (input.engineerId !== undefined) contract.engineerId = input.engineerId ? (await requireEngineers(em, [input.engineerId], 'engineerId'))[0] : null;
      await em.save(contract);
      if (input.unitIds !== undefined) await this.cover(em, contract, input.unitIds);
      await this.changed(em, contract, 'update', before, { ...input });
    });
    return this.get(id, user);
  }

  private assertPeriod(startsOn: string, endsOn: string): void {
    if (endsOn < startsOn) throw new RuleViolationError('period_invalid', 'The contract ends before it starts', [{ field: 'endsOn', message: 'Before startsOn' }]);
  }

  private async assertUnitsOfClient(em: EntityManager, clientId: string, unitIds: string[]): Promise<void> {
    const ids = [...new Set(unitIds)];
    const own: Array<{ id: string }> = await em.query(`SELECT id FROM equipment_units WHERE id = ANY($1::uuid[]) AND client_id = $2`, [ids, clientId]);
    if (own.length !== ids.length) throw new RuleViolationError('unit_not_of_client', 'Cover only the client’s own units', [{ field: 'unitIds', message: 'Not a unit of this client' }]);
  }

  /** The units covered: the client's own units only; units left out are uncovered. */
  private async cover(em: EntityManager, contract: ServiceContract, unitIds: string[]): Promise<void> {
    const ids = [...new Set(unitIds)];
    await this.assertUnitsOfClient(em, contract.clientId, ids);
    await em.query(`UPDATE equipment_units SET service_contract_id = NULL, version = version + 1, updated_at = now() WHERE service_contract_id = $1 AND NOT (id = ANY($2::uuid[]))`, [contract.id, ids]);
    await em.query(
      `UPDATE equipment_units SET service_contract_id = $1, version = version + 1, updated_at = now() WHERE id = ANY($2::uuid[]) AND service_contract_id IS DISTINCT FROM $1`,
      [contract.id, ids],
    );
  }

  private async changed(em: EntityManager, contract: ServiceContract, action: string, before: object | null, after: object): Promise<void> {
    await this.events.publish(em, {
      type: 'service_contract.changed',
      payload: { serviceContractId: contract.id, clientId: contract.clientId, number: contract.number },
      audit: { action, entityType: 'service_contract', entityId: contract.id, before, after },
    });
    // Keyed by version: each change re-plans once, whatever the retries.
    await this.queue.enqueue(em, VISIT_PLAN_QUEUE, { serviceContractId: contract.id }, { key: `visit-plan:${contract.id}:v${contract.version}` });
  }

  /**
   * Brings the contract's planned visits in line with its plan for today's horizon:
   * planned visits of periods no longer in the plan go (only future ones, never a
   * reported visit), missing ones come; a period with a visit already done or missed
   * gets no other. The partial unique index on (unit, period) WHERE planned makes a
   * duplicate impossible even when two runs overlap.
   */
  async regenerate(em: EntityManager, contractId: string, today: string): Promise<{ planned: number; removed: number }> {
    await refreshCalendarOverrides(em);
    const contract = await em.findOne(ServiceContract, { where: { id: contractId } });
    if (!contract) return { planned: 0, removed: 0 };
    const units: Array<{ id: string }> = await em.query(`SELECT id FROM equipment_units WHERE service_contract_id = $1 AND status <> 'decommissioned' ORDER BY id`, [contractId]);
    const plan =
      contract.status === 'active'
        ? planVisits({ startsOn: contract.startsOn, endsOn: contract.endsOn, frequency: contract.frequency, unitIds: units.map((u) => u.id) }, today, this.config.service.visitHorizonDays)
        : [];
    const rows = JSON.stringify(plan.map((p) => ({ unit_id: p.unitId, period_start: p.periodStart, planned_on: p.plannedOn })));
    const removed: unknown[] = await em.query(
      `DELETE FROM service_visits v
        WHERE v.service_contract_id = $1 AND v.status = 'planned' AND v.period_start IS NOT NULL AND v.planned_on >= $3
          AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS r(unit_id uuid, period_start date, planned_on date)
                           WHERE r.unit_id = v.equipment_unit_id AND r.period_start = v.period_start)
       RETURNING v.id`,
      [contractId, rows, today],
    );
    const inserted: unknown[] = await em.query(
      `INSERT INTO service_visits (client_id, service_contract_id, equipment_unit_id, period_start, planned_on, status, engineer_ids, version)
       SELECT $2, $1, r.unit_id, r.period_start, r.planned_on, 'planned', $4::uuid[], 1
         FROM jsonb_to_recordset($3::jsonb) AS r(unit_id uuid, period_start date, planned_on date)
        WHERE NOT EXISTS (SELECT 1 FROM service_visits d WHERE d.equipment_unit_id = r.unit_id AND d.period_start = r.period_start AND d.status IN ('done', 'missed'))
       ON CONFLICT (equipment_unit_id, period_start) WHERE status = 'planned' AND period_start IS NOT NULL DO NOTHING
       RETURNING id`,
      [contractId, contract.clientId, rows, contract.engineerId ? [contract.engineerId] : []],
    );
    // The DELETE … RETURNING answer is [rows, count] on some drivers: count what came back.
    const count = (r: unknown[]) => (Array.isArray(r[0]) ? (r[0] as unknown[]).length : r.length);
    return { planned: count(inserted), removed: count(removed) };
  }

  /** Active contracts whose plan the daily job refreshes (ids in order, a page at a time). */
  async activeContractIds(em: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT id FROM service_contracts WHERE status = 'active' AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Contracts ending within the renewal window without a renewal task yet: marks them and tells planning. */
  async requestRenewals(em: EntityManager, today: string): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [rows]: [Array<{ id: string; client_id: string; number: string; ends_on: string }>, number] = await em.query(
      `UPDATE service_contracts SET renewal_requested_at = now()
        WHERE status = 'active' AND renewal_requested_at IS NULL AND ends_on <= $1 AND ends_on >= $2
       RETURNING id, client_id, number, ends_on::text AS ends_on`,
      [addDays(today, this.config.service.renewalDaysBefore), today],
    );
    for (const r of rows) {
      await this.events.publish(em, {
        type: 'service_contract.renewal_due',
        actorId: null,
        payload: { serviceContractId: r.id, clientId: r.client_id, number: r.number, endsOn: r.ends_on },
        audit: { action: 'renewal_requested', entityType: 'service_contract', entityId: r.id, after: { endsOn: r.ends_on } },
      });
    }
    return rows.length;
  }

  async list(query: ServiceContractListQueryDto, user: AuthenticatedUser): Promise<Page<ServiceContractDto>> {
    const qb = this.query(user);
    if (query.clientId) qb.andWhere('s.client_id = :clientId', { clientId: query.clientId });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    const total = await qb.clone().getCount();
    const rows = await qb
      .orderBy('s.ends_on', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany();
    return pageOf(await this.map(rows), total, query);
  }

  async get(id: string, user: AuthenticatedUser): Promise<ServiceContractDto> {
    await this.access.require(user, 'service_contract', id);
    const row = await this.query(user).andWhere('s.id = :id', { id }).getRawOne();
    if (!row) throw new NotFoundError('Service contract');
    return (await this.map([row]))[0];
  }

  private query(user: AuthenticatedUser) {
    const qb = this.dataSource
      .getRepository(ServiceContract)
      .createQueryBuilder('s')
      .innerJoin('s.client', 'c')
      .select([
        's.id AS id',
        's.number AS number',
        's.client_id AS client_id',
        'c.name AS client_name',
        's.starts_on::text AS starts_on',
        's.ends_on::text AS ends_on',
        's.frequency AS frequency',
        's.price::text AS price',
        's.status AS status',
        's.engineer_id AS engineer_id',
        's.renewal_requested_at AS renewal_requested_at',
        `(SELECT coalesce(array_agg(u.id ORDER BY u.id), '{}') FROM equipment_units u WHERE u.service_contract_id = s.id) AS unit_ids`,
        `(SELECT count(*)::int FROM service_visits v WHERE v.service_contract_id = s.id AND v.status = 'planned') AS planned_visits`,
        's.version AS version',
      ]);
    return applyScope(qb, scopeOf(user), 'c.manager_id');
  }

  private async map(rows: Array<Record<string, unknown>>): Promise<ServiceContractDto[]> {
    const names = await engineerNames(
      this.dataSource.manager,
      rows.map((r) => r.engineer_id as string | null).filter((v): v is string => !!v),
    );
    const today = moscowDay(this.clock.now());
    const soon = addDays(today, this.config.service.renewalDaysBefore);
    return rows.map((r) => ({
      id: r.id as string,
      number: r.number as string,
      clientId: r.client_id as string,
      clientName: r.client_name as string,
      startsOn: r.starts_on as string,
      endsOn: r.ends_on as string,
      frequency: r.frequency as ServiceContractDto['frequency'],
      price: r.price as string,
      status: r.status as ServiceContractDto['status'],
      engineer: r.engineer_id ? { id: r.engineer_id as string, fullName: names.get(r.engineer_id as string) ?? '' } : null,
      unitIds: (r.unit_ids as string[] | null) ?? [],
      plannedVisits: Number(r.planned_visits ?? 0),
      endingSoon: r.status === 'active' && (r.ends_on as string) <= soon,
      renewalRequestedAt: r.renewal_requested_at ? (r.renewal_requested_at as Date).toISOString() : null,
      version: r.version as number,
    }));
  }
}
