import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Client imports run from the work queue: progress and the uploaded file live in the
 * database. Imports left running by a process that died before this are failed.
 */
export class ImportProgress1764000000002 implements MigrationInterface {
  name = 'ImportProgress1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "client_imports" ADD "phase" character varying(10) NOT NULL DEFAULT 'done'`);
    await q.query(`ALTER TABLE "client_imports" ADD "processed_rows" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "client_imports" ADD "confirm_duplicates" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "client_imports" ADD "file" bytea`);
    await q.query(
      `UPDATE "client_imports" SET status = 'failed', finished_at = now(),
              report = coalesce(report, '{}'::jsonb) || '{"failureReason": "The import was interrupted (the server stopped): nothing was imported"}'::jsonb
        WHERE status = 'running'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "client_imports" DROP COLUMN "file"`);
    await q.query(`ALTER TABLE "client_imports" DROP COLUMN "confirm_duplicates"`);
    await q.query(`ALTER TABLE "client_imports" DROP COLUMN "processed_rows"`);
    await q.query(`ALTER TABLE "client_imports" DROP COLUMN "phase"`);
  }
}
