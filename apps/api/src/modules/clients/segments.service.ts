import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { NotFoundError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { type Page, pageOf, type PageQueryDto } from '../../common/pagination/page.dto';
import { applyScope, scopeOf, type RecordScope } from '../../common/scope/record-scope';
import { AuditService } from '../audit/audit.service';
import { escapeLike } from '../users/users.service';
import { mapClient } from './client.mapper';
import { applySegment, ClientsRepository } from './clients.repository';
import type { ClientDto, ClientFilterDto } from './dto/client.dto';
import type { CreateSegmentDto, SegmentDto, SegmentListQueryDto, UpdateSegmentDto } from './dto/segment.dto';
import { Client } from './entities/client.entity';
import { Segment, SegmentMember } from './entities/segment.entity';

const staticOnly = () =>
  new RuleViolationError('static_segment_only', 'Members are added by hand only to static segments', [{ field: 'clientIds', message: 'The segment is dynamic' }]);

/** Saved segments: dynamic filters and static lists. Members always respect the caller's scope. */
@Injectable()
export class SegmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: SegmentListQueryDto): Promise<Page<SegmentDto>> {
    const qb = this.dataSource.getRepository(Segment).createQueryBuilder('s');
    if (query.q) qb.andWhere(`s.name ILIKE :q ESCAPE '\\'`, { q: `%${escapeLike(query.q)}%` });
    if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
    const [rows, total] = await qb
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(await this.describe(rows, null), total, query);
  }

  async get(id: string, user: AuthenticatedUser): Promise<SegmentDto> {
    const segment = await this.clients.segmentOrFail(id);
    return (await this.describe([segment], scopeOf(user)))[0];
  }

  async create(input: CreateSegmentDto, user: AuthenticatedUser): Promise<SegmentDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const segment = em.create(Segment, {
        name: input.name,
        description: input.description ?? null,
        kind: input.kind,
        filter: input.kind === 'dynamic' ? cleanFilter(input.filter) : null,
        ownerId: user.id,
      });
      await em.save(segment);
      if (input.kind === 'static' && input.clientIds?.length) await this.addMembers(em, segment.id, input.clientIds, scopeOf(user));
      await this.audit.record(em, { action: 'create', entityType: 'segment', entityId: segment.id, after: { name: segment.name, kind: segment.kind, filter: segment.filter } });
      return segment.id;
    });
    return this.get(id, user);
  }

  async update(id: string, input: UpdateSegmentDto, user: AuthenticatedUser): Promise<SegmentDto> {
    await this.dataSource.transaction(async (em) => {
      const segment = await em.findOne(Segment, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!segment) throw new NotFoundError('Segment');
      if (segment.version !== input.version) throw new StaleVersionError('Segment', input.version, segment.version);
      const before = { name: segment.name, description: segment.description, filter: segment.filter };
      if (input.name !== undefined) segment.name = input.name;
      if (input.description !== undefined) segment.description = input.description;
      if (input.filter !== undefined) {
        if (segment.kind !== 'dynamic') throw new RuleViolationError('dynamic_segment_only', 'Only dynamic segments have a filter', [{ field: 'filter', message: 'The segment is static' }]);
        segment.filter = cleanFilter(input.filter);
      }
      await em.save(segment);
      await this.audit.record(em, { action: 'update', entityType: 'segment', entityId: id, before, after: { name: segment.name, description: segment.description, filter: segment.filter } });
    });
    return this.get(id, user);
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const segment = await this.clients.segmentOrFail(id, em);
      await em.delete(Segment, { id });
      await this.audit.record(em, { action: 'delete', entityType: 'segment', entityId: id, before: { name: segment.name, kind: segment.kind } });
    });
  }

  async members(id: string, query: PageQueryDto, user: AuthenticatedUser): Promise<Page<ClientDto>> {
    const segment = await this.clients.segmentOrFail(id);
    const qb = this.clients.scoped(scopeOf(user)).andWhere('c.archived_at IS NULL');
    applySegment(qb, segment);
    const total = await qb.clone().getCount();
    const rows = await qb
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getMany();
    return pageOf(rows.map(mapClient), total, query);
  }

  /** Adds clients to a static segment; clients outside the caller's scope are 404. */
  async changeMembers(id: string, clientIds: string[], add: boolean, user: AuthenticatedUser): Promise<number> {
    await this.dataSource.transaction(async (em) => {
      const segment = await this.clients.segmentOrFail(id, em);
      if (segment.kind !== 'static') throw staticOnly();
      if (add) await this.addMembers(em, id, clientIds, scopeOf(user));
      else await em.createQueryBuilder().delete().from(SegmentMember).where('segment_id = :id AND client_id IN (:...clientIds)', { id, clientIds }).execute();
    });
    return (await this.get(id, user)).memberCount ?? 0;
  }

  private async addMembers(em: EntityManager, segmentId: string, clientIds: string[], scope: RecordScope): Promise<void> {
    const unique = [...new Set(clientIds)];
    const visible = await applyScope(em.getRepository(Client).createQueryBuilder('c').select('c.id', 'id'), scope, 'c.manager_id')
      .andWhere('c.id IN (:...unique)', { unique })
      .getRawMany<{ id: string }>();
    if (visible.length !== unique.length) {
      throw new RuleViolationError('clients_not_found', 'Some clients do not exist', [{ field: 'clientIds', message: 'Unknown client ids' }]);
    }
    await em.query(`INSERT INTO segment_members (segment_id, client_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [segmentId, unique]);
  }

  /**
   * Segments with owner names; the member count (in the caller's scope) only when a
   * scope is given — for one segment, since a dynamic filter needs its own query.
   */
  private async describe(rows: Segment[], scope: RecordScope | null): Promise<SegmentDto[]> {
    const owners = new Map<string, string>();
    const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter((x): x is string => !!x))];
    if (ownerIds.length) {
      for (const r of await this.dataSource.query(`SELECT id, full_name FROM users WHERE id = ANY($1::uuid[])`, [ownerIds])) owners.set(r.id, r.full_name);
    }
    const out: SegmentDto[] = [];
    for (const s of rows) {
      let memberCount: number | null = null;
      if (scope) {
        const qb = applyScope(this.dataSource.getRepository(Client).createQueryBuilder('c'), scope, 'c.manager_id').andWhere('c.archived_at IS NULL');
        applySegment(qb, s);
        memberCount = await qb.getCount();
      }
      out.push({
        id: s.id,
        name: s.name,
        description: s.description,
        kind: s.kind,
        filter: (s.filter as ClientFilterDto | null) ?? null,
        ownerId: s.ownerId,
        ownerName: s.ownerId ? (owners.get(s.ownerId) ?? null) : null,
        memberCount,
        createdAt: s.createdAt.toISOString(),
        updatedAt: s.updatedAt.toISOString(),
        version: s.version,
      });
    }
    return out;
  }
}

/** Stores only the filter fields that are set. */
function cleanFilter(filter: ClientFilterDto | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter ?? {}).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && !v.length)));
}
