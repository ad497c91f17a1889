import { monthPeriod } from '@polar/business-time';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, notVisible } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { toKopecks } from '@polar/money';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { findResponsibleManager } from '../../common/scope/responsible-managers';
import { AuditService } from '../audit/audit.service';
import { FunnelPort } from '../funnel/funnel-port';
import type { PlanDto, PlanListQueryDto, PlanMetricDto, PlanProgressDto, SetPlanDto, UpdatePlanDto } from './dto/planning.dto';
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

  /**
   * Actuals for the plan's month (Moscow): payments and won deals from the funnel
   * (FunnelPort), done calls and meetings from planning's own tasks.
   */
  async progress(id: string, user: AuthenticatedUser): Promise<PlanProgressDto> {
    const plan = await this.get(id, user);
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
