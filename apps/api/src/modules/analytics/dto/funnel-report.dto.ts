import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsDay } from '../../../common/validation/dates';

/** A span of Moscow days, both ends included; the current month to today when omitted. */
export class PeriodQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'First day (Moscow), inclusive' }) @IsOptional() @IsDay() from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Last day (Moscow), inclusive' }) @IsOptional() @IsDay() to?: string;
}

export class FunnelQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this manager’s deals (must be in the caller’s scope)' }) @IsOptional() @IsUUID() managerId?: string;
}

export class FunnelStageDto {
  @ApiProperty({ format: 'uuid' }) stageId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Deals of the cohort that reached this stage (or went further)' }) reached: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Reached the next open stage among those that reached this one, %; for the last open stage: won' }) toNext: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Won among those that reached this stage, %' }) toWon: number | null;
  @ApiProperty({ description: 'Lost with this stage as the furthest they got: where clients drop out' }) dropped: number;
  @ApiProperty({ example: '120000.00' }) droppedAmount: string;
  @ApiProperty({ description: 'Stays in the stage that ended in the period' }) stays: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median time in the stage, days (one decimal)' }) medianDays: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '90th percentile of the time in the stage, days' }) p90Days: number | null;
}

export class LossGroupDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: not given' }) id: string | null;
  @ApiProperty() name: string;
  @ApiProperty() count: number;
  @ApiProperty({ example: '80000.00' }) amount: string;
}

export class FunnelPeriodDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ description: 'Deals created in the period (the cohort)' }) created: number;
  @ApiProperty({ example: '900000.00' }) createdAmount: string;
  @ApiProperty({ description: 'Of them won by now' }) won: number;
  @ApiProperty({ example: '300000.00' }) wonAmount: string;
  @ApiProperty({ description: 'Of them lost by now' }) lost: number;
  @ApiProperty({ type: Number, nullable: true, description: 'won / created, %' }) conversion: number | null;
  @ApiProperty({ type: [FunnelStageDto] }) stages: FunnelStageDto[];
  @ApiProperty({ type: [LossGroupDto], description: 'Deals lost in the period by loss reason' }) lossReasons: LossGroupDto[];
  @ApiProperty({ type: [LossGroupDto], description: 'Deals lost in the period by the competitor they went to (id null: not named)' }) competitors: LossGroupDto[];
}

export class FunnelReportDto {
  @ApiProperty({ description: 'all | department | own' }) scope: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) managerId: string | null;
  @ApiProperty({ type: String, nullable: true }) managerName: string | null;
  @ApiProperty({ type: FunnelPeriodDto }) current: FunnelPeriodDto;
  @ApiProperty({ type: FunnelPeriodDto, description: 'The same length of days right before' }) previous: FunnelPeriodDto;
}
