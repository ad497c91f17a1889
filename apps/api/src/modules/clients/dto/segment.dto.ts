import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page.dto';
import { SEGMENT_KINDS, type SegmentKind } from '../entities/segment.entity';
import { ClientFilterDto } from './client.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SegmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Активные павильоны Подмосковья' }) name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: SEGMENT_KINDS, enumName: 'SegmentKind' }) kind: SegmentKind;
  @ApiProperty({ type: ClientFilterDto, nullable: true, description: 'For dynamic segments' }) filter: ClientFilterDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ type: String, nullable: true }) ownerName: string | null;
  @ApiProperty({ description: 'Shown to everyone read-only; otherwise only its owner sees it' }) shared: boolean;
  @ApiProperty({ description: 'Whether you may change it (you own it)' }) editable: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Members you can see (your scope applies); counted when reading one segment, null in lists' })
  memberCount: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

export class SegmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: SEGMENT_KINDS, enumName: 'SegmentKind' }) @IsOptional() @IsIn(SEGMENT_KINDS) kind?: SegmentKind;
  @ApiPropertyOptional({ description: 'Only your own segments (true) or only those others shared (false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;
}

export class CreateSegmentDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ enum: SEGMENT_KINDS, enumName: 'SegmentKind' })
  @IsIn(SEGMENT_KINDS)
  kind: SegmentKind;

  @ApiPropertyOptional({ type: ClientFilterDto, description: 'Required for dynamic segments' })
  @ValidateIf((o: CreateSegmentDto) => o.kind === 'dynamic' || o.filter !== undefined)
  @ValidateNested()
  @Type(() => ClientFilterDto)
  filter?: ClientFilterDto;

  @ApiPropertyOptional({ description: 'Show it to everyone, read-only (default: only you)' })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Initial members of a static segment' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  clientIds?: string[];
}

export class UpdateSegmentDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2000) description?: string | null;

  @ApiPropertyOptional({ description: 'Show it to everyone, read-only' }) @IsOptional() @IsBoolean() shared?: boolean;

  @ApiPropertyOptional({ type: ClientFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientFilterDto)
  filter?: ClientFilterDto;
}

export class SegmentMembersDto {
  @ApiProperty({ type: [String], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  clientIds: string[];
}

export class SegmentMembersResultDto {
  @ApiProperty({ description: 'Members after the change (your scope applies)' }) memberCount: number;
}
