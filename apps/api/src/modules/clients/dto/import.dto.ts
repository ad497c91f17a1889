import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DuplicateMatchDto } from './client.dto';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

/** Multipart fields sent with the file. */
export class StartImportDto {
  @ApiPropertyOptional({ default: true, description: 'Only check: report errors and duplicates, write nothing' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Import rows that look like duplicates anyway (sales head, director, admin)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  confirmDuplicates?: boolean;
}

export class ImportUploadDto extends StartImportDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV (; or ,, UTF-8 or Windows-1251) or XLSX, first row = headers' })
  file: unknown;
}

/**
 * Why a row cannot be imported, as a stable code (clients show their own text for it;
 * `message` keeps the English sentence for integrators). `invalid` is a field that fails
 * the same checks as the create form.
 */
export const IMPORT_ROW_ERROR_CODES = ['invalid', 'not_in_list', 'not_a_manager', 'manager_required', 'manager_not_allowed', 'individual_inn'] as const;
export type ImportRowErrorCode = (typeof IMPORT_ROW_ERROR_CODES)[number];

/** Why a whole import failed, as a stable code (the English sentence stays in `failureReason`). */
export const IMPORT_FAILURE_CODES = ['no_name_column', 'too_many_rows', 'no_rows', 'row_errors', 'duplicates', 'unreadable', 'interrupted', 'failed'] as const;
export type ImportFailureCode = (typeof IMPORT_FAILURE_CODES)[number];

/** The values a code's text is built from (e.g. `{ value }`, `{ total, max }`, `{ count }`). */
export type ImportParams = Record<string, string | number>;

const PARAMS_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  description: 'The values the text of the code is built from',
  example: { value: 'Пекарни' },
};

export class ImportRowErrorDto {
  @ApiProperty({ description: 'Spreadsheet row number (the header is row 1)' }) row: number;
  @ApiProperty() field: string;
  @ApiProperty({ enum: IMPORT_ROW_ERROR_CODES, enumName: 'ImportRowErrorCode' }) code: ImportRowErrorCode;
  @ApiProperty(PARAMS_SCHEMA) params: ImportParams;
  @ApiProperty({ description: 'The error in English (for integrators; clients show their text for `code`)' }) message: string;
}

export class ImportFailureDto {
  @ApiProperty({ enum: IMPORT_FAILURE_CODES, enumName: 'ImportFailureCode' }) code: ImportFailureCode;
  @ApiProperty(PARAMS_SCHEMA) params: ImportParams;
}

export class ImportDuplicateDto {
  @ApiProperty() row: number;
  @ApiProperty({ type: Number, nullable: true, description: 'An earlier row of the same file it repeats' }) sameAsRow: number | null;
  @ApiProperty({ type: DuplicateMatchDto, nullable: true, description: 'The existing client it matches' }) match: DuplicateMatchDto | null;
}

export class ImportReportDto {
  @ApiProperty({ type: [String], description: 'Headers that were recognised' }) recognisedColumns: string[];
  @ApiProperty({ type: [String], description: 'Headers that were ignored' }) ignoredColumns: string[];
  @ApiProperty({ description: 'Rows that would be (or were) imported' }) validRows: number;
  @ApiProperty({ type: [ImportRowErrorDto] }) errors: ImportRowErrorDto[];
  @ApiProperty({ type: [ImportDuplicateDto] }) duplicates: ImportDuplicateDto[];
}

export class ClientImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] }) status: 'running' | 'succeeded' | 'failed';
  @ApiProperty({ enum: ['queued', 'reading', 'checking', 'writing', 'done'], description: 'What it is doing now' }) phase: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty() fileName: string;
  @ApiProperty() totalRows: number;
  @ApiProperty({ description: 'Rows handled so far in the current phase' }) processedRows: number;
  @ApiProperty() createdRows: number;
  @ApiProperty({ type: ImportReportDto, nullable: true }) report: ImportReportDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the import failed, in one English sentence (for integrators)' }) failureReason: string | null;
  @ApiProperty({ type: ImportFailureDto, nullable: true, description: 'Why the import failed, as a stable code with its values' }) failure: ImportFailureDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}
