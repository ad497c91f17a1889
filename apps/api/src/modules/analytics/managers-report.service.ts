import { Injectable } from '@nestjs/common';
import { monthPeriod, moscowToday } from '@polar/business-time';
import { sumMoney } from '@polar/money';
import { ReadRouting } from '../../common/replica';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { AnalyticsScopeService } from './analytics-scope';
import { scopeLabel } from './dashboard.service';
import type { ManagerKpisDto, ManagerMonthRowDto, ManagersMonthlyDto } from './dto/managers-monthly.dto';
import * as q from './queries/managers-monthly.sql';
import { percentOfCount, percentOfMoney } from './report-math';

const byManager = <T extends { manager_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.manager_id, r]));

function vsPlan(actual: number, plan: number | null) {
  return { actual, plan, percent: plan === null ? null : percentOfCount(actual, plan) };
}

/** The 1C monthly report per manager plus the 11 Green Wave KPIs against the month's plan. */
@Injectable()
export class ManagersReportService {
  constructor(
    private readonly reads: ReadRouting,
    private readonly scopes: AnalyticsScopeService,
    private readonly clock: Clock,
  ) {}

  async monthly(user: AuthenticatedUser, month?: string): Promise<ManagersMonthlyDto> {
    const today = moscowToday(this.clock.now());
    const m = month ?? today.slice(0, 7);
    const period = monthPeriod(m);
    const b: q.MonthBounds = { first: period.first, next: period.next, from: period.from, to: period.to, asOfDay: today < period.next ? today : period.next };
    const scope = await this.scopes.of(user);
    const ids = scope.managerIds;
    const em = this.reads.manager();
    const people = await q.managers(em, ids, b);
    const plans = byManager(await q.plans(em, ids, b));
    const deals = byManager(await q.dealFigures(em, ids, b));
    const proposals = byManager(await q.proposalFigures(em, ids, b));
    const revenue = byManager(await q.revenue(em, ids, b));
    const cross = byManager(await q.crossSales(em, ids, b));
    const contacts = byManager(await q.contactFigures(em, ids, b));
    const debts = byManager(await q.debtFigures(em, ids, b));
    const late = byManager(await q.lateProjects(em, ids, b));

    const rows: ManagerMonthRowDto[] = people.map(({ id, name }) => {
      const plan = plans.get(id);
      const d = deals.get(id);
      const won = d?.won ?? 0;
      const lost = d?.lost ?? 0;
      const actualRevenue = revenue.get(id)?.amount ?? '0.00';
      const c = contacts.get(id);
      const debt = debts.get(id);
      const kpis: ManagerKpisDto = {
        planAchievement: { actual: actualRevenue, plan: plan?.revenue ?? null, percent: plan ? percentOfMoney(actualRevenue, plan.revenue) : null },
        projects: vsPlan(won, plan?.won ?? null),
        avgProcessingDays: d?.won_days == null ? null : Number(d.won_days),
        positiveDecisions: { part: won, of: won + lost, percent: percentOfCount(won, won + lost) },
        reasonedRefusals: { part: d?.lost_reasoned ?? 0, of: lost, percent: percentOfCount(d?.lost_reasoned ?? 0, lost) },
        calls: vsPlan(c?.calls ?? 0, plan?.calls ?? null),
        meetings: vsPlan(c?.meetings ?? 0, plan?.meetings ?? null),
        crossSales: cross.get(id)?.count ?? 0,
        unpaidInvoices: { count: debt?.unpaid ?? 0, amount: debt?.unpaid_amount ?? '0.00' },
        overduePayments: { count: debt?.overdue5 ?? 0, amount: debt?.overdue5_amount ?? '0.00' },
        lateProjects: { count: late.get(id)?.count ?? 0, reasons: late.get(id)?.reasons ?? [] },
      };
      return {
        managerId: id,
        managerName: name,
        newInterests: { count: d?.new_count ?? 0, amount: d?.new_amount ?? '0.00' },
        proposals: { count: proposals.get(id)?.count ?? 0, amount: proposals.get(id)?.amount ?? '0.00' },
        won: { count: won, amount: d?.won_amount ?? '0.00' },
        kpis,
      };
    });
    return { month: m, scope: scopeLabel(user, scope), rows, total: totalOf(rows) };
  }
}

/** The rows added up; the average processing time is weighted by won deals. */
function totalOf(rows: ManagerMonthRowDto[]): ManagerMonthRowDto {
  const n = (pick: (r: ManagerMonthRowDto) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const money = (pick: (r: ManagerMonthRowDto) => string) => sumMoney(rows.map(pick));
  const planned = rows.filter((r) => r.kpis.planAchievement.plan !== null);
  const sumPlan = <K extends 'projects' | 'calls' | 'meetings'>(k: K) => (rows.some((r) => r.kpis[k].plan !== null) ? n((r) => r.kpis[k].plan ?? 0) : null);
  const revenuePlan = planned.length ? money((r) => r.kpis.planAchievement.plan ?? '0') : null;
  const revenueActual = money((r) => r.kpis.planAchievement.actual);
  const won = n((r) => r.won.count);
  const lost = n((r) => r.kpis.positiveDecisions.of) - won;
  const reasoned = n((r) => r.kpis.reasonedRefusals.part);
  const daysWeighted = rows.reduce((s, r) => s + (r.kpis.avgProcessingDays ?? 0) * r.won.count, 0);
  return {
    managerId: '',
    managerName: '',
    newInterests: { count: n((r) => r.newInterests.count), amount: money((r) => r.newInterests.amount) },
    proposals: { count: n((r) => r.proposals.count), amount: money((r) => r.proposals.amount) },
    won: { count: won, amount: money((r) => r.won.amount) },
    kpis: {
      planAchievement: { actual: revenueActual, plan: revenuePlan, percent: revenuePlan === null ? null : percentOfMoney(revenueActual, revenuePlan) },
      projects: vsPlan(won, sumPlan('projects')),
      avgProcessingDays: won ? Math.round((daysWeighted / won) * 10) / 10 : null,
      positiveDecisions: { part: won, of: won + lost, percent: percentOfCount(won, won + lost) },
      reasonedRefusals: { part: reasoned, of: lost, percent: percentOfCount(reasoned, lost) },
      calls: vsPlan(n((r) => r.kpis.calls.actual), sumPlan('calls')),
      meetings: vsPlan(n((r) => r.kpis.meetings.actual), sumPlan('meetings')),
      crossSales: n((r) => r.kpis.crossSales),
      unpaidInvoices: { count: n((r) => r.kpis.unpaidInvoices.count), amount: money((r) => r.kpis.unpaidInvoices.amount) },
      overduePayments: { count: n((r) => r.kpis.overduePayments.count), amount: money((r) => r.kpis.overduePayments.amount) },
      lateProjects: { count: n((r) => r.kpis.lateProjects.count), reasons: rows.flatMap((r) => r.kpis.lateProjects.reasons) },
    },
  };
}
