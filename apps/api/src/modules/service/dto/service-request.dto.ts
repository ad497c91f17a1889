import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsDay, IsInstant } from '../../../common/validation/dates';
import { REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_STATUSES, type RequestChannel, type RequestKind, type RequestStatus } from '../entities/service-request.entity';
import { toBool, Trim } from './common.dto';

export class ServiceRequestDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) equipmentUnitId: string | null;
  @ApiProperty({ type: String, nullable: true }) unitLabel: string | null;
  @ApiProperty({ enum: REQUEST_KINDS, enumName: 'ServiceRequestKind' }) kind: RequestKind;
  @ApiProperty({ enum: REQUEST_CHANNELS, enumName: 'ServiceRequestChannel' }) channel: RequestChannel;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date-time', description: 'Response deadline: working hours from receipt (production calendar)' }) respondBy: string;
  @ApiProperty({ description: 'Open past its response deadline' }) overdue: boolean;
  @ApiProperty({ enum: REQUEST_STATUSES, enumName: 'ServiceRequestStatus' }) status: RequestStatus;
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) serviceVisitId: string | null;
  @ApiProperty() version: number;
}

export class ServiceRequestListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() equipmentUnitId?: string;
  @ApiPropertyOptional({ enum: REQUEST_STATUSES, enumName: 'ServiceRequestStatus' }) @IsOptional() @IsIn(REQUEST_STATUSES) status?: RequestStatus;
  @ApiPropertyOptional({ enum: REQUEST_KINDS, enumName: 'ServiceRequestKind' }) @IsOptional() @IsIn(REQUEST_KINDS) kind?: RequestKind;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() overdue?: boolean;
}

export class CreateServiceRequestDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() clientId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsUUID() equipmentUnitId?: string | null;
  @ApiProperty({ enum: REQUEST_KINDS, enumName: 'ServiceRequestKind' }) @IsIn(REQUEST_KINDS) kind: RequestKind;
  @ApiProperty({ enum: REQUEST_CHANNELS, enumName: 'ServiceRequestChannel' }) @IsIn(REQUEST_CHANNELS) channel: RequestChannel;
  @ApiProperty() @Trim() @IsString() @MinLength(1) @MaxLength(5000) description: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now' }) @IsOptional() @IsInstant() receivedAt?: string;
}

export class ResolveServiceRequestDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ description: 'What was advised or done' }) @Trim() @IsString() @MinLength(1) @MaxLength(5000) outcome: string;
}

export class EscalateServiceRequestDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ format: 'date', description: 'The day of the visit' }) @IsDay() plannedOn: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsUUID('all', { each: true }) engineerIds?: string[];
}
