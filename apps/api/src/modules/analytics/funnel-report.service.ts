import { Injectable } from '@nestjs/common';
import { ReadRouting } from '../../common/replica';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { NotFoundError } from '../../common/errors/domain-error';
import { AnalyticsScopeService, type AnalyticsScope } from './analytics-scope';
import { scopeLabel } from './dashboard.service';
import type { FunnelPeriodDto, FunnelQueryDto, FunnelReportDto } from './dto/funnel-report.dto';
import { askedPeriod, type DayPeriod, previousPeriod } from './period';
import * as q from './queries/funnel.sql';
import { competitorLosses } from './queries/competitors.sql';
import { percentOfCount } from './report-math';

const days = (v: string | null | undefined) => (v == null ? null : Number(v));

/** Conversion through the funnel, time in stage and losses, beside the previous period. */
@Injectable()
export class FunnelReportService {
  constructor(
    private readonly reads: ReadRouting,
    private readonly scopes: AnalyticsScopeService,
    private readonly clock: Clock,
  ) {}

  async report(user: AuthenticatedUser, query: FunnelQueryDto): Promise<FunnelReportDto> {
    const period = askedPeriod(this.clock.now(), query.from, query.to);
    const scope = await this.scopes.of(user);
    const managerId = query.managerId ?? null;
    // Another manager's figures are out of sight: the same 404 as a record out of scope.
    if (managerId && scope.managerIds !== null && !scope.managerIds.includes(managerId)) throw new NotFoundError('Manager');
    const [manager] = managerId ? await this.reads.manager().query(`SELECT full_name FROM users WHERE id = $1`, [managerId]) : [];
    if (managerId && !manager) throw new NotFoundError('Manager');
    const current = await this.period(scope, period, managerId);
    const previous = await this.period(scope, previousPeriod(period), managerId);
    return { scope: scopeLabel(user, scope), managerId, managerName: (manager?.full_name as string | undefined) ?? null, current, previous };
  }

  private async period(scope: AnalyticsScope, p: DayPeriod, managerId: string | null): Promise<FunnelPeriodDto> {
    const em = this.reads.manager();
    const ids = scope.managerIds;
    const b = { from: p.fromAt, to: p.toAt };
    const totals = await q.cohortTotals(em, ids, b, managerId);
    const reach = await q.stageReach(em, ids, b, managerId);
    const times = new Map((await q.timeInStage(em, ids, b, managerId)).map((r) => [r.stage_id, r]));
    const reasons = await q.lossReasons(em, ids, b, managerId);
    const competitors = await competitorLosses(em, ids, b, managerId);
    return {
      from: p.from,
      to: p.to,
      created: totals.created,
      createdAmount: totals.created_amount,
      won: totals.won,
      wonAmount: totals.won_amount,
      lost: totals.lost,
      conversion: percentOfCount(totals.won, totals.created),
      stages: reach.map((s, i) => {
        const next = reach[i + 1]?.reached ?? totals.won;
        const time = times.get(s.id);
        return {
          stageId: s.id,
          code: s.code,
          name: s.name,
          reached: s.reached,
          toNext: percentOfCount(next, s.reached),
          toWon: percentOfCount(totals.won, s.reached),
          dropped: s.dropped,
          droppedAmount: s.dropped_amount,
          stays: time?.stays ?? 0,
          medianDays: days(time?.median_days),
          p90Days: days(time?.p90_days),
        };
      }),
      lossReasons: reasons.map((r) => ({ id: r.id, name: r.name, count: r.count, amount: r.amount })),
      competitors: competitors.map((r) => ({ id: r.id, name: r.name, count: r.count, amount: r.amount })),
    };
  }
}
