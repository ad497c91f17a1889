import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDay } from '../../../common/validation/dates';

export class DashboardQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'The day (Moscow); today when omitted' })
  @IsOptional()
  @IsDay()
  date?: string;
}

/** A figure beside the same figure of the previous period (money as decimal strings, counts as numbers in strings). */
export class ComparedMoneyDto {
  @ApiProperty({ example: '125000.00' }) value: string;
  @ApiProperty({ example: '98000.00' }) previous: string;
}

export class ComparedCountDto {
  @ApiProperty() value: number;
  @ApiProperty() previous: number;
}

export class RevenueVsPlanDto {
  @ApiProperty({ example: '1250000.00', description: 'Received from the first of the month to the day' }) actual: string;
  @ApiProperty({ example: '3000000.00', description: 'Sum of the monthly plans in scope' }) plan: string;
  @ApiProperty({ type: Number, nullable: true, description: 'actual / plan in %, one decimal; null without a plan' }) percent: number | null;
}

export class DashboardKpisDto {
  @ApiProperty({ type: ComparedMoneyDto, description: 'Payments received on the day vs the day before' }) revenueToday: ComparedMoneyDto;
  @ApiProperty({ type: ComparedMoneyDto, description: 'Month to date vs the same days of the previous month' }) revenueMonth: ComparedMoneyDto;
  @ApiProperty({ type: ComparedCountDto, description: 'Deals created, month to date vs the same days of the previous month' }) newDeals: ComparedCountDto;
  @ApiProperty({ type: ComparedCountDto, description: 'Deals won, month to date vs the same days of the previous month' }) wonDeals: ComparedCountDto;
  @ApiProperty({ type: ComparedMoneyDto, description: 'Amount of the deals won, month to date vs the previous month' }) wonAmount: ComparedMoneyDto;
  @ApiProperty({ description: 'Open deals now' }) openDeals: number;
  @ApiProperty({ example: '5400000.00' }) openAmount: string;
  @ApiProperty({ example: '2100000.00', description: 'Open deals weighted by their probability' }) weightedAmount: string;
}

export class ExpectedSalesRowDto {
  @ApiProperty({ type: String, nullable: true, example: '2026-12', description: 'Expected close month; null when the deal has no date' }) month: string | null;
  @ApiProperty() deals: number;
  @ApiProperty({ example: '900000.00' }) amount: string;
  @ApiProperty({ example: '450000.00' }) weighted: string;
}

export class StageRowDto {
  @ApiProperty({ format: 'uuid' }) stageId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() probability: number;
  @ApiProperty() deals: number;
  @ApiProperty({ example: '300000.00' }) amount: string;
}

export class ContactsRowDto {
  @ApiProperty({ format: 'uuid' }) employeeId: string;
  @ApiProperty() employeeName: string;
  @ApiProperty({ description: 'Tasks done on the day' }) done: number;
  @ApiProperty({ description: 'Planned and past due' }) overdue: number;
  @ApiProperty({ description: 'Still planned for the rest of the day' }) planned: number;
}

export class OverdueInvoiceDto {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty() number: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ example: '15000.00' }) outstanding: string;
  @ApiProperty() daysOverdue: number;
}

export class OverdueInvoicesDto {
  @ApiProperty() count: number;
  @ApiProperty({ example: '150000.00' }) outstanding: string;
  @ApiProperty({ type: [OverdueInvoiceDto], description: 'The oldest ones (up to 20)' }) items: OverdueInvoiceDto[];
}

export class ProblemComplaintDto {
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty() number: number;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ description: 'Days in processing: received → answered, or → now while unanswered' }) processingDays: number;
  @ApiProperty({ description: 'Working days to the deadline; negative once breached' }) workingDaysLeft: number;
  @ApiProperty({ type: String, nullable: true, description: 'The decision given, if any' }) decision: string | null;
}

export class ComplaintsSectionDto {
  @ApiProperty({ description: 'False when the user may not read complaints' }) available: boolean;
  @ApiProperty({ description: 'Open complaints in scope' }) total: number;
  @ApiProperty({ type: [ProblemComplaintDto], description: 'The open ones nearest to (or past) their deadline' }) items: ProblemComplaintDto[];
}

export class InstallationAtRiskDto {
  @ApiProperty({ format: 'uuid' }) installationId: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ type: String, nullable: true }) dealTitle: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadline: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'Past the deadline or slipped' }) late: boolean;
  @ApiProperty({ type: String, nullable: true }) slipReason: string | null;
}

export class InstallationsSectionDto {
  @ApiProperty({ description: 'False when the user may not read installations' }) available: boolean;
  @ApiProperty({ type: [InstallationAtRiskDto], description: 'Late or slipped, then open ones due within 5 days' }) items: InstallationAtRiskDto[];
}

/**
 * Which sections show the state now instead of the state on `date`: true only when the
 * asked day is not today and the data keeps no history to rebuild that section as of it.
 */
export class DashboardCurrentStateDto {
  @ApiProperty({ description: 'Open deals KPIs (count, sum, weighted): deals keep no history of their amount and probability' }) openDeals: boolean;
  @ApiProperty({ description: 'Expected sales: the expected close date keeps no history' }) expectedSales: boolean;
  @ApiProperty({ description: 'Open deals per stage: counted from the deals as they are now' }) stages: boolean;
  @ApiProperty({ description: 'Overdue invoices: false for a past day (rebuilt from the payments received by then); true for a future day' }) overdueInvoices: boolean;
  @ApiProperty({ description: 'Problem complaints (the quality module’s current list)' }) complaints: boolean;
  @ApiProperty({ description: 'Installations at risk (the service module’s current list)' }) installationsAtRisk: boolean;
}

export class DashboardDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: '2026-12', description: 'The month of the day' }) month: string;
  @ApiProperty({ description: 'all | department | own: whose figures these are' }) scope: string;
  @ApiProperty({ type: DashboardKpisDto }) kpis: DashboardKpisDto;
  @ApiProperty({ type: RevenueVsPlanDto }) revenueVsPlan: RevenueVsPlanDto;
  @ApiProperty({ type: [ExpectedSalesRowDto] }) expectedSales: ExpectedSalesRowDto[];
  @ApiProperty({ type: [StageRowDto] }) stages: StageRowDto[];
  @ApiProperty({ type: [ContactsRowDto] }) contacts: ContactsRowDto[];
  @ApiProperty({ type: OverdueInvoicesDto }) overdueInvoices: OverdueInvoicesDto;
  @ApiProperty({ type: ComplaintsSectionDto, description: 'Problem complaints with processing time and decisions (quality module)' }) complaints: ComplaintsSectionDto;
  @ApiProperty({ type: InstallationsSectionDto, description: 'Installations at risk of their deadline (service module)' }) installationsAtRisk: InstallationsSectionDto;
  @ApiProperty({
    type: DashboardCurrentStateDto,
    description: 'Per section: true when it shows the state now, not on `date` (all false for today). Revenue, plan, new and won deals, contacts and (for a past day) overdue invoices always follow `date`.',
  })
  currentState: DashboardCurrentStateDto;
}
