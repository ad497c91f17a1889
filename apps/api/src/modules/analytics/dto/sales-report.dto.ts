import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PERIOD_UNITS, type PeriodUnit } from '@polar/business-time';
import { PeriodQueryDto } from './funnel-report.dto';

export class SalesQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: PERIOD_UNITS, default: 'month', description: 'The step of the series; without from/to: the current one of these' })
  @IsOptional()
  @IsIn(PERIOD_UNITS as unknown as string[])
  period?: PeriodUnit;
}

export class SpanDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
}

/** A figure now, in the period before and in the same period a year earlier, with the changes in %. */
export class ComparedAmountDto {
  @ApiProperty({ example: '1250000.00' }) value: string;
  @ApiProperty({ example: '1000000.00' }) previous: string;
  @ApiProperty({ example: '900000.00' }) lastYear: string;
  @ApiProperty({ type: Number, nullable: true }) vsPrevious: number | null;
  @ApiProperty({ type: Number, nullable: true }) vsLastYear: number | null;
}

export class ComparedNumberDto {
  @ApiProperty() value: number;
  @ApiProperty() previous: number;
  @ApiProperty() lastYear: number;
  @ApiProperty({ type: Number, nullable: true }) vsPrevious: number | null;
  @ApiProperty({ type: Number, nullable: true }) vsLastYear: number | null;
}

export class SalesBucketDto {
  @ApiProperty({ format: 'date', description: 'First day of the step (day, ISO week, month, quarter, year)' }) bucket: string;
  @ApiProperty({ example: '150000.00' }) volume: string;
  @ApiProperty() orders: number;
  @ApiProperty({ type: String, nullable: true, example: '75000.00', description: 'Won amount / orders; null without orders' }) averageCheck: string | null;
}

export class GroupShareDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '300000.00' }) amount: string;
  @ApiProperty({ type: Number, nullable: true, description: '% of the lines sold in the period' }) share: number | null;
  @ApiProperty({ type: Number, nullable: true }) previousShare: number | null;
  @ApiProperty({ type: Number, nullable: true }) lastYearShare: number | null;
}

export class ProductSalesDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ example: '2.000' }) quantity: string;
  @ApiProperty({ example: '300000.00' }) amount: string;
  @ApiProperty({ example: '90000.00', description: 'Over the lines with a known cost price' }) profit: string;
  @ApiProperty() deals: number;
}

export class ChannelConversionDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: no channel given' }) id: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Deals created in the period' }) created: number;
  @ApiProperty({ description: 'Of them won by now' }) won: number;
  @ApiProperty({ type: Number, nullable: true }) conversion: number | null;
  @ApiProperty({ example: '300000.00' }) wonAmount: string;
}

export class ClientCountDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: Number, nullable: true, description: '% of the clients who paid in the period (lost: of those who paid in the period before)' }) share: number | null;
}

export class ClientMixDto {
  @ApiProperty({ description: 'Clients who paid in the period' }) active: number;
  @ApiProperty({ type: ClientCountDto, description: 'First payment ever in the period' }) newClients: ClientCountDto;
  @ApiProperty({ type: ClientCountDto, description: 'Paid in the period and before it' }) regular: ClientCountDto;
  @ApiProperty({ type: ClientCountDto, description: 'Paid in the period before, not in this one' }) lost: ClientCountDto;
  @ApiProperty({ example: '200000.00', description: 'Volume from new clients' }) fromNew: string;
  @ApiProperty({ example: '800000.00', description: 'Volume from old clients' }) fromOld: string;
}

export class SalesReportDto {
  @ApiProperty({ description: 'all | department | own' }) scope: string;
  @ApiProperty({ enum: PERIOD_UNITS }) period: string;
  @ApiProperty({ type: SpanDto }) current: SpanDto;
  @ApiProperty({ type: SpanDto, description: 'The same number of days right before' }) previous: SpanDto;
  @ApiProperty({ type: SpanDto, description: 'The same dates a year earlier' }) lastYear: SpanDto;
  @ApiProperty({ type: ComparedAmountDto, description: '1–3. Sales volume (payments received) against the previous period and last year' }) volume: ComparedAmountDto;
  @ApiProperty({ type: ComparedNumberDto, description: '5. Orders (deals won)' }) orders: ComparedNumberDto;
  @ApiProperty({ type: ComparedAmountDto, description: '8. Average check (won amount / orders)' }) averageCheck: ComparedAmountDto;
  @ApiProperty({ example: '90000.00', description: '8. Profit of the deals won (lines with a cost price)' }) profit: string;
  @ApiProperty({ type: String, nullable: true, example: '45000.00', description: '8. Profit per deal won' }) profitPerDeal: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '9. Change of the average check from the first step with orders to the last, %' }) averageCheckChange: number | null;
  @ApiProperty({ description: '6. Orders from clients who had won before' }) repeatOrders: number;
  @ApiProperty({ type: Number, nullable: true, description: '6. Repeat sales, % of orders' }) repeatPercent: number | null;
  @ApiProperty({ type: [SalesBucketDto], description: 'Volume, orders and average check per step' }) series: SalesBucketDto[];
  @ApiProperty({ type: [GroupShareDto], description: '4. Each product group’s share, now, before and last year' }) groups: GroupShareDto[];
  @ApiProperty({ type: [ChannelConversionDto], description: '7. Conversion by advertising channel' }) channels: ChannelConversionDto[];
  @ApiProperty({ type: ClientMixDto, description: '10–12, 14–15. New, regular and lost clients; volume from new and old' }) clients: ClientMixDto;
  @ApiProperty({ type: [ProductSalesDto], description: '13. Sales by product' }) products: ProductSalesDto[];
}
