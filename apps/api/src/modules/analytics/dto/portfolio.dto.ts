import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

export class PortfolioQueryDto {
  @ApiPropertyOptional({ description: 'Part of the client name' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(100) region?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this manager’s clients (must be in the caller’s scope)' }) @IsOptional() @IsUUID() managerId?: string;
  @ApiPropertyOptional({ description: 'Only clients who have paid' }) @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean() buyersOnly?: boolean;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}

export class PortfolioRowDto {
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ format: 'uuid' }) managerId: string;
  @ApiProperty() managerName: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'First payment (or first deal won)' }) firstPurchase: string | null;
  @ApiProperty({ description: 'Deals won' }) purchases: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Average days between purchases (two or more)' }) daysBetweenPurchases: number | null;
  @ApiProperty({ type: [String], description: 'Product groups bought, the biggest first' }) buys: string[];
  @ApiProperty({ type: String, nullable: true, example: '150000.00', description: 'Won amount / purchases' }) averageCheck: string | null;
  @ApiProperty({ example: '300000.00', description: 'Paid in total' }) paid: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Days from the first contact to the first payment' }) ripeningDays: number | null;
}

export class PortfolioPageDto {
  @ApiProperty({ type: [PortfolioRowDto] }) items: PortfolioRowDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
  @ApiProperty({ description: 'all | department | own' }) scope: string;
}
