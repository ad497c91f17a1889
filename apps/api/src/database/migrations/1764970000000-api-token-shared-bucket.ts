import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An API token's rate-limit bucket moves from each process's memory into the token's
 * row, so that N API processes give a token its rate once, not N times. Null means a
 * full bucket (a token never used, or used before this migration).
 */
export class ApiTokenSharedBucket1764970000000 implements MigrationInterface {
  name = 'ApiTokenSharedBucket1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_tokens" ADD "bucket_tokens" double precision, ADD "bucket_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_tokens" DROP COLUMN "bucket_at", DROP COLUMN "bucket_tokens"`);
  }
}
