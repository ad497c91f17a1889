import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Matches, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsDay } from '../../../common/validation/dates';
import { AMOUNT } from '../../funnel/dto/funnel.dto';
import { SERVICE_CONTRACT_STATUSES, VISIT_FREQUENCIES, type ServiceContractStatus, type VisitFrequency } from '../entities/service-contract.entity';
import { EngineerRefDto } from './common.dto';

export class ServiceContractDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'СО-2026-00014', description: 'Given by the CRM on creation: gap-free per year' }) number: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ enum: VISIT_FREQUENCIES, enumName: 'VisitFrequency' }) frequency: VisitFrequency;
  @ApiProperty({ example: '120000.00', description: 'RUB for the period, decimal string' }) price: string;
  @ApiProperty({ enum: SERVICE_CONTRACT_STATUSES, enumName: 'ServiceContractStatus' }) status: ServiceContractStatus;
  @ApiProperty({ type: EngineerRefDto, nullable: true }) engineer: EngineerRefDto | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Units covered' }) unitIds: string[];
  @ApiProperty({ description: 'Planned visits not yet reported' }) plannedVisits: number;
  @ApiProperty({ description: 'Ends within the renewal window (SERVICE_RENEWAL_DAYS_BEFORE)' }) endingSoon: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) renewalRequestedAt: string | null;
  @ApiProperty() version: number;
}

export class ServiceContractListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ enum: SERVICE_CONTRACT_STATUSES, enumName: 'ServiceContractStatus' }) @IsOptional() @IsIn(SERVICE_CONTRACT_STATUSES) status?: ServiceContractStatus;
}

export class CreateServiceContractDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() clientId: string;
  @ApiProperty({ format: 'date' }) @IsDay() startsOn: string;
  @ApiProperty({ format: 'date' }) @IsDay() endsOn: string;
  @ApiProperty({ enum: VISIT_FREQUENCIES, enumName: 'VisitFrequency' }) @IsIn(VISIT_FREQUENCIES) frequency: VisitFrequency;
  @ApiProperty({ example: '120000.00' }) @Matches(AMOUNT, { message: 'price must be a positive amount like 1234.56' }) price: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsUUID() engineerId?: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Units of the client covered' }) @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) unitIds: string[];
}

export class UpdateServiceContractDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() startsOn?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() endsOn?: string;
  @ApiPropertyOptional({ enum: VISIT_FREQUENCIES, enumName: 'VisitFrequency' }) @IsOptional() @IsIn(VISIT_FREQUENCIES) frequency?: VisitFrequency;
  @ApiPropertyOptional({ example: '120000.00' }) @IsOptional() @Matches(AMOUNT, { message: 'price must be a positive amount like 1234.56' }) price?: string;
  @ApiPropertyOptional({ enum: SERVICE_CONTRACT_STATUSES, enumName: 'ServiceContractStatus' }) @IsOptional() @IsIn(SERVICE_CONTRACT_STATUSES) status?: ServiceContractStatus;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsUUID() engineerId?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) unitIds?: string[];
}
