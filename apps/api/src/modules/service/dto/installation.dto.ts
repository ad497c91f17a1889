import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsDay } from '../../../common/validation/dates';
import { INSTALLATION_STATUSES, SLIP_CODES, type InstallationStatus, type SlipCode } from '../entities/installation-job.entity';
import { EngineerRefDto, toBool, Trim } from './common.dto';

export class InstallationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty({ type: String, nullable: true }) dealTitle: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) contractId: string | null;
  @ApiProperty({ type: String, nullable: true }) contractNumber: string | null;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ type: String, nullable: true }) clientAddress: string | null;
  @ApiProperty({ format: 'uuid', description: 'The client’s responsible manager (who handed the deal over)' }) managerId: string;
  @ApiProperty() managerName: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The contract’s installation deadline' }) deadline: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'When the engineers go (starts as the deadline)' }) plannedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) handedOverOn: string | null;
  @ApiProperty({ description: 'Handed over fewer working days before the deadline than the company rule (SERVICE_HANDOVER_MIN_WORKING_DAYS)' })
  lateHandover: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Working days between the hand-over and the deadline' }) handoverWorkingDays: number | null;
  @ApiProperty({ description: 'Finished after the deadline, or still open with the deadline past' }) late: boolean;
  @ApiProperty({ enum: INSTALLATION_STATUSES, enumName: 'InstallationStatus' }) status: InstallationStatus;
  @ApiProperty({ type: [EngineerRefDto] }) engineers: EngineerRefDto[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) startedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) finishedOn: string | null;
  @ApiProperty({ enum: SLIP_CODES, enumName: 'SlipCode', nullable: true }) slipCode: SlipCode | null;
  @ApiProperty({ type: String, nullable: true }) slipReason: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ description: 'Units this job put into the equipment registry' }) unitsInstalled: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class InstallationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ enum: INSTALLATION_STATUSES, enumName: 'InstallationStatus' }) @IsOptional() @IsIn(INSTALLATION_STATUSES) status?: InstallationStatus;
  @ApiPropertyOptional({ description: 'Only jobs late or slipped' }) @IsOptional() @Transform(toBool) @IsBoolean() late?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'Jobs of this engineer' }) @IsOptional() @IsUUID() engineerId?: string;
}

export class UpdateInstallationDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() plannedOn?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Service engineers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  engineerIds?: string[];
}

export class StartInstallationDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today' }) @IsOptional() @IsDay() startedOn?: string;
}

export class InstalledUnitDto {
  @ApiProperty({ format: 'uuid', description: 'The model (catalogue product)' }) @IsUUID() productId: string;
  @ApiProperty({ example: 'AR-2026-0001' }) @Trim() @IsString() @MinLength(1) @MaxLength(64) @Matches(/^\S(.*\S)?$/) serialNumber: string;
  @ApiPropertyOptional({ description: 'Defaults to the client’s address' }) @IsOptional() @Trim() @IsString() @MaxLength(500) siteAddress?: string;
  @ApiPropertyOptional({ description: 'Warranty in months from the installation day (default 12)', minimum: 0, maximum: 120 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  warrantyMonths?: number;
}

export class FinishInstallationDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today' }) @IsOptional() @IsDay() finishedOn?: string;
  @ApiProperty({ type: [InstalledUnitDto], description: 'The units installed: they enter the equipment registry' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InstalledUnitDto)
  units: InstalledUnitDto[];
  @ApiPropertyOptional({ enum: SLIP_CODES, enumName: 'SlipCode', description: 'Required when finished after the deadline' })
  @IsOptional()
  @IsIn(SLIP_CODES)
  slipCode?: SlipCode;
  @ApiPropertyOptional({ description: 'Required with slipCode `other`' })
  @ValidateIf((o: FinishInstallationDto) => o.slipReason !== undefined)
  @Trim()
  @IsString()
  @MaxLength(2000)
  slipReason?: string;
}

export class CancelInstallationDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty() @Trim() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}
