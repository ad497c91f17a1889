import { Injectable } from '@nestjs/common';
import { moscowToday, periodDates, type PeriodUnit } from '@polar/business-time';
import { fromKopecks, toKopecks } from '@polar/money';
import { ReadRouting } from '../../common/replica';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { AnalyticsScopeService } from './analytics-scope';
import { scopeLabel } from './dashboard.service';
import type { SalesQueryDto, SalesReportDto } from './dto/sales-report.dto';
import { askedPeriod, previousPeriod } from './period';
import * as q from './queries/sales.sql';
import { percentOfCount, percentOfMoney } from './report-math';

/** The same day a year earlier (29.02 → 28.02). */
export function yearEarlier(day: string): string {
  const y = `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
  return day.slice(5) === '02-29' ? `${y.slice(0, 4)}-02-28` : y;
}

/** Exact kopecks divided by a count, rounded half up to a kopeck. */
function divide(amount: string, n: number): string | null {
  if (n === 0) return null;
  const k = toKopecks(amount);
  const abs = k < 0n ? -k : k;
  const rounded = (abs * 2n + BigInt(n)) / (2n * BigInt(n));
  return fromKopecks(k < 0n ? -rounded : rounded);
}

/** (value − base) / base in %, one decimal; null without a base. */
function change(value: string, base: string): number | null {
  const b = toKopecks(base);
  if (b === 0n) return null;
  return Number(((toKopecks(value) - b) * 1000n) / b) / 10;
}

const countChange = (v: number, b: number) => (b === 0 ? null : Math.round(((v - b) * 1000) / b) / 10);

/** The 15 indicators of seed 004 for a span of days, stepped by day/week/month/quarter/year. */
@Injectable()
export class SalesReportService {
  constructor(
    private readonly reads: ReadRouting,
    private readonly scopes: AnalyticsScopeService,
    private readonly clock: Clock,
  ) {}

  async report(user: AuthenticatedUser, query: SalesQueryDto): Promise<SalesReportDto> {
    const unit: PeriodUnit = query.period ?? 'month';
    const today = moscowToday(this.clock.now());
    const current = query.from || query.to ? askedPeriod(this.clock.now(), query.from, query.to) : askedPeriod(this.clock.now(), periodDates(today, unit).first, periodDates(today, unit).last);
    const prev = previousPeriod(current);
    const ly = { from: yearEarlier(current.from), to: yearEarlier(current.to) };
    const scope = await this.scopes.of(user);
    const ids = scope.managerIds;
    // One transaction so that JIT can be switched off for these statements: each reads a
    // range of summary rows, and at 1M clients compiling them cost more than running them
    // (the year's won totals 133 → 57 ms).
    const { now, before, lastYear, series, groupsNow, groupsBefore, groupsLy, products, channels, mix } = await this.reads.manager().transaction(async (em) => {
      await em.query(`SET LOCAL jit = off`);
      return {
        now: await q.totals(em, ids, current.from, current.to),
        before: await q.totals(em, ids, prev.from, prev.to),
        lastYear: await q.totals(em, ids, ly.from, ly.to),
        series: await q.buckets(em, ids, unit, current.from, current.to),
        groupsNow: await q.linesBy(em, ids, current.from, current.to, 'group'),
        groupsBefore: await q.linesBy(em, ids, prev.from, prev.to, 'group'),
        groupsLy: await q.linesBy(em, ids, ly.from, ly.to, 'group'),
        products: await q.linesBy(em, ids, current.from, current.to, 'product'),
        channels: await q.channels(em, ids, current.from, current.to),
        mix: await q.clientMix(em, ids, current.from, current.to, prev.from),
      };
    });

    const shareOf = (rows: Array<{ id: string; amount: string }>) => {
      const total = rows.reduce((s, r) => s + toKopecks(r.amount), 0n);
      const amounts = new Map(rows.map((r) => [r.id, r.amount]));
      return (id: string) => (total === 0n ? null : percentOfMoney(amounts.get(id) ?? '0', fromKopecks(total)));
    };
    const shareNow = shareOf(groupsNow);
    const shareBefore = shareOf(groupsBefore);
    const shareLy = shareOf(groupsLy);
    const groupIds = new Map<string, string>();
    for (const g of [...groupsNow, ...groupsBefore, ...groupsLy]) if (!groupIds.has(g.id)) groupIds.set(g.id, g.name);

    const avg = (t: { wonAmount: string; orders: number }) => divide(t.wonAmount, t.orders) ?? '0.00';
    const steps = series.map((b) => ({ bucket: b.bucket, volume: b.volume, orders: b.orders, averageCheck: divide(b.won_amount, b.orders) }));
    const withOrders = steps.filter((s) => s.averageCheck !== null);
    const firstCheck = withOrders[0]?.averageCheck;
    const lastCheck = withOrders[withOrders.length - 1]?.averageCheck;

    return {
      scope: scopeLabel(user, scope),
      period: unit,
      current: { from: current.from, to: current.to },
      previous: { from: prev.from, to: prev.to },
      lastYear: ly,
      volume: { value: now.volume, previous: before.volume, lastYear: lastYear.volume, vsPrevious: change(now.volume, before.volume), vsLastYear: change(now.volume, lastYear.volume) },
      orders: { value: now.orders, previous: before.orders, lastYear: lastYear.orders, vsPrevious: countChange(now.orders, before.orders), vsLastYear: countChange(now.orders, lastYear.orders) },
      averageCheck: {
        value: avg(now),
        previous: avg(before),
        lastYear: avg(lastYear),
        vsPrevious: before.orders && now.orders ? change(avg(now), avg(before)) : null,
        vsLastYear: lastYear.orders && now.orders ? change(avg(now), avg(lastYear)) : null,
      },
      profit: now.profit,
      profitPerDeal: divide(now.profit, now.orders),
      averageCheckChange: firstCheck && lastCheck && withOrders.length > 1 ? change(lastCheck, firstCheck) : null,
      repeatOrders: now.repeatOrders,
      repeatPercent: percentOfCount(now.repeatOrders, now.orders),
      series: steps,
      groups: [...groupIds].map(([id, name]) => ({
        id,
        name,
        amount: groupsNow.find((g) => g.id === id)?.amount ?? '0.00',
        share: shareNow(id),
        previousShare: shareBefore(id),
        lastYearShare: shareLy(id),
      })),
      channels: channels.map((c) => ({ id: c.id, name: c.name, created: c.created, won: c.won, conversion: percentOfCount(c.won, c.created), wonAmount: c.won_amount })),
      clients: {
        active: mix.active,
        newClients: { count: mix.new_clients, share: percentOfCount(mix.new_clients, mix.active) },
        regular: { count: mix.regular, share: percentOfCount(mix.regular, mix.active) },
        lost: { count: mix.lost, share: percentOfCount(mix.lost, mix.active_before) },
        fromNew: mix.from_new,
        fromOld: mix.from_old,
      },
      products: products.map((p) => ({ id: p.id, sku: p.sku ?? '', name: p.name, groupName: p.group_name ?? '', quantity: p.quantity, amount: p.amount, profit: p.profit, deals: p.deals })),
    };
  }
}
