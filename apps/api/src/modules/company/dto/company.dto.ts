import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VAT_RATES, type VatRate } from '@polar/money';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsInn, IsKpp, IsOgrn, IsPhone } from '../../../common/validation/russian-ids';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/** A logo small enough to live in the row and in every printed page: PNG or JPEG up to ~300 KB. */
const LOGO_PATTERN = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;
export const LOGO_MAX_CHARS = 400_000;

export class CompanyProfileDto {
  @ApiProperty({ description: 'False until an admin has filled the requisites in; print forms then say so' }) configured: boolean;
  @ApiProperty({ example: 'Общество с ограниченной ответственностью «Лидер»' }) fullName: string;
  @ApiProperty({ example: 'ООО «Лидер»' }) shortName: string;
  @ApiProperty({ example: '7701234567' }) inn: string;
  @ApiProperty({ type: String, nullable: true }) kpp: string | null;
  @ApiProperty({ type: String, nullable: true }) ogrn: string | null;
  @ApiProperty() legalAddress: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) bankName: string | null;
  @ApiProperty({ type: String, nullable: true }) bik: string | null;
  @ApiProperty({ type: String, nullable: true }) correspondentAccount: string | null;
  @ApiProperty({ type: String, nullable: true }) settlementAccount: string | null;
  @ApiProperty({ example: 'Генеральный директор' }) directorTitle: string;
  @ApiProperty({ type: String, nullable: true }) directorName: string | null;
  @ApiProperty({ type: String, nullable: true }) accountantName: string | null;
  @ApiProperty({ enum: VAT_RATES, enumName: 'VatRate', description: 'VAT contained in every amount (the CRM keeps what the client pays), or none («Без НДС»)' }) vatRate: VatRate;
  @ApiProperty({ type: String, nullable: true, description: 'data:image/png|jpeg;base64,…' }) logo: string | null;
  @ApiProperty({ description: '0 before the first save' }) version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class UpdateCompanyProfileDto {
  @ApiProperty({ description: 'The version read (0 for the first save); a stale one is 409' })
  @IsInt()
  @Min(0)
  version: number;

  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) fullName: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(150) shortName: string;

  @ApiProperty({ description: '10 digits (organisation) or 12 (ИП), check digits validated' })
  @Transform(trim)
  @IsInn()
  inn: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required for an organisation (10-digit INN)' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsKpp()
  kpp?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'OGRN (13 digits) for an organisation, OGRNIP (15) for an ИП' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @IsOgrn()
  ogrn?: string | null;

  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(500) legalAddress: string;

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @ValidateIf((_, v) => v !== null) @IsPhone() @MaxLength(30) phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @ValidateIf((_, v) => v !== null) @IsEmail() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(300) bankName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'БИК: 9 digits starting with 04' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @Matches(/^04\d{7}$/, { message: 'bik must be 9 digits starting with 04' })
  bik?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: '20 digits, checked against the BIK' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @Matches(/^\d{20}$/, { message: 'correspondentAccount must be 20 digits' })
  correspondentAccount?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: '20 digits, checked against the BIK' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_, v) => v !== null)
  @Matches(/^\d{20}$/, { message: 'settlementAccount must be 20 digits' })
  settlementAccount?: string | null;

  @ApiPropertyOptional({ description: 'Kept as it was when left out; «Генеральный директор» at first' }) @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(100) directorTitle?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(150) directorName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trimOrNull) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(150) accountantName?: string | null;

  @ApiProperty({ enum: VAT_RATES, enumName: 'VatRate' })
  @IsIn(VAT_RATES, { message: `vatRate must be one of ${VAT_RATES.join(', ')}` })
  vatRate: VatRate;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'PNG or JPEG as a data: URL, up to ~300 KB' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(LOGO_MAX_CHARS, { message: 'logo must be an image of at most 300 KB' })
  @Matches(LOGO_PATTERN, { message: 'logo must be a PNG or JPEG image (data:image/png;base64,…)' })
  logo?: string | null;
}
