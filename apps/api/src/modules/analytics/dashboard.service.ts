import { Injectable } from '@nestjs/common';
import { addDays, moscowToday } from '@polar/business-time';
import { sumMoney } from '@polar/money';
import { ReadRouting } from '../../common/replica';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { AnalyticsScopeService, type AnalyticsScope } from './analytics-scope';
import type { DashboardDto } from './dto/dashboard.dto';
import { contactsPerEmployee, type DashboardBounds, dealFigures, expectedSales, openByStage, overdueInvoices, overdueInvoicesAsOf, revenueFigures } from './queries/dashboard.sql';
import { dayStart, monthStart, percentOfMoney, sameDayPrevMonth } from './report-math';
import { DashboardModulesService } from './dashboard-modules';

const OVERDUE_LIST_LIMIT = 20;

export function scopeLabel(user: AuthenticatedUser, scope: AnalyticsScope): string {
  if (scope.managerIds === null) return 'all';
  return user.role === 'sales_head' ? 'department' : 'own';
}

/** The director's day (seed 002): revenue, plan, expected sales, stages, contacts, overdue invoices. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly reads: ReadRouting,
    private readonly scopes: AnalyticsScopeService,
    private readonly clock: Clock,
    private readonly modules: DashboardModulesService,
  ) {}

  bounds(day: string): DashboardBounds {
    const now = this.clock.now();
    const today = moscowToday(now);
    const prevMonthSameDay = sameDayPrevMonth(day);
    const dayTo = dayStart(addDays(day, 1));
    return {
      day,
      prevDay: addDays(day, -1),
      monthFirst: monthStart(day),
      prevMonthFirst: monthStart(day, -1),
      prevMonthSameDay,
      dayFrom: dayStart(day),
      dayTo,
      monthFrom: dayStart(monthStart(day)),
      prevMonthFrom: dayStart(monthStart(day, -1)),
      prevMonthTo: dayStart(addDays(prevMonthSameDay, 1)),
      asOf: day === today ? now : day < today ? dayTo : dayStart(day),
    };
  }

  async dashboard(user: AuthenticatedUser, date?: string): Promise<DashboardDto> {
    const today = moscowToday(this.clock.now());
    const day = date ?? today;
    const scope = await this.scopes.of(user);
    const ids = scope.managerIds;
    const b = this.bounds(day);
    // One transaction so that JIT can be switched off for these statements only: each is an
    // index range or a few summary rows, but the planner overestimates the planned tasks at
    // 10M tasks and JIT-compiled the contacts statement (1.2 s of 1.4 s at 1M clients).
    // One connection on the embedded database: the reads run one after another.
    const { revenue, deals, expected, stages, contacts, overdue } = await this.reads.manager().transaction(async (em) => {
      await em.query(`SET LOCAL jit = off`);
      return {
        revenue: await revenueFigures(em, ids, b),
        deals: await dealFigures(em, ids, b),
        expected: await expectedSales(em, ids),
        stages: await openByStage(em, ids),
        contacts: await contactsPerEmployee(em, ids, b),
        // A past day is rebuilt from the payments received by then; today and a future day read the debts as they are now.
        overdue: day < today ? await overdueInvoicesAsOf(em, ids, day, OVERDUE_LIST_LIMIT) : await overdueInvoices(em, ids, day, OVERDUE_LIST_LIMIT),
      };
    });
    const notToday = day !== today;
    return {
      date: day,
      month: day.slice(0, 7),
      scope: scopeLabel(user, scope),
      kpis: {
        revenueToday: { value: revenue.today, previous: revenue.prevDay },
        revenueMonth: { value: revenue.month, previous: revenue.prevMonth },
        newDeals: { value: deals.new_month, previous: deals.new_prev },
        wonDeals: { value: deals.won_month, previous: deals.won_prev },
        wonAmount: { value: deals.won_sum_month, previous: deals.won_sum_prev },
        openDeals: expected.reduce((n, r) => n + r.deals, 0),
        openAmount: sumMoney(expected.map((r) => r.amount)),
        weightedAmount: sumMoney(expected.map((r) => r.weighted)),
      },
      revenueVsPlan: { actual: revenue.month, plan: revenue.plan, percent: percentOfMoney(revenue.month, revenue.plan) },
      expectedSales: expected,
      stages: stages.map((s) => ({ stageId: s.id, code: s.code, name: s.name, probability: s.probability, deals: s.deals, amount: s.amount })),
      contacts: contacts.map((c) => ({ employeeId: c.id, employeeName: c.name, done: c.done, overdue: c.overdue, planned: c.planned })),
      overdueInvoices: {
        count: overdue[0]?.total_count ?? 0,
        outstanding: overdue[0]?.total_sum ?? '0.00',
        items: overdue.map((r) => ({ invoiceId: r.id, number: r.number, clientId: r.client_id, clientName: r.client_name, dueDate: r.due_date, outstanding: r.outstanding, daysOverdue: r.days })),
      },
      // Current state (not as of `date`): the owning modules keep no history of it.
      complaints: await this.modules.complaintsSection(user),
      installationsAtRisk: await this.modules.installationsSection(user),
      currentState: { openDeals: notToday, expectedSales: notToday, stages: notToday, overdueInvoices: day > today, complaints: notToday, installationsAtRisk: notToday },
    };
  }
}
