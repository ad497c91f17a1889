import { moscowDaysRange } from '@polar/business-time';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@polar/access';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessService, notVisible } from '../../common/access/access.service';
import { NotFoundError, ValidationFailedError } from '../../common/errors/domain-error';
import { COUNT_CAP, cappedCountSql, ListTotals } from '../../common/pagination/capped-count';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { parseSort } from '../../common/pagination/page.dto';
import { applyScope, type RecordScope, scopeManagerIds, scopeOf, scopePredicate, scopeShape } from '../../common/scope/record-scope';
import { preparedQuery } from '../../common/sql/prepared-query';
import { writtenOnce } from '../../common/sql/statement-text';
import { classifySearch, toPrefixTsQuery } from './client-normalize';
import { CARD_COLUMNS, CARD_FROM, type ClientCardRow, mapClientRow } from './client.mapper';
import type { ClientDto, ClientFilterDto, ClientListQueryDto } from './dto/client.dto';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly totals: ListTotals,
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

  /**
   * The client card as plain columns (no entity hydration of the client and its four
   * joined rows: that cost the card 3–5× its SQL, issue 16); 404 when out of scope. The
   * statement is written once per scope shape (`writtenOnce`), not rebuilt by the query
   * builder on every request.
   */
  async card(id: string, scope: RecordScope): Promise<ClientDto> {
    const sql = writtenOnce(`card:${scopeShape(scope)}`, () => `SELECT ${CARD_COLUMNS.join(', ')} FROM ${CARD_FROM} WHERE c.id = $1${and(scopePredicate(scope, 'c.manager_id', '$2::uuid[]'))}`);
    const ids = scopeManagerIds(scope);
    const [row] = await preparedQuery<ClientCardRow>(this.dataSource, sql, ids ? [id, ids] : [id]);
    if (!row) throw new NotFoundError('Client');
    return mapClientRow(row);
  }

  /** Locks the row for an update inside a transaction, after the scope check. */
  async lockInScope(em: EntityManager, id: string, scope: RecordScope): Promise<Client> {
    const qb = applyScope(em.getRepository(Client).createQueryBuilder('c').setLock('pessimistic_write'), scope, 'c.manager_id');
    const client = await qb.andWhere('c.id = :id', { id }).getOne();
    if (!client) throw new NotFoundError('Client');
    return client;
  }

  /**
   * A page of clients and its total. The total is exact up to COUNT_CAP matches and an
   * estimate beyond (`totalIsEstimate`, remembered for a while by ListTotals): the
   * director's unfiltered list no longer counts a million rows per page view. With
   * `cursor` the page is a keyset range of the order's index instead of an OFFSET. A text
   * search reads its matches once for the page, the rank and the total (`searchPage`).
   */
  async list(query: ClientListQueryDto, viewer: Actor): Promise<[ClientDto[], number, ListExtras]> {
    const keyset = query.q?.trim() ? undefined : KEYSET_SORTS[query.sort ?? 'name'];
    if (query.cursor && !keyset) throw new ValidationFailedError([{ field: 'cursor', message: 'A cursor pages only the orders name, -name, createdAt and -createdAt, without q' }]);
    if (query.q?.trim() && textQuery(query.q)) return this.searchPage(query, viewer);
    if (!query.q?.trim() && !query.segmentId && !hasAttributeFilter(query)) return this.plainPage(query, scopeOf(viewer), keyset);
    const qb = await this.filtered(query, viewer);
    const counted = await this.filtered(query, viewer, undefined, true);
    const [countSql, countParams] = counted.select('c.id').getQueryAndParameters();
    const total = await this.totals.count(this.dataSource, { sql: countSql, params: countParams });
    this.order(qb, query);
    if (query.cursor && keyset) {
      const after = decodeCursor(query.cursor, query.sort ?? 'name');
      const key = `(SELECT k.${keyset.column} FROM clients k WHERE k.id = :cursorId)`;
      qb.andWhere(keyset.direction === 'ASC' ? `(c.${keyset.column}, c.id) > (${key}, :cursorId)` : `(c.${keyset.column} < ${key} OR (c.${keyset.column} = ${key} AND c.id > :cursorId))`, { cursorId: after });
    } else {
      qb.offset((query.page - 1) * query.pageSize);
    }
    const rows = (await qb.select(CARD_COLUMNS).limit(query.pageSize).getRawMany<ClientCardRow>()).map(mapClientRow);
    const nextCursor = keyset && rows.length === query.pageSize ? encodeCursor(query.sort ?? 'name', rows[rows.length - 1].id) : null;
    return [rows, total.total, { totalIsEstimate: total.totalIsEstimate, totalLowerBound: total.totalLowerBound, nextCursor }];
  }

  /**
   * The list without a search, filter or segment (the list as it opens): the same page,
   * order, cursor and capped total as the query-builder path of `list`, from statements
   * written once per scope shape, archive flag, order and paging kind, with the rows mapped
   * straight to the answer (issue 16: the builder and the hydration were most of the
   * list's API CPU). One statement per request: the page alone while ListTotals remembers
   * the total as over the cap, otherwise the page with its capped count as a scalar
   * subquery (an InitPlan run once: the page's plan is the same as without it). Only a
   * count over the cap costs a second statement (its estimate), and a page past the end
   * (no row to carry the count) one for the count.
   */
  private async plainPage(query: ClientListQueryDto, scope: RecordScope, keyset: KeysetSort | undefined): Promise<[ClientDto[], number, ListExtras]> {
    const after = query.cursor && keyset ? decodeCursor(query.cursor, query.sort ?? 'name') : undefined;
    const sort = parseSort(query.sort, SORT_COLUMNS, { column: SORT_COLUMNS.name, direction: 'ASC' });
    const ids = scopeManagerIds(scope);
    // $1 is the scope's id array when the scope has one; the paging values follow.
    const key = `list:${scopeShape(scope)}:${query.archived ? 'all' : 'active'}:${sort.column} ${sort.direction}:${after && keyset ? 'cursor' : 'offset'}`;
    const sql = writtenOnce(key, () => {
      let n = ids ? 1 : 0;
      const where = [scopePredicate(scope, 'c.manager_id', '$1::uuid[]'), query.archived ? null : 'c.archived_at IS NULL'].filter(Boolean);
      const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
      const page = [...where];
      if (after && keyset) {
        const cursor = `$${++n}::uuid`;
        const at = `(SELECT k.${keyset.column} FROM clients k WHERE k.id = ${cursor})`;
        page.push(keyset.direction === 'ASC' ? `(c.${keyset.column}, c.id) > (${at}, ${cursor})` : `(c.${keyset.column} < ${at} OR (c.${keyset.column} = ${at} AND c.id > ${cursor}))`);
      }
      const limit = `LIMIT $${++n}${after && keyset ? '' : ` OFFSET $${++n}`}`;
      const count = `SELECT c.id FROM clients c${filter}`;
      const rest = `FROM ${CARD_FROM}${page.length ? ` WHERE ${page.join(' AND ')}` : ''} ORDER BY ${sort.column} ${sort.direction} NULLS LAST, c.id ASC ${limit}`;
      return {
        count,
        page: `SELECT ${CARD_COLUMNS.join(', ')} ${rest}`,
        counted: `SELECT (${cappedCountSql(count)}) AS total_n, ${CARD_COLUMNS.join(', ')} ${rest}`,
      };
    });
    const count = { sql: sql.count, params: ids ? [ids] : [] };
    const known = this.totals.remembered(count);
    // A cursor's keyset needs the order's column and the id, as in the builder path below.
    const paging = after && keyset ? [after, query.pageSize] : [query.pageSize, (query.page - 1) * query.pageSize];
    const found = await preparedQuery<ClientCardRow & { total_n?: number }>(this.dataSource, known ? sql.page : sql.counted, [...count.params, ...paging]);
    const total = known ?? (found.length ? await this.totals.fromCount(this.dataSource, Number(found[0].total_n), count) : await this.totals.count(this.dataSource, count));
    const rows = found.map(mapClientRow);
    const nextCursor = keyset && rows.length === query.pageSize ? encodeCursor(query.sort ?? 'name', rows[rows.length - 1].id) : null;
    return [rows, total.total, { totalIsEstimate: total.totalIsEstimate, totalLowerBound: total.totalLowerBound, nextCursor }];
  }

  /**
   * A text search in one pass, capped: `client_search_hits` reads at most `cap + 1`
   * matches in scope (cap = `clientSearchCap`, 200 by default) and ranks only those.
   * Every match read is a row fetch and a rank, so the cap is what keeps a broad word
   * cheap at 1M clients (issue 16: 10,001 matches cost 336–934 ms of database time).
   *
   * What a capped search gives, honestly: when more than `cap` clients match, the answer
   * is `totalIsEstimate: true`, `totalLowerBound: cap` and `total: cap + 1` (the matches
   * it can page through). Those matches are the first ones the index returns (one word:
   * the word table's key order, migration 1764960000000; several: the GIN index's table
   * order), of the exact word forms when these alone exceed the cap (else of the
   * prefixes, migration 1764920000000), not the best-ranked of all matches: the pages are
   * the rank order of that subset, stable from page to page, and a better match beyond the
   * cap is not shown. Below the cap every match is read: the total is exact and the order
   * is the rank over all of them. A more specific text (a second word, a longer prefix) is
   * the way to reach the rest.
   *
   * A plain search (no attribute filter, segment or explicit order) is ordered by the
   * rank and name that `client_search_hits` computed on the rows it read, so the clients
   * are not read a second time and only the page's rows are loaded. With filters, up to
   * COUNT_CAP + 1 matches (not `cap`) go into a CTE that the filters, the rank, the page and
   * the total work on, so a filter finds its clients among every match of a broad word up to
   * that many; beyond it the total is the filtered count among the matches read (at least
   * that many match) and is marked as an estimate likewise.
   */
  private async searchPage(query: ClientListQueryDto, viewer: Actor): Promise<[ClientDto[], number, ListExtras]> {
    const tsq = textQuery(query.q!)!;
    const scope = scopeOf(viewer);
    const cap = this.config.clientSearchCap;
    if (!query.sort && !query.segmentId && !hasAttributeFilter(query)) {
      const args = [tsq, scope.managerIds === null ? null : [...scope.managerIds], !query.archived, cap + 1];
      // One statement: the page of the matches (ordered by the rank and name the search
      // computed) joined to the card's columns; the clients' scope applies again there.
      const sql = writtenOnce(`search:${scopeShape(scope)}`, () => `
        WITH page AS (
          SELECT h.id, h.rank, h.name, count(*) OVER () AS total FROM client_search_hits($1, $2::uuid[], $3, $4) h
           ORDER BY h.rank DESC, h.name ASC NULLS LAST, h.id ASC LIMIT $5 OFFSET $6)
        SELECT ${CARD_COLUMNS.join(', ')}, page.total AS search_total FROM ${CARD_FROM} JOIN page ON page.id = c.id${and(scopePredicate(scope, 'c.manager_id', '$2::uuid[]'), 'WHERE')}
         ORDER BY page.rank DESC, page.name ASC NULLS LAST, page.id ASC`);
      const page = await preparedQuery<ClientCardRow & { search_total: string }>(this.dataSource, sql, [...args, query.pageSize, (query.page - 1) * query.pageSize]);
      // A page past the end has no row to carry the window count: count the (capped) matches then.
      const matched = page.length ? Number(page[0].search_total) : Number((await this.dataSource.query(`SELECT count(*)::int AS n FROM client_search_hits($1, $2::uuid[], $3, $4)`, args))[0].n);
      const capped = matched > cap;
      return [page.map(mapClientRow), matched, { totalIsEstimate: capped, totalLowerBound: capped ? cap : undefined, nextCursor: null }];
    }
    // With filters the matches are read up to the list's own count cap, not the plain search's:
    // a filter (city, status, segment…) must find its clients among every match of a broad word,
    // not only among the first `cap` the index returned. Slower for a broad word with filters (as
    // before the search cap), exact for everything up to COUNT_CAP matches.
    const filteredCap = Math.max(cap, COUNT_CAP);
    const hits = searchHits(query.q!, scope, !query.archived, filteredCap + 1);
    const qb = await this.filtered({ ...query, q: undefined }, viewer, undefined, true);
    if (!hits) return [[], 0, { totalIsEstimate: false, nextCursor: null }];
    qb.addCommonTableExpression(hits.sql, 'hits', { materialized: true })
      .setParameters(hits.params)
      .select('c.id', 'id')
      .addSelect('count(*) OVER ()', 'total')
      .addSelect('(SELECT count(*) FROM hits)', 'hits')
      .andWhere('c.id = ANY(ARRAY(SELECT id FROM hits))');
    this.order(qb, query);
    const page: Array<{ id: string; total: string; hits: string }> = await qb
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany();
    if (page.length) {
      const capped = Number(page[0].hits) > filteredCap;
      const total = Number(page[0].total);
      return [await this.pageRows(page.map((r) => r.id), scope), total, { totalIsEstimate: capped, totalLowerBound: capped ? total : undefined, nextCursor: null }];
    }
    // A page past the end has no row to carry the counts: count the capped matches and those the filters keep.
    const counted = await this.filtered({ ...query, q: undefined }, viewer, undefined, true);
    const [row] = await counted
      .addCommonTableExpression(hits.sql, 'hits', { materialized: true })
      .setParameters(hits.params)
      .select('count(*)::int', 'total')
      .addSelect('(SELECT count(*) FROM hits)::int', 'hits')
      .andWhere('c.id = ANY(ARRAY(SELECT id FROM hits))')
      .getRawMany<{ total: number; hits: number }>();
    const capped = Number(row.hits) > filteredCap;
    return [[], Number(row.total), { totalIsEstimate: capped, totalLowerBound: capped ? Number(row.total) : undefined, nextCursor: null }];
  }

  /** The clients of a page, in the page's order (the ids were chosen in scope already; the scope applies again). */
  private async pageRows(ids: string[], scope: RecordScope): Promise<ClientDto[]> {
    if (!ids.length) return [];
    const sql = writtenOnce(`rows:${scopeShape(scope)}`, () => `SELECT ${CARD_COLUMNS.join(', ')} FROM ${CARD_FROM} WHERE c.id = ANY($1::uuid[])${and(scopePredicate(scope, 'c.manager_id', '$2::uuid[]'))}`);
    const managers = scopeManagerIds(scope);
    const rows: ClientCardRow[] = await this.dataSource.query(sql, managers ? [ids, managers] : [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [mapClientRow(row)] : [];
    });
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
    if (query.q?.trim()) this.applySearch(qb, query.q, scopeOf(viewer));
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
   * phone in any format. Each branch is an indexed lookup returning client ids, already
   * narrowed to the viewer's scope.
   */
  private applySearch(qb: SelectQueryBuilder<Client>, q: string, scope: RecordScope): void {
    const hits = searchHits(q, scope, false);
    if (!hits) {
      qb.andWhere('FALSE');
      return;
    }
    // = ANY(ARRAY(…)): the planner runs the indexed lookups first and then fetches those
    // clients by primary key, instead of hash-joining a scan of every client.
    qb.andWhere(`c.id = ANY(ARRAY(${hits.sql}))`, hits.params);
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

/**
 * The ids of the clients a search finds, as one SQL select (a UNION of indexed lookups),
 * or null when the text can match nothing. The scope (and the archive flag) sit inside
 * every branch, so a manager's search never collects the other managers' matches first.
 */
export function searchHits(q: string, scope: RecordScope, activeOnly: boolean, limit?: number): { sql: string; params: Record<string, unknown> } | null {
  const what = classifySearch(q);
  const params: Record<string, unknown> = {};
  const where = (alias: string) => {
    const parts: string[] = [];
    const scoped = scopePredicate(scope, `${alias}.manager_id`, 'CAST(:searchScope AS uuid[])');
    if (scoped) parts.push(scoped);
    if (activeOnly) parts.push(`${alias}.archived_at IS NULL`);
    return parts.map((p) => ` AND ${p}`).join('');
  };
  if (scope.managerIds !== null) params.searchScope = [...scope.managerIds];
  const branches: string[] = [];
  if (what.inn) {
    branches.push(`SELECT sc.id FROM clients sc WHERE sc.inn = :searchInn${where('sc')}`);
    params.searchInn = what.inn;
  }
  if (what.phone) {
    branches.push(`SELECT sc.id FROM clients sc WHERE sc.phones_normalized @> CAST(:searchPhones AS text[])${where('sc')}`);
    branches.push(`SELECT cc.client_id FROM client_contacts cc JOIN clients sc ON sc.id = cc.client_id WHERE cc.phones_normalized @> CAST(:searchPhones AS text[])${where('sc')}`);
    params.searchPhones = [what.phone];
  }
  const tsq = textQuery(q);
  if (tsq) {
    // Names of clients and contacts: through the GIN indexes, whatever the planner's
    // estimate of a prefix word (see the migration of client_search_ids).
    branches.push(`SELECT id FROM client_search_ids(:tsq, CAST(:searchScope AS uuid[]), :searchActive, :searchLimit)`);
    params.tsq = tsq;
    params.searchScope = scope.managerIds === null ? null : [...scope.managerIds];
    params.searchActive = activeOnly;
    params.searchLimit = limit ?? null;
  }
  if (!branches.length) return null;
  const union = branches.join(' UNION ');
  return { sql: limit ? `SELECT id FROM (${union}) matched LIMIT ${limit}` : union, params };
}

/** The orders a cursor can page: a non-null column, then the id (the index's order). */
interface KeysetSort {
  column: string;
  direction: 'ASC' | 'DESC';
}
const KEYSET_SORTS: Partial<Record<string, KeysetSort>> = {
  name: { column: 'name', direction: 'ASC' },
  '-name': { column: 'name', direction: 'DESC' },
  createdAt: { column: 'created_at', direction: 'ASC' },
  '-createdAt': { column: 'created_at', direction: 'DESC' },
};

export interface ListExtras {
  totalIsEstimate: boolean;
  /** With `totalIsEstimate`: where the exact count stopped (see `Page.totalLowerBound`). */
  totalLowerBound?: number;
  nextCursor: string | null;
}

/** The cursor names the order and the last row; the key values are read from that row. */
function encodeCursor(sort: string, id: string): string {
  return Buffer.from(`${sort}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): string {
  const [cursorSort, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (cursorSort !== sort || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id ?? '')) {
    throw new ValidationFailedError([{ field: 'cursor', message: 'Not a cursor of this list and order: pass the nextCursor of the previous page with the same sort' }]);
  }
  return id;
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
  if (f.abcClass?.length) qb.andWhere(`c.abc_class IN (:...${p('abc')})`, { [p('abc')]: f.abcClass });
  if (f.xyzClass?.length) qb.andWhere(`c.xyz_class IN (:...${p('xyz')})`, { [p('xyz')]: f.xyzClass });
  // Days are Moscow days: a client created at 01:00 MSK on the 5th belongs to the 5th.
  const created = moscowDaysRange(f.createdFrom, f.createdTo);
  if (created.from) qb.andWhere(`c.created_at >= :${p('from')}`, { [p('from')]: created.from });
  if (created.to) qb.andWhere(`c.created_at < :${p('to')}`, { [p('to')]: created.to });
}

/**
 * True when the query narrows clients by an attribute: whatever `applyClientFilter` would
 * add to a query (asked of it directly, so a new filter can never be skipped). It is asked
 * with a recorder of its `andWhere` calls rather than a real query builder: building one
 * per list request was measurable CPU (issue 16).
 */
function hasAttributeFilter(f: ClientFilterDto): boolean {
  let conditions = 0;
  const recorder = {
    andWhere() {
      conditions++;
      return recorder;
    },
  };
  applyClientFilter(recorder as unknown as SelectQueryBuilder<Client>, f);
  return conditions > 0;
}

/** ` AND condition` (or ` WHERE condition`), or nothing for no condition. */
function and(condition: string | null, keyword: 'AND' | 'WHERE' = 'AND'): string {
  return condition ? ` ${keyword} ${condition}` : '';
}
