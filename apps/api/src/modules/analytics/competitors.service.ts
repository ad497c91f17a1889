import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import type { DomainEventMap } from '../../common/events';
import { ConflictError, NotFoundError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { AnalyticsScopeService } from './analytics-scope';
import type { CompetitorDto, CompetitorListQueryDto, CreateCompetitorDto, UpdateCompetitorDto } from './dto/competitor.dto';
import { Competitor, DealCompetitorLoss } from './entities/competitor.entity';

const nameTaken = () => new ConflictError('competitor_name_taken', 'A competitor with this name exists', [{ field: 'name', message: 'Already taken' }]);
const isUniqueViolation = (e: unknown) => (e as { code?: string; driverError?: { code?: string } }).driverError?.code === '23505' || (e as { code?: string }).code === '23505';
const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

/** The competitor list (everyone reads; heads, the director and marketing keep it) and the link of lost deals to them. */
@Injectable()
export class CompetitorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AnalyticsScopeService,
  ) {}

  async list(query: CompetitorListQueryDto, user: AuthenticatedUser): Promise<CompetitorDto[]> {
    return this.read(user, { q: query.q ?? null, all: query.all ?? false, id: null });
  }

  async get(id: string, user: AuthenticatedUser): Promise<CompetitorDto> {
    const [row] = await this.read(user, { q: null, all: true, id });
    if (!row) throw new NotFoundError('Competitor');
    return row;
  }

  async create(input: CreateCompetitorDto, user: AuthenticatedUser): Promise<CompetitorDto> {
    const repo = this.dataSource.getRepository(Competitor);
    try {
      const saved = await repo.save(
        repo.create({
          name: input.name,
          prices: blank(input.prices) ?? null,
          assortment: blank(input.assortment) ?? null,
          specialConditions: blank(input.specialConditions) ?? null,
          marketingActivities: blank(input.marketingActivities) ?? null,
        }),
      );
      return this.get(saved.id, user);
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken();
      throw e;
    }
  }

  async update(id: string, input: UpdateCompetitorDto, user: AuthenticatedUser): Promise<CompetitorDto> {
    try {
      await this.dataSource.transaction(async (em) => {
        const c = await em.findOne(Competitor, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!c) throw new NotFoundError('Competitor');
        if (c.version !== input.version) throw new StaleVersionError('Competitor', input.version, c.version);
        if (input.name !== undefined) c.name = input.name;
        for (const k of ['prices', 'assortment', 'specialConditions', 'marketingActivities'] as const) {
          const v = blank(input[k]);
          if (v !== undefined) c[k] = v;
        }
        if (input.isActive !== undefined) c.isActive = input.isActive;
        await em.save(c);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken();
      throw e;
    }
    return this.get(id, user);
  }

  /** Only a competitor no deal was lost to can be deleted; the others are archived (isActive false). */
  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const c = await em.findOne(Competitor, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new NotFoundError('Competitor');
      if (await em.exists(DealCompetitorLoss, { where: { competitorId: id } })) {
        throw new ConflictError('competitor_in_use', 'Deals were lost to this competitor: archive it instead');
      }
      await em.delete(Competitor, { id });
    });
  }

  /**
   * The `deal.lost` subscriber, in the funnel's transaction: remembers the competitor
   * the deal went to. An unknown or archived competitor refuses the whole move (422).
   */
  async recordLoss(em: EntityManager, event: DomainEventMap['deal.lost'], at: Date): Promise<void> {
    await em.delete(DealCompetitorLoss, { dealId: event.dealId });
    if (!event.competitorId) return;
    const exists = await em.exists(Competitor, { where: { id: event.competitorId, isActive: true } });
    if (!exists) throw new RuleViolationError('competitor_not_found', 'No such competitor', [{ field: 'competitorId', message: 'No such active competitor' }]);
    await em.insert(DealCompetitorLoss, { dealId: event.dealId, competitorId: event.competitorId, lostAt: at });
  }

  /** A reopened deal is no longer lost to anyone. */
  async forgetLoss(em: EntityManager, dealId: string): Promise<void> {
    await em.delete(DealCompetitorLoss, { dealId });
  }

  private async read(user: AuthenticatedUser, f: { q: string | null; all: boolean; id: string | null }): Promise<CompetitorDto[]> {
    const scope = await this.scopes.of(user);
    // The loss counts are figures like any other: a manager sees their own deals only.
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT k.id, k.name, k.prices, k.assortment, k.special_conditions, k.marketing_activities, k.is_active, k.updated_at, k.version,
              count(d.id)::int AS lost_deals, coalesce(sum(d.amount), 0)::numeric(16,2)::text AS lost_amount
         FROM competitors k
         LEFT JOIN deal_competitor_losses l ON l.competitor_id = k.id
         LEFT JOIN deals d ON d.id = l.deal_id AND d.status = 'lost'
               AND ($1::uuid[] IS NULL OR (d.manager_id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM clients c WHERE c.id = d.client_id AND c.manager_id = ANY($1::uuid[]))))
        WHERE ($2::text IS NULL OR k.name ILIKE '%' || $2 || '%') AND ($3 OR k.is_active) AND ($4::uuid IS NULL OR k.id = $4::uuid)
        GROUP BY k.id
        ORDER BY k.is_active DESC, k.name`,
      [scope.managerIds, f.q?.replace(/[\\%_]/g, (m) => `\\${m}`) ?? null, f.all, f.id],
    );
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      prices: (r.prices as string | null) ?? null,
      assortment: (r.assortment as string | null) ?? null,
      specialConditions: (r.special_conditions as string | null) ?? null,
      marketingActivities: (r.marketing_activities as string | null) ?? null,
      isActive: r.is_active as boolean,
      lostDeals: r.lost_deals as number,
      lostAmount: r.lost_amount as string,
      updatedAt: new Date(r.updated_at as string).toISOString(),
      version: r.version as number,
    }));
  }
}
