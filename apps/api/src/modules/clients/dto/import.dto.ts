import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

export class ImportRowErrorDto {
  @ApiProperty({ description: 'Spreadsheet row number (the header is row 1)' }) row: number;
  @ApiProperty() field: string;
  @ApiProperty() message: string;
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
  @ApiProperty({ type: String, nullable: true, description: 'Why the import failed, in one sentence' }) failureReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}
