import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { type Page, pageOf, type PageQueryDto } from '../../common/pagination/page.dto';
import { applyScope, scopeOf, type RecordScope } from '../../common/scope/record-scope';
import { AuditService } from '../audit/audit.service';
import { escapeLike } from '../users/users.service';
import { mapClient } from './client.mapper';
import { applySegment, ClientsRepository, segmentFacts } from './clients.repository';
import type { ClientDto, ClientFilterDto } from './dto/client.dto';
import type { CreateSegmentDto, SegmentDto, SegmentListQueryDto, UpdateSegmentDto } from './dto/segment.dto';
import { Client } from './entities/client.entity';
import { Segment, SegmentMember } from './entities/segment.entity';

const staticOnly = () =>
  new RuleViolationError('static_segment_only', 'Members are added by hand only to static segments', [{ field: 'clientIds', message: 'The segment is dynamic' }]);

/**
 * Saved segments: dynamic filters and static lists. A segment belongs to whoever saved
 * it (SPEC "Roles and access"): others see it only when it is shared, and then
 * read-only; members always respect the caller's scope.
 */
@Injectable()
export class SegmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async list(query: SegmentListQueryDto, user: AuthenticatedUser): Promise<Page<SegmentDto>> {
    const qb = this.dataSource.getRepository(Segment).createQueryBuilder('s');
    this.access.narrow(qb, user, 'segment', 'see', { owner: 's.owner_id', shared: 's.shared' });
    if (query.mine !== undefined) qb.andWhere(query.mine ? 's.owner_id = :me' : '(s.owner_id IS DISTINCT FROM :me)', { me: user.id });
    if (query.q) qb.andWhere(`s.name ILIKE :q ESCAPE '\\'`, { q: `%${escapeLike(query.q)}%` });
    if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
    const [rows, total] = await qb
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(await this.describe(rows, user, false), total, query);
  }

  async get(id: string, user: AuthenticatedUser): Promise<SegmentDto> {
    const segment = await this.clients.segmentOrFail(id, user, 'see');
    return (await this.describe([segment], user, true))[0];
  }

  async create(input: CreateSegmentDto, user: AuthenticatedUser): Promise<SegmentDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const segment = em.create(Segment, {
        name: input.name,
        description: input.description ?? null,
        kind: input.kind,
        filter: input.kind === 'dynamic' ? cleanFilter(input.filter) : null,
        ownerId: user.id,
        shared: input.shared ?? false,
      });
      await em.save(segment);
      if (input.kind === 'static' && input.clientIds?.length) await this.addMembers(em, segment.id, input.clientIds, scopeOf(user));
      await this.audit.record(em, { action: 'create', entityType: 'segment', entityId: segment.id, after: { name: segment.name, kind: segment.kind, filter: segment.filter, shared: segment.shared } });
      return segment.id;
    });
    return this.get(id, user);
  }

  async update(id: string, input: UpdateSegmentDto, user: AuthenticatedUser): Promise<SegmentDto> {
    await this.dataSource.transaction(async (em) => {
      const segment = await this.clients.segmentOrFail(id, user, 'change', em);
      if (segment.version !== input.version) throw new StaleVersionError('Segment', input.version, segment.version);
      const before = { name: segment.name, description: segment.description, filter: segment.filter, shared: segment.shared };
      if (input.name !== undefined) segment.name = input.name;
      if (input.shared !== undefined) segment.shared = input.shared;
      if (input.description !== undefined) segment.description = input.description;
      if (input.filter !== undefined) {
        if (segment.kind !== 'dynamic') throw new RuleViolationError('dynamic_segment_only', 'Only dynamic segments have a filter', [{ field: 'filter', message: 'The segment is static' }]);
        segment.filter = cleanFilter(input.filter);
      }
      await em.save(segment);
      await this.audit.record(em, { action: 'update', entityType: 'segment', entityId: id, before, after: { name: segment.name, description: segment.description, filter: segment.filter, shared: segment.shared } });
    });
    return this.get(id, user);
  }

  async remove(id: string, user: AuthenticatedUser): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const segment = await this.clients.segmentOrFail(id, user, 'change', em);
      await em.delete(Segment, { id });
      await this.audit.record(em, { action: 'delete', entityType: 'segment', entityId: id, before: { name: segment.name, kind: segment.kind } });
    });
  }

  async members(id: string, query: PageQueryDto, user: AuthenticatedUser): Promise<Page<ClientDto>> {
    const segment = await this.clients.segmentOrFail(id, user, 'see');
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
      const segment = await this.clients.segmentOrFail(id, user, 'change', em);
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
   * Segments with owner names; the member count (in the caller's scope) only when
   * asked — for one segment, since a dynamic filter needs its own query.
   */
  private async describe(rows: Segment[], user: AuthenticatedUser, withCount: boolean): Promise<SegmentDto[]> {
    const scope = scopeOf(user);
    const owners = new Map<string, string>();
    const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter((x): x is string => !!x))];
    if (ownerIds.length) {
      for (const r of await this.dataSource.query(`SELECT id, full_name FROM users WHERE id = ANY($1::uuid[])`, [ownerIds])) owners.set(r.id, r.full_name);
    }
    const out: SegmentDto[] = [];
    for (const s of rows) {
      let memberCount: number | null = null;
      if (withCount) {
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
        shared: s.shared,
        editable: this.access.allows(user, 'segment', 'change', segmentFacts(s)),
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
