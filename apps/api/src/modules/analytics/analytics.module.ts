import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsScopeService } from './analytics-scope';
import { DashboardService } from './dashboard.service';

/**
 * Analytics reads every module and nothing depends on it. It reads other modules'
 * tables only through read-only SQL kept in `queries/` (one file per report, listing
 * the tables it reads) and never writes to them.
 */
@Module({
  controllers: [AnalyticsController],
  providers: [AnalyticsScopeService, DashboardService],
})
export class AnalyticsModule {}
