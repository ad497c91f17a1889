import { moscowDay } from '@polar/business-time';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { ConflictError, NotFoundError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { applyScope, scopeOf } from '../../common/scope/record-scope';
import type { CreateEquipmentDto, EquipmentHistoryEntryDto, EquipmentListQueryDto, EquipmentUnitDto, UpdateEquipmentDto } from './dto/equipment.dto';
import { EquipmentUnit } from './entities/equipment-unit.entity';

export interface NewUnit {
  productId: string;
  serialNumber: string;
  siteAddress: string | null;
  warrantyMonths?: number;
  warrantyUntil?: string | null;
}

/** The equipment registry: the units installed at clients' sites, by model and serial number. */
@Injectable()
export class EquipmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  /**
   * Registers units inside the caller's transaction (an installation finishing, or one
   * unit by hand). A serial number already registered for the model is a 409 naming the
   * field (`<field>.<i>.serialNumber`, or `serialNumber` for one unit); the unique index
   * decides in a race.
   */
  async insertUnits(
    em: EntityManager,
    units: NewUnit[],
    where: { clientId: string; installedOn: string | null; installationJobId: string | null },
    field: string | null,
  ): Promise<Array<{ id: string; productId: string; serialNumber: string; model: string }>> {
    const path = (i: number, name: string) => (field ? `${field}.${i}.${name}` : name);
    const products: Array<{ id: string; name: string }> = await em.query(`SELECT id, name FROM products WHERE id = ANY($1::uuid[])`, [[...new Set(units.map((u) => u.productId))]]);
    const models = new Map(products.map((p) => [p.id, p.name]));
    const seen = new Set<string>();
    units.forEach((u, i) => {
      if (!models.has(u.productId)) throw new RuleViolationError('product_not_found', 'No such model in the catalogue', [{ field: path(i, 'productId'), message: 'No such product' }]);
      const key = `${u.productId}\u0000${u.serialNumber.toLowerCase()}`;
      if (seen.has(key)) throw new ConflictError('serial_taken', `Serial number ${u.serialNumber} is listed twice`, [{ field: path(i, 'serialNumber'), message: 'Listed twice' }]);
      seen.add(key);
    });
    const taken: Array<{ product_id: string; serial_number: string }> = await em.query(
      `SELECT e.product_id, e.serial_number FROM equipment_units e
         JOIN jsonb_to_recordset($1::jsonb) AS r(product_id uuid, serial_number text) ON e.product_id = r.product_id AND e.serial_number = r.serial_number`,
      [JSON.stringify(units.map((u) => ({ product_id: u.productId, serial_number: u.serialNumber })))],
    );
    if (taken.length) {
      const i = units.findIndex((u) => u.productId === taken[0].product_id && u.serialNumber === taken[0].serial_number);
      throw new ConflictError('serial_taken', `Serial number ${taken[0].serial_number} is already registered for this model`, [
        { field: path(i, 'serialNumber'), message: 'Already registered for this model' },
      ]);
    }
    const rows: Array<{ id: string; product_id: string; serial_number: string }> = await em.query(
      `INSERT INTO equipment_units (product_id, serial_number, client_id, site_address, installed_on, warranty_until, installation_job_id, status, version)
       SELECT r.product_id, r.serial_number, $2, r.site_address, $3::date,
              coalesce(r.warranty_until, CASE WHEN $3::date IS NULL OR r.warranty_months IS NULL THEN NULL ELSE ($3::date + make_interval(months => r.warranty_months))::date END),
              $4, 'in_service', 1
         FROM jsonb_to_recordset($1::jsonb) AS r(product_id uuid, serial_number text, site_address text, warranty_months int, warranty_until date)
       RETURNING id, product_id, serial_number`,
      [
        JSON.stringify(
          units.map((u) => ({ product_id: u.productId, serial_number: u.serialNumber, site_address: u.siteAddress, warranty_months: u.warrantyMonths ?? null, warranty_until: u.warrantyUntil ?? null })),
        ),
        where.clientId,
        where.installedOn,
        where.installationJobId,
      ],
    );
    return rows.map((r) => ({ id: r.id, productId: r.product_id, serialNumber: r.serial_number, model: models.get(r.product_id) ?? '' }));
  }

  async create(input: CreateEquipmentDto, user: AuthenticatedUser): Promise<EquipmentUnitDto> {
    const id = await this.dataSource.transaction(async (em) => {
      await this.access.require(user, 'client', input.clientId, 'see', { em, field: 'clientId' });
      const [unit] = await this.insertUnits(
        em,
        [{ productId: input.productId, serialNumber: input.serialNumber, siteAddress: input.siteAddress ?? null, warrantyUntil: input.warrantyUntil ?? null }],
        { clientId: input.clientId, installedOn: input.installedOn ?? null, installationJobId: null },
        null,
      );
      await this.events.publish(em, {
        type: 'equipment.changed',
        payload: { unitId: unit.id, clientId: input.clientId },
        audit: { action: 'create', entityType: 'equipment_unit', entityId: unit.id, after: { ...input } },
      });
      return unit.id;
    });
    return this.get(id, user);
  }

  async update(id: string, input: UpdateEquipmentDto, user: AuthenticatedUser): Promise<EquipmentUnitDto> {
    await this.dataSource.transaction(async (em) => {
      await this.access.require(user, 'equipment', id, 'change', { em });
      const unit = await em.findOne(EquipmentUnit, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw new NotFoundError('Equipment unit');
      if (unit.version !== input.version) throw new StaleVersionError('Equipment unit', input.version, unit.version);
      const before = { serialNumber: unit.serialNumber, siteAddress: unit.siteAddress, warrantyUntil: unit.warrantyUntil, status: unit.status };
      if (input.serialNumber !== undefined && input.serialNumber !== unit.serialNumber) {
        const [dup] = await em.query(`SELECT 1 FROM equipment_units WHERE product_id = $1 AND serial_number = $2 AND id <> $3`, [unit.productId, input.serialNumber, id]);
        if (dup) throw new ConflictError('serial_taken', 'This serial number is already registered for this model', [{ field: 'serialNumber', message: 'Already registered for this model' }]);
        unit.serialNumber = input.serialNumber;
      }
      if (input.siteAddress !== undefined) unit.siteAddress = input.siteAddress;
      if (input.warrantyUntil !== undefined) unit.warrantyUntil = input.warrantyUntil;
      if (input.status !== undefined) unit.status = input.status;
      await em.save(unit);
      await this.events.publish(em, {
        type: 'equipment.changed',
        payload: { unitId: id, clientId: unit.clientId },
        audit: { action: 'update', entityType: 'equipment_unit', entityId: id, before, after: { serialNumber: unit.serialNumber, siteAddress: unit.siteAddress, warrantyUntil: unit.warrantyUntil, status: unit.status } },
      });
    });
    return this.get(id, user);
  }

  async list(query: EquipmentListQueryDto, user: AuthenticatedUser): Promise<Page<EquipmentUnitDto>> {
    const qb = this.query(user);
    if (query.serial) qb.andWhere(`lower(u.serial_number) LIKE :serial ESCAPE '\\'`, { serial: `${query.serial.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (query.clientId) qb.andWhere('u.client_id = :clientId', { clientId: query.clientId });
    if (query.serviceContractId) qb.andWhere('u.service_contract_id = :sc', { sc: query.serviceContractId });
    if (query.installationJobId) qb.andWhere('u.installation_job_id = :job', { job: query.installationJobId });
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    const total = await qb.clone().getCount();
    const rows = await qb
      .orderBy('c.name', 'ASC')
      .addOrderBy('u.serial_number', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany();
    const today = moscowDay(this.clock.now());
    return pageOf(
      rows.map((r) => mapUnit(r, today)),
      total,
      query,
    );
  }

  async get(id: string, user: AuthenticatedUser): Promise<EquipmentUnitDto> {
    await this.access.require(user, 'equipment', id);
    const row = await this.query(user).andWhere('u.id = :id', { id }).getRawOne();
    if (!row) throw new NotFoundError('Equipment unit');
    return mapUnit(row, moscowDay(this.clock.now()));
  }

  /** Installation, visits and requests of one unit, newest first (complaints join when the quality module lands). */
  async history(id: string, user: AuthenticatedUser): Promise<EquipmentHistoryEntryDto[]> {
    await this.access.require(user, 'equipment', id);
    const rows: Array<{ kind: EquipmentHistoryEntryDto['kind']; id: string; date: string; status: string; summary: string | null }> = await this.dataSource.query(
      `SELECT 'installation' AS kind, j.id, coalesce(j.finished_on, j.planned_on, j.deadline)::text AS date, j.status, coalesce(j.slip_reason, '') AS summary
         FROM equipment_units u JOIN installation_jobs j ON j.id = u.installation_job_id WHERE u.id = $1
       UNION ALL
       SELECT 'visit', v.id, coalesce(v.done_on, v.planned_on)::text, v.status, coalesce(v.work_done, v.reason, '')
         FROM service_visits v WHERE v.equipment_unit_id = $1
       UNION ALL
       SELECT 'request', r.id, (r.received_at AT TIME ZONE 'Europe/Moscow')::date::text, r.status, r.description
         FROM service_requests r WHERE r.equipment_unit_id = $1
       ORDER BY date DESC, kind, id`,
      [id],
    );
    return rows.map((r) => ({ kind: r.kind, id: r.id, date: r.date, status: r.status, summary: r.summary ?? '' }));
  }

  private query(user: AuthenticatedUser) {
    const qb = this.dataSource
      .getRepository(EquipmentUnit)
      .createQueryBuilder('u')
      .innerJoin('u.client', 'c')
      .innerJoin('u.product', 'p')
      .leftJoin('service_contracts', 'sc', 'sc.id = u.service_contract_id')
      .select([
        'u.id AS id',
        'u.product_id AS product_id',
        'p.name AS model',
        'p.sku AS sku',
        'u.serial_number AS serial_number',
        'u.client_id AS client_id',
        'c.name AS client_name',
        'u.site_address AS site_address',
        'u.installed_on::text AS installed_on',
        'u.warranty_until::text AS warranty_until',
        'u.service_contract_id AS service_contract_id',
        'sc.number AS service_contract_number',
        'u.installation_job_id AS installation_job_id',
        'u.status AS status',
        'u.version AS version',
      ]);
    return applyScope(qb, scopeOf(user), 'c.manager_id');
  }
}

function mapUnit(r: Record<string, unknown>, today: string): EquipmentUnitDto {
  const warrantyUntil = (r.warranty_until as string | null) ?? null;
  return {
    id: r.id as string,
    productId: r.product_id as string,
    model: r.model as string,
    sku: r.sku as string,
    serialNumber: r.serial_number as string,
    clientId: r.client_id as string,
    clientName: r.client_name as string,
    siteAddress: (r.site_address as string | null) ?? null,
    installedOn: (r.installed_on as string | null) ?? null,
    warrantyUntil,
    underWarranty: warrantyUntil !== null && warrantyUntil >= today,
    serviceContractId: (r.service_contract_id as string | null) ?? null,
    serviceContractNumber: (r.service_contract_number as string | null) ?? null,
    installationJobId: (r.installation_job_id as string | null) ?? null,
    status: r.status as EquipmentUnitDto['status'],
    version: r.version as number,
  };
}
