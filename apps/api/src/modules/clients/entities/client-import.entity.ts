import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ClientImportStatus = 'running' | 'succeeded' | 'failed';

/**
 * One import of a client spreadsheet (dry run or real), with its progress and final
 * report. The work runs from the work queue (`clients.import`), so progress lives here,
 * where a poll on any instance sees it; the uploaded file is kept until the work ends.
 */
@Entity('client_imports')
export class ClientImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  status: ClientImportStatus;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun: boolean;

  @Column({ name: 'file_name', type: 'varchar', length: 300 })
  fileName: string;

  /** What it is doing now: queued, reading, checking, writing, done. */
  @Column({ type: 'varchar', length: 10, default: 'done' })
  phase: string;

  @Column({ name: 'processed_rows', type: 'int', default: 0 })
  processedRows: number;

  @Column({ name: 'confirm_duplicates', type: 'boolean', default: false })
  confirmDuplicates: boolean;

  /** The uploaded file, until the import has finished. */
  @Column({ type: 'bytea', nullable: true, select: false })
  file: Buffer | null;

  @Column({ name: 'total_rows', type: 'int', default: 0 })
  totalRows: number;

  @Column({ name: 'created_rows', type: 'int', default: 0 })
  createdRows: number;

  /** Row errors and duplicates found (see ImportReportDto). */
  @Column({ type: 'jsonb', nullable: true })
  report: Record<string, unknown> | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
