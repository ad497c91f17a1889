import { monthPeriod } from '@polar/business-time';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AccessService, notVisible } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { toKopecks } from '@polar/money';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { findResponsibleManager, findResponsibleManagers } from '../../common/scope/responsible-managers';
import { AuditService } from '../audit/audit.service';
import { FunnelPort } from '../funnel/funnel-port';
import type { CopyPlansDto, CopyPlansResultDto, PlanDto, PlanListQueryDto, PlanMetricDto, PlanProgressDto, SetPlanDto, UpdatePlanDto } from './dto/planning.dto';
import { MonthlyPlan } from './entities/monthly-plan.entity';

const mapPlan = (p: MonthlyPlan): PlanDto => ({
  id: p.id,
  managerId: p.managerId,
  managerName: p.manager?.fullName ?? '',
  month: p.month.slice(0, 7),
  revenueTarget: p.revenueTarget,
  wonDealsTarget: p.wonDealsTarget,
  callsTarget: p.callsTarget,
  meetingsTarget: p.meetingsTarget,
  version: p.version,
});

/** Monthly plans per manager, set by the head; actuals computed from the records. */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly funnel: FunnelPort,
  ) {}

  async list(query: PlanListQueryDto, user: AuthenticatedUser): Promise<Page<PlanDto>> {
    const qb = this.dataSource.getRepository(MonthlyPlan).createQueryBuilder('p').innerJoinAndSelect('p.manager', 'm');
    this.access.narrow(qb, user, 'plan', 'see', { manager: 'p.manager_id' });
    if (query.month) qb.andWhere('p.month = :month', { month: `${query.month}-01` });
    if (query.managerId) qb.andWhere('p.manager_id = :managerId', { managerId: query.managerId });
    const total = await qb.clone().getCount();
    const rows = await qb.orderBy('p.month', 'DESC').addOrderBy('m.full_name').offset((query.page - 1) * query.pageSize).limit(query.pageSize).getMany();
    return pageOf(rows.map(mapPlan), total, query);
  }

  async get(id: string, user: AuthenticatedUser): Promise<MonthlyPlan> {
    const p = await this.dataSource.getRepository(MonthlyPlan).findOne({ where: { id }, relations: { manager: true } });
    if (!p) throw notVisible('plan');
    this.access.assert(user, 'plan', 'see', { manager: p.managerId });
    return p;
  }

  async set(input: SetPlanDto, user: AuthenticatedUser): Promise<PlanDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const m = await findResponsibleManager(em, input.managerId);
      if (!m) throw new RuleViolationError('not_a_manager', 'Plans are set for active sales managers', [{ field: 'managerId', message: 'Not an active sales manager' }]);
      const month = `${input.month}-01`;
      if (await em.exists(MonthlyPlan, { where: { managerId: input.managerId, month } })) {
        throw new RuleViolationError('plan_exists', 'This manager already has a plan for the month; change it instead', [{ field: 'month', message: 'Plan exists' }]);
      }
      const plan = await em.save(em.create(MonthlyPlan, { ...input, month, setBy: user.id }));
      await this.audit.record(em, { action: 'create', entityType: 'monthly_plan', entityId: plan.id, after: { ...input } });
      return plan.id;
    });
    return mapPlan(await this.get(id, user));
  }

  async update(id: string, input: UpdatePlanDto, user: AuthenticatedUser): Promise<PlanDto> {
    await this.dataSource.transaction(async (em) => {
      const plan = await em.findOne(MonthlyPlan, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw notVisible('plan');
      this.access.assert(user, 'plan', 'change', { manager: plan.managerId });
      if (plan.version !== input.version) throw new StaleVersionError('Plan', input.version, plan.version);
      const before = { revenueTarget: plan.revenueTarget, wonDealsTarget: plan.wonDealsTarget, callsTarget: plan.callsTarget, meetingsTarget: plan.meetingsTarget };
      const { version: _v, ...changes } = input;
      Object.assign(plan, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
      plan.setBy = user.id;
      await em.save(plan);
      await this.audit.record(em, { action: 'update', entityType: 'monthly_plan', entityId: id, before, after: { revenueTarget: plan.revenueTarget, wonDealsTarget: plan.wonDealsTarget, callsTarget: plan.callsTarget, meetingsTarget: plan.meetingsTarget } });
    });
    return mapPlan(await this.get(id, user));
  }

  /** Plan vs actual of one plan (see {@link progressOf}). */
  async progress(id: string, user: AuthenticatedUser): Promise<PlanProgressDto> {
    return this.progressOf(await this.get(id, user));
  }

  /**
   * Plan vs actual for many plans in one request (the rows of one list page). Every id
   * must be in the caller's scope: one that is not (or does not exist) makes the whole
   * answer a 404, as a single plan would.
   */
  async progressMany(ids: readonly string[], user: AuthenticatedUser): Promise<PlanProgressDto[]> {
    const unique = [...new Set(ids)];
    const qb = this.dataSource.getRepository(MonthlyPlan).createQueryBuilder('p').innerJoinAndSelect('p.manager', 'm').where({ id: In(unique) });
    this.access.narrow(qb, user, 'plan', 'see', { manager: 'p.manager_id' });
    const plans = await qb.getMany();
    if (plans.length !== unique.length) throw notVisible('plan');
    const byId = new Map(plans.map((p) => [p.id, p]));
    const out: PlanProgressDto[] = [];
    // Sequential on purpose: at most 100 small indexed queries on one connection, rather
    // than 100 connections taken from the pool at once by one list page.
    for (const id of unique) out.push(await this.progressOf(byId.get(id)!));
    return out;
  }

  /**
   * Copies the previous month's plans in the caller's reach to `month`, for managers who
   * have no plan for it yet and are still active sales managers. Running it again creates
   * nothing more; a concurrent copy or a plan set meanwhile is skipped (ON CONFLICT DO
   * NOTHING on the manager+month key), never a 409 or a duplicate. Each new plan is audited.
   */
  async copyPrevious(input: CopyPlansDto, user: AuthenticatedUser): Promise<CopyPlansResultDto> {
    const fromMonth = previousMonth(input.month);
    return this.dataSource.transaction(async (em) => {
      const qb = em.getRepository(MonthlyPlan).createQueryBuilder('p').where('p.month = :from', { from: `${fromMonth}-01` });
      this.access.narrow(qb, user, 'plan', 'change', { manager: 'p.manager_id' });
      const sources = await qb.getMany();
      const active = new Set((await findResponsibleManagers(em, sources.map((p) => p.managerId))).map((m) => m.id));
      const taken = new Set(
        sources.length
          ? (await em.find(MonthlyPlan, { select: { managerId: true }, where: { month: `${input.month}-01`, managerId: In(sources.map((p) => p.managerId)) } })).map((p) => p.managerId)
          : [],
      );
      const todo = sources.filter((p) => active.has(p.managerId) && !taken.has(p.managerId));
      if (input.dryRun || !todo.length) return { month: input.month, fromMonth, created: input.dryRun ? todo.length : 0, skipped: sources.length - todo.length, items: [] };
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(MonthlyPlan)
        .values(
          todo.map((p) => ({
            managerId: p.managerId,
            month: `${input.month}-01`,
            revenueTarget: p.revenueTarget,
            wonDealsTarget: p.wonDealsTarget,
            callsTarget: p.callsTarget,
            meetingsTarget: p.meetingsTarget,
            setBy: user.id,
          })),
        )
        .orIgnore()
        .returning(['id'])
        .execute();
      const ids = (inserted.raw as Array<{ id: string }>).map((r) => r.id);
      const created = ids.length ? await em.find(MonthlyPlan, { where: { id: In(ids) }, relations: { manager: true } }) : [];
      created.sort((a, b) => (a.manager?.fullName ?? '').localeCompare(b.manager?.fullName ?? '', 'ru'));
      await this.audit.recordMany(
        em,
        created.map((p) => ({
          action: 'create' as const,
          entityType: 'monthly_plan',
          entityId: p.id,
          after: { managerId: p.managerId, month: input.month, revenueTarget: p.revenueTarget, wonDealsTarget: p.wonDealsTarget, callsTarget: p.callsTarget, meetingsTarget: p.meetingsTarget, copiedFrom: fromMonth },
        })),
      );
      return { month: input.month, fromMonth, created: created.length, skipped: sources.length - created.length, items: created.map(mapPlan) };
    });
  }

  /**
   * Actuals for the plan's month (Moscow): payments and won deals from the funnel
   * (FunnelPort), done calls and meetings from planning's own tasks.
   */
  private async progressOf(plan: MonthlyPlan): Promise<PlanProgressDto> {
    const sales = await this.funnel.monthActuals(this.dataSource.manager, plan.managerId, plan.month);
    // The month's Moscow boundaries come from @polar/business-time, not from SQL time-zone math.
    const month = monthPeriod(String(plan.month).slice(0, 7));
    const [row] = await this.dataSource.query(
      `WITH bounds AS (SELECT $2::timestamptz AS t0, $3::timestamptz AS t1)
       SELECT
         (SELECT count(*)::int FROM tasks t, bounds b WHERE t.assignee_id = $1 AND t.status = 'done' AND t.type = 'call' AND t.completed_at >= b.t0 AND t.completed_at < b.t1) AS calls,
         (SELECT count(*)::int FROM tasks t, bounds b WHERE t.assignee_id = $1 AND t.status = 'done' AND t.type = 'meeting' AND t.completed_at >= b.t0 AND t.completed_at < b.t1) AS meetings`,
      [plan.managerId, month.from, month.to],
    );
    const metric = (target: string, actual: string, money = false): PlanMetricDto => {
      const t = money ? toKopecks(target) : BigInt(target);
      const a = money ? toKopecks(actual) : BigInt(actual);
      return { target, actual, percent: t === 0n ? 0 : Number((a * 1000n) / t) / 10 };
    };
    return {
      plan: mapPlan(plan),
      revenue: metric(plan.revenueTarget, sales.revenue, true),
      wonDeals: metric(String(plan.wonDealsTarget), String(sales.wonDeals)),
      calls: metric(String(plan.callsTarget), String(row.calls)),
      meetings: metric(String(plan.meetingsTarget), String(row.meetings)),
    };
  }
}

/** '2026-01' → '2025-12'. */
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
