import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const DAY_KIND_VALUES = ['working', 'short', 'day_off'] as const;
export type DayKindValue = (typeof DAY_KIND_VALUES)[number];

const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

export class CalendarDayDto {
  @ApiProperty({ format: 'date', example: '2027-11-13' }) date: string;
  @ApiProperty({ enum: DAY_KIND_VALUES, enumName: 'CalendarDayKind', description: 'What the day is now, overrides included' }) kind: DayKindValue;
  @ApiProperty({ enum: DAY_KIND_VALUES, enumName: 'CalendarDayKind', description: 'What the shipped production calendar says' }) shippedKind: DayKindValue;
  @ApiProperty({ description: 'True when an admin set this day over the shipped data' }) overridden: boolean;
}

export class CalendarOverrideDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: DAY_KIND_VALUES, enumName: 'CalendarDayKind' }) kind: DayKindValue;
  @ApiProperty({ enum: DAY_KIND_VALUES, enumName: 'CalendarDayKind' }) shippedKind: DayKindValue;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) updatedById: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CalendarYearDto {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ description: 'True while the shipped year is not based on a signed government decree' }) provisional: boolean;
  @ApiProperty({ description: 'Where the shipped data comes from (the decree)' }) source: string;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ description: 'Working days in the year, overrides included' }) workingDays: number;
  @ApiProperty({ type: [CalendarDayDto], description: 'Every day of the year' }) days: CalendarDayDto[];
  @ApiProperty({ type: [CalendarOverrideDto] }) overrides: CalendarOverrideDto[];
}

export class CalendarYearsDto {
  @ApiProperty({ type: [Number], example: [2024, 2025, 2026, 2027] }) years: number[];
  @ApiProperty({ type: [Number], example: [2027], description: 'Years whose shipped data is provisional' }) provisionalYears: number[];
}

export class SetCalendarDayDto {
  @ApiProperty({ enum: DAY_KIND_VALUES, enumName: 'CalendarDayKind', description: 'working, short (a working day one hour shorter) or day_off' })
  @IsIn(DAY_KIND_VALUES, { message: 'kind must be one of working, short, day_off' })
  kind: DayKindValue;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Постановление Правительства РФ о переносе выходных дней в 2027 году' })
  @IsOptional()
  @Transform(trimOrNull)
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}
