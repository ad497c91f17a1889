import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { ApiErrors } from '../../common/errors/api-errors.decorator';
import { ReadsFromReplica } from '../../common/replica';
import { DashboardService } from './dashboard.service';
import { dashboardWorkbook } from './dashboard.xlsx';
import { DashboardDto, DashboardQueryDto } from './dto/dashboard.dto';
import { FunnelQueryDto, FunnelReportDto } from './dto/funnel-report.dto';
import { ManagersMonthlyDto, MonthQueryDto } from './dto/managers-monthly.dto';
import { FunnelReportService } from './funnel-report.service';
import { SalesQueryDto, SalesReportDto } from './dto/sales-report.dto';
import { SalesReportService } from './sales-report.service';
import { PortfolioPageDto, PortfolioQueryDto, type PortfolioRowDto } from './dto/portfolio.dto';
import { PortfolioService } from './portfolio.service';
import { portfolioWorkbook } from './portfolio.xlsx';
import { salesWorkbook } from './sales-report.xlsx';
import { funnelWorkbook } from './funnel-report.xlsx';
import { ManagersReportService } from './managers-report.service';
import { managersMonthlyWorkbook } from './managers-monthly.xlsx';
import { XLSX_MIME } from './xlsx';

function sendXlsx(res: Response, name: string, body: Buffer): void {
  res.setHeader('Content-Type', XLSX_MIME);
  res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
  res.send(body);
}

/**
 * Reports over every module, read-only; each figure counts only what the user's scope reaches.
 * Their reads may go to the streaming replica (DATABASE_REPLICA_URL), see ReadRouting.
 */
@ApiTags('analytics')
@Controller('analytics')
@ReadsFromReplica()
export class AnalyticsController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly managers: ManagersReportService,
    private readonly funnel: FunnelReportService,
    private readonly sales: SalesReportService,
    private readonly portfolio: PortfolioService,
  ) {}

  @Get('dashboard')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'The director’s day: revenue vs plan, expected sales, open deals per stage, contacts per employee, overdue invoices (a manager: own figures)' })
  @ApiOkResponse({ type: DashboardDto })
  dashboard(@Query() query: DashboardQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<DashboardDto> {
    return this.dashboards.dashboard(user, query.date);
  }

  @Get('dashboard.xlsx')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'The dashboard with the same filter as an XLSX workbook' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  async dashboardXlsx(@Query() query: DashboardQueryDto, @CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const d = await this.dashboards.dashboard(user, query.date);
    sendXlsx(res, `dashboard-${d.date}`, await dashboardWorkbook(d));
  }

  @Get('managers/monthly')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'Per manager for a month: new interests, proposals and the 11 KPIs against the plan (a manager: own row)' })
  @ApiOkResponse({ type: ManagersMonthlyDto })
  managersMonthly(@Query() query: MonthQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<ManagersMonthlyDto> {
    return this.managers.monthly(user, query.month);
  }

  @Get('managers/monthly.xlsx')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'The monthly manager report with the same filter as an XLSX workbook' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  async managersMonthlyXlsx(@Query() query: MonthQueryDto, @CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const r = await this.managers.monthly(user, query.month);
    sendXlsx(res, `managers-${r.month}`, await managersMonthlyWorkbook(r));
  }

  @Get('funnel')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'Funnel for deals created in the period: conversion stage to stage and to won, median and p90 time in stage, losses by reason and competitor, beside the previous period' })
  @ApiOkResponse({ type: FunnelReportDto })
  @ApiErrors({ 404: [] })
  funnelReport(@Query() query: FunnelQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<FunnelReportDto> {
    return this.funnel.report(user, query);
  }

  @Get('funnel.xlsx')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'The funnel report with the same filters as an XLSX workbook' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ 404: [] })
  async funnelXlsx(@Query() query: FunnelQueryDto, @CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const r = await this.funnel.report(user, query);
    sendXlsx(res, `funnel-${r.current.from}-${r.current.to}`, await funnelWorkbook(r));
  }

  @Get('sales')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'The 15 sales indicators (seed 004): volume vs the previous period and last year, group shares, orders, repeat sales, channel conversion, average check and profit, client mix, sales by product' })
  @ApiOkResponse({ type: SalesReportDto })
  salesReport(@Query() query: SalesQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<SalesReportDto> {
    return this.sales.report(user, query);
  }

  @Get('sales.xlsx')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'The sales report with the same filters as an XLSX workbook' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  async salesXlsx(@Query() query: SalesQueryDto, @CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const r = await this.sales.report(user, query);
    sendXlsx(res, `sales-${r.current.from}-${r.current.to}`, await salesWorkbook(r));
  }

  @Get('clients/portfolio')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'Client portfolio: first purchase, purchase frequency, what they buy, average check, ripening period, geography (keyset pages)' })
  @ApiOkResponse({ type: PortfolioPageDto })
  @ApiErrors({ 404: [] })
  portfolioPage(@Query() query: PortfolioQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<PortfolioPageDto> {
    return this.portfolio.page(user, query);
  }

  @Get('clients/portfolio.xlsx')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'The client portfolio with the same filters as an XLSX workbook (up to 20 000 clients)' })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ 404: [] })
  async portfolioXlsx(@Query() query: PortfolioQueryDto, @CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    const LIMIT = 20_000;
    const rows: PortfolioRowDto[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.portfolio.page(user, { ...query, cursor, pageSize: 200 });
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < LIMIT);
    const filters: Array<[string, string]> = [
      ['Поиск', query.q ?? '—'],
      ['Регион', query.region ?? 'все'],
      ['Город', query.city ?? 'все'],
      ['Только покупатели', query.buyersOnly ? 'да' : 'нет'],
    ];
    sendXlsx(res, 'portfolio', await portfolioWorkbook(rows, filters, !!cursor));
  }
}
