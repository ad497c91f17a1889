import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class MonthQueryDto {
  @ApiPropertyOptional({ example: '2026-12', description: 'The month (Moscow); the current one when omitted' })
  @IsOptional()
  @Matches(/^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/, { message: 'month must be a month like 2026-12' })
  month?: string;
}

export class CountAmountDto {
  @ApiProperty() count: number;
  @ApiProperty({ example: '150000.00' }) amount: string;
}

export class MoneyVsPlanDto {
  @ApiProperty({ example: '120000.00' }) actual: string;
  @ApiProperty({ type: String, nullable: true, example: '400000.00', description: 'null without a plan for the month' }) plan: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '% of plan, one decimal' }) percent: number | null;
}

export class CountVsPlanDto {
  @ApiProperty() actual: number;
  @ApiProperty({ type: Number, nullable: true }) plan: number | null;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
}

export class ShareDto {
  @ApiProperty({ description: 'The part (e.g. won deals, reasoned refusals)' }) part: number;
  @ApiProperty({ description: 'The whole (e.g. deals decided, deals lost)' }) of: number;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
}

export class LateProjectsDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: [String], description: 'Reasons given for the slips' }) reasons: string[];
}

/** The 11 KPIs of seed 004 («Green Wave»), in its order. */
export class ManagerKpisDto {
  @ApiProperty({ type: MoneyVsPlanDto, description: '1. Plan achievement: payments received vs the revenue plan' }) planAchievement: MoneyVsPlanDto;
  @ApiProperty({ type: CountVsPlanDto, description: '2. Projects per month: deals won vs the won-deals plan' }) projects: CountVsPlanDto;
  @ApiProperty({ type: Number, nullable: true, description: '3. Average order processing time, days from deal created to won' }) avgProcessingDays: number | null;
  @ApiProperty({ type: ShareDto, description: '4. Positive decisions: won among the deals decided (won + lost) in the month' }) positiveDecisions: ShareDto;
  @ApiProperty({ type: ShareDto, description: '5. Reasoned refusals: losses with a reason and an explanation among all losses' }) reasonedRefusals: ShareDto;
  @ApiProperty({ type: CountVsPlanDto, description: '6. Calls done vs plan' }) calls: CountVsPlanDto;
  @ApiProperty({ type: CountVsPlanDto, description: '7. Meetings done vs plan' }) meetings: CountVsPlanDto;
  @ApiProperty({ description: '8. Cross-sales: won deals with more than one product group or a group new to the client' }) crossSales: number;
  @ApiProperty({ type: CountAmountDto, description: '9. Unpaid invoices issued by the month’s end' }) unpaidInvoices: CountAmountDto;
  @ApiProperty({ type: CountAmountDto, description: '10. Payments overdue more than 5 days' }) overduePayments: CountAmountDto;
  @ApiProperty({ type: LateProjectsDto, description: '11. Projects handed over late (installation deadline in the month missed), with reasons' }) lateProjects: LateProjectsDto;
}

export class ManagerMonthRowDto {
  @ApiProperty({ format: 'uuid' }) managerId: string;
  @ApiProperty() managerName: string;
  @ApiProperty({ type: CountAmountDto, description: 'New interests: deals created in the month' }) newInterests: CountAmountDto;
  @ApiProperty({ type: CountAmountDto, description: 'Commercial proposals issued in the month' }) proposals: CountAmountDto;
  @ApiProperty({ type: CountAmountDto, description: 'Deals won in the month' }) won: CountAmountDto;
  @ApiProperty({ type: ManagerKpisDto }) kpis: ManagerKpisDto;
}

export class ManagersMonthlyDto {
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ description: 'all | department | own' }) scope: string;
  @ApiProperty({ type: [ManagerMonthRowDto] }) rows: ManagerMonthRowDto[];
  @ApiProperty({ type: ManagerMonthRowDto, description: 'The rows added up (managerId empty)' }) total: ManagerMonthRowDto;
}
