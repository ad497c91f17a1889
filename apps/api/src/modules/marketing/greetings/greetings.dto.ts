import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAILING_PURPOSES, type MailingPurpose } from '../dto/mailings.dto';

export const GREETING_KINDS = ['birthday', 'holiday'] as const;
export type GreetingKind = (typeof GREETING_KINDS)[number];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class GreetingOccasionDto {
  @ApiProperty({ example: 'womens_day' }) code: string;
  @ApiProperty({ enum: GREETING_KINDS, enumName: 'GreetingKind' }) kind: GreetingKind;
  @ApiProperty({ example: 'Международный женский день' }) name: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Month of a holiday (1–12); null for birthdays' }) month: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Day of the month of a holiday; null for birthdays' }) day: number | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ description: 'A date on a weekend or public holiday is greeted on the first working day after it' }) shiftToWorkingDay: boolean;
  @ApiProperty({ enum: MAILING_PURPOSES, enumName: 'MailingPurpose', description: 'information (a greeting without an offer) goes to everyone not suppressed; advertising only to contacts with consent' })
  purpose: MailingPurpose;
  @ApiProperty() subject: string;
  @ApiProperty() bodyHtml: string;
  @ApiProperty() bodyText: string;
  @ApiProperty() version: number;
}

class GreetingTemplateFields {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shiftToWorkingDay?: boolean;
  @ApiPropertyOptional({ enum: MAILING_PURPOSES, enumName: 'MailingPurpose' }) @IsOptional() @IsIn(MAILING_PURPOSES) purpose?: MailingPurpose;
}

export class CreateGreetingHolidayDto extends GreetingTemplateFields {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty({ minimum: 1, maximum: 12 }) @IsInt() @Min(1) @Max(12) month: number;
  @ApiProperty({ minimum: 1, maximum: 31 }) @IsInt() @Min(1) @Max(31) day: number;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(300) subject: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200_000) bodyHtml: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100_000) bodyText: string;
}

export class UpdateGreetingOccasionDto extends GreetingTemplateFields {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 12, description: 'Holidays only' }) @IsOptional() @IsInt() @Min(1) @Max(12) month?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 31, description: 'Holidays only' }) @IsOptional() @IsInt() @Min(1) @Max(31) day?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(300) subject?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200_000) bodyHtml?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100_000) bodyText?: string;
  @ApiProperty() @IsInt() @Min(1) version: number;
}
