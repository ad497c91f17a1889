import { moscowDaysRange } from '@polar/business-time';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@polar/access';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessService, notVisible } from '../../common/access/access.service';
import { NotFoundError } from '../../common/errors/domain-error';
import { parseSort } from '../../common/pagination/page.dto';
import { applyScope, type RecordScope, scopeOf } from '../../common/scope/record-scope';
import { classifySearch, toPrefixTsQuery } from './client-normalize';
import type { ClientFilterDto, ClientListQueryDto } from './dto/client.dto';
import { Client } from './entities/client.entity';
import { Segment } from './entities/segment.entity';

const SORT_COLUMNS = {
  name: 'c.name',
  createdAt: 'c.created_at',
  status: 'c.status',
  city: 'c.city',
  annualRevenue: 'c.annual_revenue',
} as const;

export type ClientQuery = Omit<ClientListQueryDto, 'page' | 'pageSize'> & Partial<Pick<ClientListQueryDto, 'page' | 'pageSize'>>;

/**
 * Queries over clients. Every read goes through `scoped()`, which applies the record
 * scope of the caller: a sales manager's query can only ever see own clients.
 */
@Injectable()
export class ClientsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** Clients in scope, with the names of manager and reference entries joined (unless `bare`). */
  scoped(scope: RecordScope, em: EntityManager = this.dataSource.manager, bare = false): SelectQueryBuilder<Client> {
    const qb = em.getRepository(Client).createQueryBuilder('c');
    if (!bare) {
      qb.leftJoinAndSelect('c.manager', 'manager')
        .leftJoinAndSelect('c.industry', 'industry')
        .leftJoinAndSelect('c.activityKind', 'activityKind')
        .leftJoinAndSelect('c.channel', 'channel');
    }
    return applyScope(qb, scope, 'c.manager_id');
  }

  /** The client if it exists and is in scope; otherwise 404 (existence is not revealed). */
  async getInScope(id: string, scope: RecordScope, em?: EntityManager): Promise<Client> {
    const client = await this.scoped(scope, em).andWhere('c.id = :id', { id }).getOne();
    if (!client) throw new NotFoundError('Client');
    return client;
  }

  /** Locks the row for an update inside a transaction, after the scope check. */
  async lockInScope(em: EntityManager, id: string, scope: RecordScope): Promise<Client> {
    const qb = applyScope(em.getRepository(Client).createQueryBuilder('c').setLock('pessimistic_write'), scope, 'c.manager_id');
    const client = await qb.andWhere('c.id = :id', { id }).getOne();
    if (!client) throw new NotFoundError('Client');
    return client;
  }

  async list(query: ClientListQueryDto, viewer: Actor): Promise<[Client[], number]> {
    const qb = await this.filtered(query, viewer);
    const total = await this.count(query, viewer);
    this.order(qb, query);
    const rows = await qb
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getMany();
    return [rows, total];
  }

  /**
   * The total for a filtered list: a plain count(*) over clients, without the joins
   * that only add names (TypeORM's getCount would count DISTINCT over the joins).
   */
  async count(query: ClientQuery, viewer: Actor): Promise<number> {
    const qb = await this.filtered(query, viewer, undefined, true);
    const row = await qb.select('count(*)::int', 'n').getRawOne<{ n: number }>();
    return row?.n ?? 0;
  }

  /**
   * Filters + search + segment + archive flag, without ordering or paging, in the
   * viewer's scope. A segment the viewer may not see is 404, like one that does not exist.
   */
  async filtered(query: ClientQuery, viewer: Actor, em?: EntityManager, bare = false): Promise<SelectQueryBuilder<Client>> {
    const qb = this.scoped(scopeOf(viewer), em, bare);
    if (!query.archived) qb.andWhere('c.archived_at IS NULL');
    applyClientFilter(qb, query);
    if (query.segmentId) applySegment(qb, await this.segmentOrFail(query.segmentId, viewer, 'see', em, 'segmentId'));
    if (query.q?.trim()) this.applySearch(qb, query.q);
    return qb;
  }

  order(qb: SelectQueryBuilder<Client>, query: ClientQuery): void {
    const sort = parseSort(query.sort, SORT_COLUMNS, { column: SORT_COLUMNS.name, direction: 'ASC' });
    const tsq = query.q ? textQuery(query.q) : null;
    if (tsq && !query.sort) {
      qb.addSelect(`ts_rank(c.search_vector, to_tsquery('russian', :rankTsq) || to_tsquery('simple', :rankTsq))`, 'rank')
        .setParameter('rankTsq', tsq)
        .orderBy('rank', 'DESC');
      qb.addOrderBy(sort.column, sort.direction, 'NULLS LAST');
    } else {
      qb.orderBy(sort.column, sort.direction, 'NULLS LAST');
    }
    qb.addOrderBy('c.id', 'ASC');
  }

  /**
   * Name in any Russian word form or by prefix (clients and their contacts), INN,
   * phone in any format. Each branch is an indexed lookup returning client ids.
   */
  private applySearch(qb: SelectQueryBuilder<Client>, q: string): void {
    const what = classifySearch(q);
    const branches: string[] = [];
    const params: Record<string, unknown> = {};
    if (what.inn) {
      branches.push('SELECT id FROM clients WHERE inn = :searchInn');
      params.searchInn = what.inn;
    }
    if (what.phone) {
      branches.push('SELECT id FROM clients WHERE phones_normalized @> CAST(:searchPhones AS text[])');
      branches.push('SELECT client_id FROM client_contacts WHERE phones_normalized @> CAST(:searchPhones AS text[])');
      params.searchPhones = [what.phone];
    }
    const tsq = textQuery(q);
    if (tsq) {
      const match = `search_vector @@ (to_tsquery('russian', :tsq) || to_tsquery('simple', :tsq))`;
      branches.push(`SELECT id FROM clients WHERE ${match}`);
      branches.push(`SELECT client_id FROM client_contacts WHERE ${match}`);
      params.tsq = tsq;
    }
    if (!branches.length) {
      qb.andWhere('FALSE');
      return;
    }
    // = ANY(ARRAY(…)): the planner runs the indexed lookups first and then fetches those
    // clients by primary key, instead of hash-joining a scan of every client.
    qb.andWhere(`c.id = ANY(ARRAY(${branches.join(' UNION ')}))`, params);
  }

  /**
   * The segment if the viewer may see (or change) it; otherwise 404, the same as for a
   * segment that does not exist (403 for a shared one the viewer may only read). Pass the transaction's manager when inside one: the
   * embedded database has a single connection.
   */
  async segmentOrFail(id: string, viewer: Actor, action: 'see' | 'change', em: EntityManager = this.dataSource.manager, field?: string): Promise<Segment> {
    const segment = await em.getRepository(Segment).findOne({ where: { id }, lock: action === 'change' && em.queryRunner?.isTransactionActive ? { mode: 'pessimistic_write' } : undefined });
    if (!segment) throw notVisible('segment', field);
    this.access.assert(viewer, 'segment', action, segmentFacts(segment), field);
    return segment;
  }
}

/** What the access rules look at in a segment. */
export const segmentFacts = (s: Pick<Segment, 'ownerId' | 'shared'>) => ({ owner: s.ownerId, shared: s.shared });

/** Members of a segment: the hand-picked list, or the stored filter evaluated now. */
export function applySegment(qb: SelectQueryBuilder<Client>, segment: Segment): void {
  if (segment.kind === 'static') {
    qb.andWhere('c.id IN (SELECT client_id FROM segment_members WHERE segment_id = :segmentId)', { segmentId: segment.id });
  } else {
    applyClientFilter(qb, (segment.filter ?? {}) as ClientFilterDto, 'seg');
  }
}

/** The full-text part of a search, unless the text is an INN or a phone number. */
function textQuery(q: string): string | null {
  const what = classifySearch(q);
  return what.inn || what.phone ? null : toPrefixTsQuery(what.text);
}

/** The attribute filters (also the stored filter of a dynamic segment). */
export function applyClientFilter(qb: SelectQueryBuilder<Client>, f: ClientFilterDto, prefix = 'f'): void {
  const p = (name: string) => `${prefix}_${name}`;
  if (f.status?.length) qb.andWhere(`c.status IN (:...${p('status')})`, { [p('status')]: f.status });
  if (f.kind) qb.andWhere(`c.kind = :${p('kind')}`, { [p('kind')]: f.kind });
  if (f.managerId) qb.andWhere(`c.manager_id = :${p('manager')}`, { [p('manager')]: f.managerId });
  if (f.industryId) qb.andWhere(`c.industry_id = :${p('industry')}`, { [p('industry')]: f.industryId });
  if (f.activityKindId) qb.andWhere(`c.activity_kind_id = :${p('activity')}`, { [p('activity')]: f.activityKindId });
  if (f.channelId) qb.andWhere(`c.channel_id = :${p('channel')}`, { [p('channel')]: f.channelId });
  if (f.region) qb.andWhere(`c.region = :${p('region')}`, { [p('region')]: f.region });
  if (f.city) qb.andWhere(`c.city = :${p('city')}`, { [p('city')]: f.city });
  if (f.tag) qb.andWhere(`c.tags @> CAST(:${p('tag')} AS text[])`, { [p('tag')]: [f.tag] });
  // Days are Moscow days: a client created at 01:00 MSK on the 5th belongs to the 5th.
  const created = moscowDaysRange(f.createdFrom, f.createdTo);
  if (created.from) qb.andWhere(`c.created_at >= :${p('from')}`, { [p('from')]: created.from });
  if (created.to) qb.andWhere(`c.created_at < :${p('to')}`, { [p('to')]: created.to });
}
