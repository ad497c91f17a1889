import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsDay } from '../../../common/validation/dates';
import { EQUIPMENT_STATUSES, type EquipmentStatus } from '../entities/equipment-unit.entity';
import { Trim } from './common.dto';

export class EquipmentUnitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ description: 'The model name (catalogue)' }) model: string;
  @ApiProperty() sku: string;
  @ApiProperty() serialNumber: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ type: String, nullable: true }) siteAddress: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) installedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) warrantyUntil: string | null;
  @ApiProperty({ description: 'Warranty still running today' }) underWarranty: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) serviceContractId: string | null;
  @ApiProperty({ type: String, nullable: true }) serviceContractNumber: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) installationJobId: string | null;
  @ApiProperty({ enum: EQUIPMENT_STATUSES, enumName: 'EquipmentStatus' }) status: EquipmentStatus;
  @ApiProperty() version: number;
}

export class EquipmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Serial number, or its beginning (case-insensitive)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(64)
  serial?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() serviceContractId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Units put into the registry by this installation job' }) @IsOptional() @IsUUID() installationJobId?: string;
  @ApiPropertyOptional({ enum: EQUIPMENT_STATUSES, enumName: 'EquipmentStatus' }) @IsOptional() @IsIn(EQUIPMENT_STATUSES) status?: EquipmentStatus;
}

export class CreateEquipmentDto {
  @ApiProperty({ format: 'uuid', description: 'The model (catalogue product)' }) @IsUUID() productId: string;
  @ApiProperty() @Trim() @IsString() @MinLength(1) @MaxLength(64) @Matches(/^\S(.*\S)?$/) serialNumber: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() clientId: string;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MaxLength(500) siteAddress?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() installedOn?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDay() warrantyUntil?: string;
}

export class UpdateEquipmentDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(64) serialNumber?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @Trim() @IsString() @MaxLength(500) siteAddress?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsDay() warrantyUntil?: string | null;
  @ApiPropertyOptional({ enum: EQUIPMENT_STATUSES, enumName: 'EquipmentStatus' }) @IsOptional() @IsIn(EQUIPMENT_STATUSES) status?: EquipmentStatus;
}

export const HISTORY_KINDS = ['installation', 'visit', 'request'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export class EquipmentHistoryEntryDto {
  @ApiProperty({ enum: HISTORY_KINDS, enumName: 'EquipmentHistoryKind', description: 'Complaints join when the quality module lands' }) kind: HistoryKind;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ description: 'Status of the record (done, planned, missed, open…)' }) status: string;
  @ApiProperty({ description: 'What happened: work done, the request’s words' }) summary: string;
}

