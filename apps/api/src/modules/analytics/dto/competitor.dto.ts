import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TEXT = 5000;

export class CompetitorListQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ description: 'Include archived competitors' }) @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean() all?: boolean;
}

export class CreateCompetitorDto {
  @ApiProperty({ example: 'ООО «ТехноСервис»' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Their prices, as known' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(TEXT) prices?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(TEXT) assortment?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(TEXT) specialConditions?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(TEXT) marketingActivities?: string | null;
}

export class UpdateCompetitorDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(TEXT) prices?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(TEXT) assortment?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(TEXT) specialConditions?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(TEXT) marketingActivities?: string | null;
  @ApiPropertyOptional({ description: 'false archives it: no longer offered when a deal is lost' }) @IsOptional() @IsBoolean() isActive?: boolean;
}

export class CompetitorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) prices: string | null;
  @ApiProperty({ type: String, nullable: true }) assortment: string | null;
  @ApiProperty({ type: String, nullable: true }) specialConditions: string | null;
  @ApiProperty({ type: String, nullable: true }) marketingActivities: string | null;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ description: 'Deals lost to them, all time, in the caller’s scope' }) lostDeals: number;
  @ApiProperty({ example: '250000.00', description: 'Sum of those deals' }) lostAmount: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}
