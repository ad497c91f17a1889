import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Job runs carry a lease: a run whose instance died is claimed again once the lease
 * expires, instead of staying `running` forever. Manual runs wait as `queued` for a worker.
 */
export class JobLeases1764000000000 implements MigrationInterface {
  name = 'JobLeases1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "job_runs" ADD "lease_expires_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "job_runs" ADD "lease_token" uuid`);
    await q.query(`ALTER TABLE "job_runs" ADD "attempts" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "job_runs" DROP CONSTRAINT "job_runs_status_check"`);
    await q.query(`ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_status_check" CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'skipped'))`);
    // Runs left `running` by a killed instance before leases existed: expired at once.
    await q.query(`UPDATE "job_runs" SET "lease_expires_at" = now(), "attempts" = 1 WHERE status = 'running'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "job_runs" SET status = 'failed', error = 'Queued when leases were removed' WHERE status = 'queued'`);
    await q.query(`ALTER TABLE "job_runs" DROP CONSTRAINT "job_runs_status_check"`);
    await q.query(`ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_status_check" CHECK (status IN ('running', 'succeeded', 'failed', 'skipped'))`);
    await q.query(`ALTER TABLE "job_runs" DROP COLUMN "attempts"`);
    await q.query(`ALTER TABLE "job_runs" DROP COLUMN "lease_token"`);
    await q.query(`ALTER TABLE "job_runs" DROP COLUMN "lease_expires_at"`);
  }
}
