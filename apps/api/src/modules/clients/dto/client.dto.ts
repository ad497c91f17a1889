import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { IsInn, IsKpp, IsOgrn, IsPhone } from '../../../common/validation/russian-ids';
import { CLIENT_KINDS, CLIENT_STATUSES, type ClientKind, type ClientStatus } from '../entities/client.entity';
import { IsDay } from '../../../common/validation/dates';

/** A non-negative RUB amount with at most two decimals, as a string. */
export const MONEY_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];
export const XYZ_CLASSES = ['X', 'Y', 'Z'] as const;
export type XyzClass = (typeof XYZ_CLASSES)[number];

const toArray = ({ value }: { value: unknown }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

export class ClientDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CLIENT_KINDS, enumName: 'ClientKind' }) kind: ClientKind;
  @ApiProperty({ example: 'ООО «Продукты у дома»' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '7707083893' }) inn: string | null;
  @ApiProperty({ type: String, nullable: true }) kpp: string | null;
  @ApiProperty({ type: String, nullable: true }) ogrn: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) industryId: string | null;
  @ApiProperty({ type: String, nullable: true }) industryName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) activityKindId: string | null;
  @ApiProperty({ type: String, nullable: true }) activityKindName: string | null;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: Number, nullable: true }) headcount: number | null;
  @ApiProperty({ type: String, nullable: true, example: '48500000.00', description: 'RUB, decimal string' }) annualRevenue: string | null;
  @ApiProperty({ enum: CLIENT_STATUSES, enumName: 'ClientStatus' }) status: ClientStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) channelId: string | null;
  @ApiProperty({ type: String, nullable: true }) channelName: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'uuid' }) managerId: string;
  @ApiProperty({ type: String, nullable: true }) managerName: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) birthday: string | null;
  @ApiProperty({ type: [String] }) phones: string[];
  @ApiProperty({ type: [String] }) emails: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

/** Attribute filters shared by the client list, export and dynamic segments. */
export class ClientFilterDto {
  @ApiPropertyOptional({ enum: CLIENT_STATUSES, isArray: true, enumName: 'ClientStatus' })
  @IsOptional()
  @Transform(toArray)
  @IsIn(CLIENT_STATUSES, { each: true })
  status?: ClientStatus[];

  @ApiPropertyOptional({ enum: CLIENT_KINDS, enumName: 'ClientKind' })
  @IsOptional()
  @IsIn(CLIENT_KINDS)
  kind?: ClientKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Responsible manager' })
  @IsOptional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  industryId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  activityKindId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Acquisition channel' })
  @IsOptional()
  @IsUUID()
  channelId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({ description: 'Clients having this tag' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Created on or after this day' })
  @IsOptional()
  @IsDay()
  createdFrom?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Created on or before this day' })
  @IsOptional()
  @IsDay()
  createdTo?: string;

  @ApiPropertyOptional({ enum: ABC_CLASSES, isArray: true, enumName: 'AbcClass', description: 'Current ABC class (nightly, by payments over the last 12 months)' })
  @IsOptional()
  @Transform(toArray)
  @IsIn(ABC_CLASSES, { each: true })
  abcClass?: AbcClass[];

  @ApiPropertyOptional({ enum: XYZ_CLASSES, isArray: true, enumName: 'XyzClass', description: 'Current XYZ class (nightly, by the variation of monthly payments)' })
  @IsOptional()
  @Transform(toArray)
  @IsIn(XYZ_CLASSES, { each: true })
  xyzClass?: XyzClass[];
}

export const CLIENT_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'status', '-status', 'city', '-city', 'annualRevenue', '-annualRevenue'] as const;

export class ClientListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Name (word forms, prefixes), INN, phone in any format, contact names. A text search reads at most 200 matches (CLIENT_SEARCH_CAP): ' +
      'beyond that the answer has `totalIsEstimate` and `totalLowerBound`, and its pages are the rank order of the matches read ' +
      '(the first ones the index returns, not the best of all matches); a more specific text reaches the rest',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CLIENT_STATUSES, isArray: true, enumName: 'ClientStatus' })
  @IsOptional()
  @Transform(toArray)
  @IsIn(CLIENT_STATUSES, { each: true })
  status?: ClientStatus[];

  @ApiPropertyOptional({ enum: CLIENT_KINDS, enumName: 'ClientKind' })
  @IsOptional()
  @IsIn(CLIENT_KINDS)
  kind?: ClientKind;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() managerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() industryId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() activityKindId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() channelId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Members of this segment' }) @IsOptional() @IsUUID() segmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) tag?: string;
  @ApiPropertyOptional({ type: String, format: 'date' }) @IsOptional() @IsDay() createdFrom?: string;
  @ApiPropertyOptional({ type: String, format: 'date' }) @IsOptional() @IsDay() createdTo?: string;

  @ApiPropertyOptional({ enum: ABC_CLASSES, isArray: true, enumName: 'AbcClass', description: 'Current ABC class (nightly, by payments over the last 12 months)' })
  @IsOptional()
  @Transform(toArray)
  @IsIn(ABC_CLASSES, { each: true })
  abcClass?: AbcClass[];

  @ApiPropertyOptional({ enum: XYZ_CLASSES, isArray: true, enumName: 'XyzClass', description: 'Current XYZ class (nightly, by the variation of monthly payments)' })
  @IsOptional()
  @Transform(toArray)
  @IsIn(XYZ_CLASSES, { each: true })
  xyzClass?: XyzClass[];

  @ApiPropertyOptional({ description: 'Include archived clients' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ enum: CLIENT_SORTS, default: 'name', description: 'With `q`, results are ranked by relevance first' })
  @IsOptional()
  @IsIn(CLIENT_SORTS)
  sort?: (typeof CLIENT_SORTS)[number];

  @ApiPropertyOptional({
    description: 'Keyset pagination: the `nextCursor` of the previous answer (then `page` is ignored). For sort name, -name, createdAt, -createdAt without `q`: deep pages cost as little as the first',
  })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;
}

export class ClientExportQueryDto extends PickType(ClientListQueryDto, [
  'q', 'status', 'kind', 'managerId', 'industryId', 'activityKindId', 'channelId', 'segmentId', 'region', 'city', 'tag', 'createdFrom', 'createdTo', 'abcClass', 'xyzClass', 'archived', 'sort',
] as const) {
  @ApiProperty({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format: 'xlsx' | 'csv' = 'xlsx';
}

export class CreateClientDto {
  @ApiProperty({ enum: CLIENT_KINDS, enumName: 'ClientKind' })
  @IsIn(CLIENT_KINDS)
  kind: ClientKind;

  @ApiProperty({ example: 'ООО «Продукты у дома»' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: '10 digits (organisation) or 12 (individual / ИП), check digits validated' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsInn()
  inn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsKpp()
  kpp?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsOgrn()
  ogrn?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() industryId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() activityKindId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() channelId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(100) region?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(100) city?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(500) address?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  headcount?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '48500000.00', description: 'RUB, decimal string with up to 2 decimals' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(MONEY_PATTERN, { message: 'annualRevenue must be a non-negative amount like 1234567.89' })
  annualRevenue?: string | null;

  @ApiPropertyOptional({ enum: CLIENT_STATUSES, enumName: 'ClientStatus', default: 'cold' })
  @IsOptional()
  @IsIn(CLIENT_STATUSES)
  status?: ClientStatus;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Responsible manager; defaults to you (a sales manager) and is required for others' })
  @IsOptional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Individuals only' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDay()
  birthday?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['+7 (495) 123-45-67'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsPhone({ each: true, message: 'each value in phones must be a phone number' })
  phones?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true, message: 'each value in emails must be an e-mail address' })
  emails?: string[];

  @ApiPropertyOptional({ description: 'Create even if a possible duplicate exists (sales head, director, admin)' })
  @IsOptional()
  @IsBoolean()
  confirmDuplicate?: boolean;
}

export class UpdateClientDto extends PartialType(PickType(CreateClientDto, [
  'kind', 'name', 'inn', 'kpp', 'ogrn', 'industryId', 'activityKindId', 'channelId', 'region', 'city', 'address', 'headcount', 'annualRevenue', 'status', 'tags', 'birthday', 'phones', 'emails',
] as const)) {
  @ApiProperty({ description: 'The version you read' })
  @IsInt()
  @Min(1)
  version: number;
}

export class DuplicateMatchDto {
  @ApiProperty({ enum: ['inn', 'phone', 'email', 'similar_name'] })
  reason: 'inn' | 'phone' | 'email' | 'similar_name';

  @ApiProperty({ description: 'False when the match belongs to another manager: its data is not shown' })
  accessible: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clientId: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: String, nullable: true }) inn: string | null;
}

export class DuplicateConflictDto {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty({ example: 'duplicate_client' }) code: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: [DuplicateMatchDto] }) matches: DuplicateMatchDto[];
}

export class ReassignClientDto {
  @ApiProperty({ format: 'uuid', description: 'The new responsible manager' })
  @IsUUID()
  managerId: string;

  @ApiProperty({ example: 'Перераспределение по территориям' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class BulkReassignDto extends ReassignClientDto {
  @ApiPropertyOptional({ type: [String], description: 'These clients…' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  clientIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: '…or every client of this manager' })
  @IsOptional()
  @IsUUID()
  fromManagerId?: string;
}

export class BulkReassignResultDto {
  @ApiProperty() moved: number;
}

