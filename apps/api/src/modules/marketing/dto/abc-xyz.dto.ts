import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto, toWholeNumber } from '../../../common/pagination/page.dto';
import { IsDay } from '../../../common/validation/dates';

export const ABC = ['A', 'B', 'C'] as const;
export const XYZ = ['X', 'Y', 'Z'] as const;

export class AbcXyzQueryDto {
  @ApiProperty({ format: 'date' }) @IsDay() from: string;
  @ApiProperty({ format: 'date' }) @IsDay() to: string;
  @ApiPropertyOptional({ type: 'integer', default: 80, description: 'Share of payments of class A, percent' }) @IsOptional() @Transform(toWholeNumber) @IsInt() @Min(1) @Max(98) a?: number;
  @ApiPropertyOptional({ type: 'integer', default: 15, description: 'Share of payments of class B, percent' }) @IsOptional() @Transform(toWholeNumber) @IsInt() @Min(1) @Max(98) b?: number;
  @ApiPropertyOptional({ type: 'integer', default: 10, description: 'Coefficient of variation up to which a client is X, percent' }) @IsOptional() @Transform(toWholeNumber) @IsInt() @Min(1) @Max(1000) x?: number;
  @ApiPropertyOptional({ type: 'integer', default: 25, description: 'Coefficient of variation up to which a client is Y, percent' }) @IsOptional() @Transform(toWholeNumber) @IsInt() @Min(1) @Max(1000) y?: number;
}

export class AbcXyzClientsQueryDto extends PageQueryDto {
  @ApiProperty({ format: 'date' }) @IsDay() from: string;
  @ApiProperty({ format: 'date' }) @IsDay() to: string;
  @ApiPropertyOptional({ enum: ABC }) @IsOptional() @IsIn(ABC) abc?: (typeof ABC)[number];
  @ApiPropertyOptional({ enum: XYZ }) @IsOptional() @IsIn(XYZ) xyz?: (typeof XYZ)[number];
  @ApiPropertyOptional({ type: 'integer', default: 80 }) @IsOptional() @Transform(toWholeNumber) @IsInt() @Min(1) @Max(98) a?: number;
  @ApiPropertyOptional({ type: 'integer', default: 15 }) @IsOptional() @Transform(toWholeNumber) @IsInt() @Min(1) @Max(98) b?: number;
  @ApiPropertyOptional({ type: 'integer', default: 10 }) @IsOptional() @Transform(toWholeNumber) @IsInt() @Min(1) @Max(1000) x?: number;
  @ApiPropertyOptional({ type: 'integer', default: 25 }) @IsOptional() @Transform(toWholeNumber) @IsInt() @Min(1) @Max(1000) y?: number;
}

export class AbcXyzCellDto {
  @ApiProperty({ enum: ABC }) abc: string;
  @ApiProperty({ enum: XYZ }) xyz: string;
  @ApiProperty() clients: number;
  @ApiProperty({ example: '1250000.00' }) payments: string;
}

export class AbcXyzDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty() months: number;
  @ApiProperty({ example: '5000000.00' }) totalPayments: string;
  @ApiProperty({ type: [AbcXyzCellDto], description: 'All nine cells, A-X first' }) cells: AbcXyzCellDto[];
  @ApiProperty({ description: 'True when only the clients in your scope count' }) scoped: boolean;
}

export class AbcXyzClientDto {
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty({ enum: ABC }) abc: string;
  @ApiProperty({ enum: XYZ }) xyz: string;
  @ApiProperty({ example: '350000.00' }) payments: string;
  @ApiProperty({ example: '12.50', description: 'Share of all payments, percent' }) sharePercent: string;
  @ApiProperty({ type: String, nullable: true, example: '18.30', description: 'Coefficient of variation of monthly payments, percent' }) variationPercent: string | null;
}
