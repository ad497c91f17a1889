import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsDay } from '../../../common/validation/dates';
import { VISIT_STATUSES, type VisitStatus } from '../entities/service-visit.entity';
import { EngineerRefDto, toBool, Trim } from './common.dto';

export class PartUsedDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Catalogue product, if the part is in the catalogue' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID()
  productId?: string | null;
  @ApiProperty({ example: 'Реле давления' }) @Trim() @IsString() @MinLength(1) @MaxLength(300) description: string;
  @ApiProperty({ example: '1' }) @Matches(/^\d{1,9}(\.\d{1,3})?$/, { message: 'quantity must be a positive number with up to 3 decimals' }) quantity: string;
}

export class ServiceVisitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ type: String, nullable: true }) siteAddress: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) serviceContractId: string | null;
  @ApiProperty({ type: String, nullable: true }) serviceContractNumber: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) equipmentUnitId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Model and serial number of the unit' }) unitLabel: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) serviceRequestId: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodStart: string | null;
  @ApiProperty({ format: 'date' }) plannedOn: string;
  @ApiProperty({ enum: VISIT_STATUSES, enumName: 'VisitStatus' }) status: VisitStatus;
  @ApiProperty({ description: 'Planned, its day past, no report' }) overdue: boolean;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: [EngineerRefDto] }) engineers: EngineerRefDto[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) doneOn: string | null;
  @ApiProperty({ type: String, nullable: true }) workDone: string | null;
  @ApiProperty({ type: [PartUsedDto] }) partsUsed: PartUsedDto[];
  @ApiProperty({ type: String, nullable: true }) signatoryName: string | null;
  @ApiProperty() version: number;
}

export class ServiceVisitListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() serviceContractId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() equipmentUnitId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() engineerId?: string;
  @ApiPropertyOptional({ enum: VISIT_STATUSES, enumName: 'VisitStatus' }) @IsOptional() @IsIn(VISIT_STATUSES) status?: VisitStatus;
  @ApiPropertyOptional({ description: 'Only overdue visits' }) @IsOptional() @Transform(toBool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() from?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() to?: string;
}

export class CreateServiceVisitDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() clientId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsUUID() equipmentUnitId?: string | null;
  @ApiProperty({ format: 'date' }) @IsDay() plannedOn: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsUUID('all', { each: true }) engineerIds?: string[];
}

export const VISIT_OUTCOMES = ['done', 'missed', 'rescheduled'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** The engineer's report: done (work, parts, signatory), missed (reason) or rescheduled (reason, new day). */
export class ReportServiceVisitDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ enum: VISIT_OUTCOMES, enumName: 'VisitOutcome' }) @IsIn(VISIT_OUTCOMES) outcome: VisitOutcome;
  @ApiPropertyOptional({ format: 'date', description: 'Done: the day of the visit (default today)' }) @IsOptional() @IsDay() doneOn?: string;
  @ApiPropertyOptional({ description: 'Done: required' }) @ValidateIf((o: ReportServiceVisitDto) => o.outcome === 'done') @Trim() @IsString() @MinLength(1) @MaxLength(5000) workDone?: string;
  @ApiPropertyOptional({ type: [PartUsedDto] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PartUsedDto) partsUsed?: PartUsedDto[];
  @ApiPropertyOptional({ description: 'Done: the client’s person who signed' }) @ValidateIf((o: ReportServiceVisitDto) => o.outcome === 'done') @Trim() @IsString() @MinLength(1) @MaxLength(200) signatoryName?: string;
  @ApiPropertyOptional({ description: 'Missed / rescheduled: required' }) @ValidateIf((o: ReportServiceVisitDto) => o.outcome !== 'done') @Trim() @IsString() @MinLength(1) @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Rescheduled: the new day' }) @ValidateIf((o: ReportServiceVisitDto) => o.outcome === 'rescheduled') @IsDay() newDate?: string;
}

export class UpdateServiceVisitDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsUUID('all', { each: true }) engineerIds?: string[];
}

// ---------- engineers' calendar ----------
export class ServiceCalendarQueryDto {
  @ApiProperty({ format: 'date' }) @IsDay() from: string;
  @ApiProperty({ format: 'date' }) @IsDay() to: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() engineerId?: string;
}

export class ServiceCalendarItemDto {
  @ApiProperty({ enum: ['installation', 'visit'], enumName: 'CalendarItemKind' }) kind: 'installation' | 'visit';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty() status: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
}

export class ServiceCalendarDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() working: boolean;
  @ApiProperty({ type: [ServiceCalendarItemDto] }) items: ServiceCalendarItemDto[];
}

export class ServiceCalendarEngineerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'Jobs and visits in the range' }) load: number;
  @ApiProperty({ type: [ServiceCalendarDayDto] }) days: ServiceCalendarDayDto[];
}

export class ServiceCalendarDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [ServiceCalendarEngineerDto] }) engineers: ServiceCalendarEngineerDto[];
  @ApiProperty({ type: [ServiceCalendarItemDto], description: 'Work nobody is assigned to yet' }) unassigned: ServiceCalendarItemDto[];
}
