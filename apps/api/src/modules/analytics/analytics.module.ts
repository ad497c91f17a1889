import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsScopeService } from './analytics-scope';
import { DashboardService } from './dashboard.service';
import { ManagersReportService } from './managers-report.service';
import { UsersModule } from '../users/users.module';

/**
 * Analytics reads every module and nothing depends on it. It reads other modules'
 * tables only through read-only SQL kept in `queries/` (one file per report, listing
 * the tables it reads) and never writes to them.
 */
@Module({
  imports: [UsersModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsScopeService, DashboardService, ManagersReportService],
})
export class AnalyticsModule {}
