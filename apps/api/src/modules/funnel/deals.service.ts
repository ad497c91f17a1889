import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, mayActFor } from '@polar/access';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { NotFoundError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { compareMoney, percentOf } from '@polar/money';
import { cappedCountSql, ListTotals } from '../../common/pagination/capped-count';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { applyScope, scopeOf } from '../../common/scope/record-scope';
import { EventBus } from '../../common/events';
import { findResponsibleManager } from '../../common/scope/responsible-managers';
import { preparedQuery } from '../../common/sql/prepared-query';
import { ClientsRepository } from '../clients/clients.repository';
import { refuseMove } from './deal-transitions';
import { DEAL_COLUMNS, type DealRow, SqlParams, dealConditions, lineArraySql, mapDealRow, whereSql } from './deal-rows';
import type { CreateDealDto, DealDto, DealListQueryDto, LineDto, MoveDealDto, StageChangeDto, UpdateDealDto } from './dto/funnel.dto';
import { Deal, DealLine, DealStageChange } from './entities/deal.entity';
import { Contract } from './entities/documents.entity';
import { PipelineStage } from './entities/pipeline-stage.entity';
import { amountFromLines, managerNotAllowed, moveRefused, signedContractRequired, stageNotFound } from './funnel.errors';
import { priceLines } from './lines';

/** The SQL of a deal's client's manager: through the join, or the deal's trigger-kept copy. */
type ScopeColumn = 'c.manager_id' | 'd.client_manager_id';

/** Deals: the sales funnel's records, scoped by their client's responsible manager. */
@Injectable()
export class DealsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsRepository,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly totals: ListTotals,
  ) {}

  /**
   * Deals whose client is in the caller's scope, with names joined. `scopeColumn` is the
   * client's manager: through the join (`c.manager_id`) or its copy on the deal
   * (`d.client_manager_id`, kept equal by triggers), which lets a list use the index
   * `(client_manager_id, updated_at DESC, id)`. The rule is the same either way.
   */
  scoped(user: AuthenticatedUser, em: EntityManager = this.dataSource.manager, scopeColumn: ScopeColumn = 'c.manager_id'): SelectQueryBuilder<Deal> {
    const qb = em
      .getRepository(Deal)
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.client', 'c')
      .innerJoinAndSelect('d.stage', 's')
      .leftJoinAndSelect('d.manager', 'm')
      .leftJoinAndSelect('d.channel', 'ch')
      .leftJoinAndSelect('d.lossReason', 'lr');
    return applyScope(qb, scopeOf(user), scopeColumn);
  }

  async getInScope(id: string, user: AuthenticatedUser, em?: EntityManager): Promise<Deal> {
    const deal = await this.scoped(user, em).andWhere('d.id = :id', { id }).getOne();
    if (!deal) throw new NotFoundError('Deal');
    return deal;
  }

  /**
   * A page of deals with their lines and the capped total, in one statement (the page, its
   * lines and the count were three round trips and an entity hydration per deal). Above
   * COUNT_CAP the total is the planner's estimate, as for every list, and while ListTotals
   * remembers it the statement is the page and its lines alone (no count, no EXPLAIN).
   */
  async list(query: DealListQueryDto, user: AuthenticatedUser): Promise<Page<DealDto>> {
    const { page, count } = this.listQueries(query, user);
    const known = this.totals.remembered(count);
    const rows = await preparedQuery<DealRow & { total_n: number; lines: LineDto[] | string }>(
      this.dataSource,
      known
        ? `SELECT page.*, ${lineArraySql('page.id')} AS lines FROM (${page.sql}) page ORDER BY page.sort_at DESC, page.id`
        : `SELECT n.n AS total_n, page.*, ${lineArraySql('page.id')} AS lines
         FROM (${cappedCountSql(count.sql)}) n
         LEFT JOIN (${page.sql}) page ON TRUE
        ORDER BY page.sort_at DESC, page.id`,
      page.params,
    );
    const total = known ?? (await this.totals.fromCount(this.dataSource, Number(rows[0]?.total_n ?? 0), count));
    // A page past the end is the count's row alone (its deal columns null).
    const items = rows.filter((r) => r.id !== null).map((r) => mapDealRow(r, typeof r.lines === 'string' ? JSON.parse(r.lines) : r.lines));
    return pageOf(items, total, query);
  }

  /**
   * The list's page and the select its capped total counts, as SQL over the same
   * parameters (the count's are the first ones; exposed for the plan test). The scope is
   * the deal's copy of its client's manager: for a manager the page and the count are
   * ranges of deals_client_manager_updated_idx instead of a walk of every deal filtered
   * through the join (issue 16: 503 ms of database time at 1M clients).
   */
  listQueries(query: DealListQueryDto, user: AuthenticatedUser): { page: { sql: string; params: unknown[] }; count: { sql: string; params: unknown[] } } {
    const p = new SqlParams();
    const where = dealConditions(scopeOf(user), query, p);
    if (query.stageId) where.push(`d.stage_id = ${p.add(query.stageId, '::uuid')}`);
    if (query.status) where.push(`d.status = ${p.add(query.status)}`);
    if (query.q) {
      const q = p.add(`%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(`(d.title ILIKE ${q} OR c.name ILIKE ${q})`);
    }
    // The total joins the client only for `q`, and stops at COUNT_CAP: never a count of
    // every deal through five joins.
    const from = `deals d${query.q ? ' JOIN clients c ON c.id = d.client_id' : ''}`;
    const count = { sql: `SELECT d.id FROM ${from} ${whereSql(where)}`, params: [...p.values] };
    // Ordered like the indexes (updated_at DESC, id): the page is an index range.
    const page = `SELECT ${DEAL_COLUMNS}, d.updated_at AS sort_at FROM ${from} ${whereSql(where)}
      ORDER BY d.updated_at DESC, d.id OFFSET ${p.add((query.page - 1) * query.pageSize, '::int')} LIMIT ${p.add(query.pageSize, '::int')}`;
    return { page: { sql: page, params: p.values }, count };
  }

  async get(id: string, user: AuthenticatedUser): Promise<DealDto> {
    const [dto] = await this.mapMany([await this.getInScope(id, user)]);
    return dto;
  }

  async create(input: CreateDealDto, user: AuthenticatedUser): Promise<DealDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const client = await this.clients.getInScope(input.clientId, scopeOf(user), em);
      const stages = await this.stages(em);
      const stage = input.stageId ? stages.find((s) => s.id === input.stageId && s.kind === 'open' && s.isActive) : stages.find((s) => s.kind === 'open' && s.isActive);
      if (!stage) throw stageNotFound();
      // A sales manager's deals are their own; an assistant's go to the managers
      // assisted; heads may credit anyone (the plan's revenue follows the deal's manager).
      const managerId = input.managerId ?? client.managerId;
      if (!mayActFor(user, managerId)) throw managerNotAllowed();
      if (managerId !== client.managerId) await this.assertManager(em, managerId);
      const priced = input.lines?.length ? await priceLines(em, input.lines) : null;
      if (priced && input.amount !== undefined && compareMoney(input.amount, priced.total) !== 0) throw amountFromLines(priced.total);
      const deal = em.create(Deal, {
        clientId: client.id,
        title: input.title,
        managerId,
        stageId: stage.id,
        status: 'open',
        amount: priced?.total ?? input.amount ?? '0.00',
        probability: input.probability ?? stage.probability,
        expectedCloseDate: input.expectedCloseDate ?? null,
        channelId: input.channelId !== undefined ? input.channelId : client.channelId,
        campaignId: input.campaignId ?? null,
        lossReasonId: null,
        lossComment: null,
        closedAt: null,
        createdBy: user.id,
      });
      await em.save(deal);
      if (priced) await em.insert(DealLine, priced.lines.map((l) => ({ ...l, dealId: deal.id })).map(({ unit: _u, ...rest }) => rest));
      await em.insert(DealStageChange, { dealId: deal.id, fromStageId: null, toStageId: stage.id, changedBy: user.id, changedAt: this.clock.now() });
      await this.events.publish(em, {
        type: 'deal.created',
        payload: { ...dealRef(deal), managerId, stage: { stageId: stage.id, stageName: stage.name } },
        audit: { action: 'create', entityType: 'deal', entityId: deal.id, after: history(deal) },
      });
      return deal.id;
    });
    return this.get(id, user);
  }

  /**
   * A deal for an inbound lead (website form, unknown caller), inside the caller's
   * transaction: in the first open stage, from the given acquisition channel, with the
   * usual `deal.created` event. The caller has chosen the client and manager.
   */
  async openInbound(em: EntityManager, input: { clientId: string; managerId: string; title: string; channelId: string | null }, actorId: string | null): Promise<string> {
    const stage = (await this.stages(em)).find((s) => s.kind === 'open' && s.isActive);
    if (!stage) throw stageNotFound();
    const deal = em.create(Deal, {
      clientId: input.clientId,
      title: input.title.slice(0, 300),
      managerId: input.managerId,
      stageId: stage.id,
      status: 'open',
      amount: '0.00',
      probability: stage.probability,
      expectedCloseDate: null,
      channelId: input.channelId,
      campaignId: null,
      lossReasonId: null,
      lossComment: null,
      closedAt: null,
      createdBy: actorId,
    });
    await em.save(deal);
    await em.insert(DealStageChange, { dealId: deal.id, fromStageId: null, toStageId: stage.id, changedBy: actorId, changedAt: this.clock.now() });
    await this.events.publish(em, {
      type: 'deal.created',
      actorId,
      payload: { ...dealRef(deal), managerId: input.managerId, stage: { stageId: stage.id, stageName: stage.name } },
      audit: { action: 'create', entityType: 'deal', entityId: deal.id, after: history(deal) },
    });
    return deal.id;
  }

  async update(id: string, input: UpdateDealDto, user: AuthenticatedUser): Promise<DealDto> {
    await this.dataSource.transaction(async (em) => {
      const deal = await this.lock(em, id, user, input.version);
      const before = history(deal);
      if (input.title !== undefined) deal.title = input.title;
      if (input.probability !== undefined) deal.probability = input.probability;
      if (input.expectedCloseDate !== undefined) deal.expectedCloseDate = input.expectedCloseDate;
      if (input.channelId !== undefined) deal.channelId = input.channelId;
      if (input.campaignId !== undefined) deal.campaignId = input.campaignId;
      // One source of the amount: a deal with lines costs their total (computed here, in
      // the same transaction as the lines); a deal without lines keeps its typed amount
      // (removing every line leaves the last total as the typed amount).
      if (input.lines !== undefined) {
        await em.delete(DealLine, { dealId: id });
        if (input.lines.length) {
          const priced = await priceLines(em, input.lines);
          if (input.amount !== undefined && compareMoney(input.amount, priced.total) !== 0) throw amountFromLines(priced.total);
          await em.insert(DealLine, priced.lines.map(({ unit: _u, ...rest }) => ({ ...rest, dealId: id })));
          deal.amount = priced.total;
        } else if (input.amount !== undefined) {
          deal.amount = input.amount;
        }
      } else if (input.amount !== undefined) {
        const hasLines = await em.exists(DealLine, { where: { dealId: id } });
        if (!hasLines) deal.amount = input.amount;
        else if (compareMoney(input.amount, deal.amount) !== 0) throw amountFromLines(deal.amount);
      }
      await em.save(deal);
      await this.events.publish(em, { type: 'deal.updated', payload: dealRef(deal), audit: { action: 'update', entityType: 'deal', entityId: id, before, after: history(deal) } });
    });
    return this.get(id, user);
  }

  /**
   * Moves a deal through the funnel by the state machine. Entering the hand-over stage
   * needs a signed contract and publishes `deal.handed_over`, whose subscriber (the
   * service module) creates the installation job in the same transaction: if the job
   * cannot be created, the deal does not move.
   */
  async move(id: string, input: MoveDealDto, user: AuthenticatedUser): Promise<DealDto> {
    await this.dataSource.transaction(async (em) => {
      const deal = await this.lock(em, id, user, input.version);
      const stages = await this.stages(em);
      const from = stages.find((s) => s.id === deal.stageId)!;
      const to = stages.find((s) => s.id === input.stageId);
      if (!to) throw stageNotFound();
      const refusal = refuseMove({
        from,
        to,
        openStages: stages.filter((s) => s.kind === 'open' && s.isActive),
        canReopen: can(user.role, 'funnel.reopen'),
        lossReasonId: input.lossReasonId,
        comment: input.comment,
      });
      if (refusal) throw moveRefused(refusal);
      let lossReasonName: string | null = null;
      if (to.kind === 'lost') {
        const [reason] = await em.query(`SELECT id, name FROM reference_items WHERE id = $1 AND kind = 'loss_reason' AND is_active`, [input.lossReasonId]);
        if (!reason) throw new RuleViolationError('loss_reason_not_found', 'No such loss reason', [{ field: 'lossReasonId', message: 'No such active loss reason' }]);
        lossReasonName = reason.name;
      }
      const before = history(deal);
      const contract = to.handsOver ? await em.findOne(Contract, { where: { dealId: id, status: 'signed' }, order: { signedOn: 'DESC' } }) : null;
      if (to.handsOver && !contract) throw signedContractRequired();
      deal.stageId = to.id;
      deal.status = to.kind;
      deal.probability = to.probability;
      deal.closedAt = to.kind === 'open' ? null : this.clock.now();
      deal.lossReasonId = to.kind === 'lost' ? input.lossReasonId! : null;
      deal.lossComment = to.kind === 'lost' ? input.comment!.trim() : null;
      await em.save(deal);
      await em.insert(DealStageChange, { dealId: id, fromStageId: from.id, toStageId: to.id, changedBy: user.id, changedAt: this.clock.now(), comment: input.comment?.trim() || null });
      const audit = { action: 'move', entityType: 'deal', entityId: id, before, after: history(deal) };
      const moved = { ...dealRef(deal), from: { stageId: from.id, stageName: from.name }, to: { stageId: to.id, stageName: to.name } };
      const comment = input.comment?.trim() || null;
      if (to.kind === 'won') await this.events.publish(em, { type: 'deal.won', payload: { ...moved, managerId: deal.managerId }, audit });
      else if (to.kind === 'lost') await this.events.publish(em, { type: 'deal.lost', payload: { ...moved, lossReasonId: deal.lossReasonId!, lossReasonName, comment, competitorId: input.competitorId ?? null }, audit });
      else if (from.kind !== 'open') await this.events.publish(em, { type: 'deal.reopened', payload: { ...moved, comment }, audit });
      else await this.events.publish(em, { type: 'deal.moved', payload: { ...moved, comment }, audit });
      if (contract) {
        await this.events.publish(em, {
          type: 'deal.handed_over',
          payload: { dealId: id, clientId: deal.clientId, title: deal.title, contractId: contract.id, contractNumber: contract.number, installationDeadline: contract.installationDeadline },
        });
      }
    });
    return this.get(id, user);
  }

  async history(id: string, user: AuthenticatedUser): Promise<StageChangeDto[]> {
    await this.getInScope(id, user);
    const rows = await this.dataSource.query(
      `SELECT h.id::text, h.from_stage_id, fs.name AS from_name, h.to_stage_id, ts.name AS to_name, h.changed_at, h.changed_by, u.full_name, h.comment
         FROM deal_stage_history h
         JOIN pipeline_stages ts ON ts.id = h.to_stage_id
         LEFT JOIN pipeline_stages fs ON fs.id = h.from_stage_id
         LEFT JOIN users u ON u.id = h.changed_by
        WHERE h.deal_id = $1 ORDER BY h.changed_at, h.id`,
      [id],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      fromStageId: (r.from_stage_id as string | null) ?? null,
      fromStageName: (r.from_name as string | null) ?? null,
      toStageId: r.to_stage_id as string,
      toStageName: r.to_name as string,
      changedAt: (r.changed_at as Date).toISOString(),
      changedBy: (r.changed_by as string | null) ?? null,
      changedByName: (r.full_name as string | null) ?? null,
      comment: (r.comment as string | null) ?? null,
    }));
  }

  private async lock(em: EntityManager, id: string, user: AuthenticatedUser, version: number): Promise<Deal> {
    await this.getInScope(id, user, em);
    const deal = await em.findOne(Deal, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!deal) throw new NotFoundError('Deal');
    if (deal.version !== version) throw new StaleVersionError('Deal', version, deal.version);
    return deal;
  }

  async stages(em: EntityManager = this.dataSource.manager): Promise<PipelineStage[]> {
    return em.getRepository(PipelineStage).find({ order: { sortOrder: 'ASC' } });
  }

  private async assertManager(em: EntityManager, managerId: string): Promise<void> {
    if (!(await findResponsibleManager(em, managerId))) throw managerNotAllowed();
  }

  /** Deals with their lines: one query for all the lines of the page. */
  private async mapMany(deals: Deal[]): Promise<DealDto[]> {
    if (!deals.length) return [];
    const lines = await this.dataSource
      .getRepository(DealLine)
      .createQueryBuilder('l')
      .leftJoinAndSelect('l.product', 'p')
      .where('l.deal_id IN (:...ids)', { ids: deals.map((d) => d.id) })
      .orderBy('l.sort_order', 'ASC')
      .getMany();
    return deals.map((d) => mapDeal(d, lines.filter((l) => l.dealId === d.id)));
  }
}

export function mapLine(l: DealLine | { id: string; productId: string | null; description: string; unit?: string; quantity: string; unitPrice: string; discountPercent: string; lineTotal: string; product?: { unit: string } | null }): LineDto {
  return {
    id: l.id,
    productId: l.productId,
    description: l.description,
    unit: ('unit' in l && l.unit) || l.product?.unit || 'шт',
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent,
    lineTotal: l.lineTotal,
  };
}

export function mapDeal(d: Deal, lines: DealLine[]): DealDto {
  return {
    id: d.id,
    clientId: d.clientId,
    clientName: d.client?.name ?? '',
    title: d.title,
    managerId: d.managerId,
    managerName: d.manager?.fullName ?? null,
    stageId: d.stageId,
    stageName: d.stage?.name ?? '',
    status: d.status,
    amount: d.amount,
    probability: d.probability,
    weightedAmount: percentOf(d.amount, d.probability),
    expectedCloseDate: d.expectedCloseDate,
    channelId: d.channelId,
    channelName: d.channel?.name ?? null,
    campaignId: d.campaignId,
    lossReasonId: d.lossReasonId,
    lossReasonName: d.lossReason?.name ?? null,
    lossComment: d.lossComment,
    closedAt: d.closedAt?.toISOString() ?? null,
    lines: lines.map(mapLine),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    version: d.version,
  };
}

function dealRef(d: Deal): { dealId: string; clientId: string; title: string; amount: string } {
  return { dealId: d.id, clientId: d.clientId, title: d.title, amount: d.amount };
}

function history(d: Deal): Record<string, unknown> {
  return {
    title: d.title,
    clientId: d.clientId,
    managerId: d.managerId,
    stageId: d.stageId,
    status: d.status,
    amount: d.amount,
    probability: d.probability,
    expectedCloseDate: d.expectedCloseDate,
    channelId: d.channelId,
    campaignId: d.campaignId,
    lossReasonId: d.lossReasonId,
    lossComment: d.lossComment,
  };
}
