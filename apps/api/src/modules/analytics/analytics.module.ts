import { Module, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/context/clock';
import { EventBus } from '../../common/events';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsScopeService } from './analytics-scope';
import { CompetitorsController } from './competitors.controller';
import { CompetitorsService } from './competitors.service';
import { DashboardService } from './dashboard.service';
import { FunnelReportService } from './funnel-report.service';
import { ManagersReportService } from './managers-report.service';
import { SalesReportService } from './sales-report.service';
import { PortfolioService } from './portfolio.service';
import { QualityModule } from '../quality/quality.module';
import { ServiceModule } from '../service/service.module';
import { UsersModule } from '../users/users.module';
import { DashboardModulesService } from './dashboard-modules';
import { AnalyticsTotalsService } from './analytics-totals';
import { SalesSummaryService } from './summaries/sales-summary';
import { UnpaidInvoicesSummaryService } from './summaries/unpaid-invoices';
import { FunnelSummaryService } from './summaries/funnel-summary';

/**
 * Analytics reads every module and nothing depends on it. It reads other modules'
 * tables only through read-only SQL kept in `queries/` (one file per report, listing
 * the tables it reads) and never writes to them. Its own tables: competitors and the
 * link of lost deals to them, kept by the funnel's `deal.lost` / `deal.reopened` events;
 * and the summary rows of AnalyticsTotalsService (revenue per day, open deals per stage and
 * expected month), SalesSummaryService (the sales report) and UnpaidInvoicesSummaryService
 * (the dashboard's overdue total), kept by the payment, deal, invoice and reassignment events;
 * the funnel's per-deal and per-stay rows (FunnelSummaryService), kept by the deal and
 * reassignment events.
 */
@Module({
  imports: [UsersModule, QualityModule, ServiceModule],
  controllers: [AnalyticsController, CompetitorsController],
  providers: [AnalyticsScopeService, DashboardModulesService, DashboardService, ManagersReportService, FunnelReportService, SalesReportService, PortfolioService, CompetitorsService, AnalyticsTotalsService, SalesSummaryService, UnpaidInvoicesSummaryService, FunnelSummaryService],
})
export class AnalyticsModule implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly competitors: CompetitorsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('deal.lost', (em, e) => this.competitors.recordLoss(em, e.payload, this.clock.now()), 'analytics.competitor-loss');
    this.bus.subscribe('deal.reopened', (em, e) => this.competitors.forgetLoss(em, e.payload.dealId), 'analytics.competitor-loss');
  }
}
