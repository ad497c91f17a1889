import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved segments belong to their owner (SPEC "Roles and access"); `shared` shows one to
 * everyone read-only. Existing segments stay private: before this change nobody chose to
 * publish them. The index serves "mine or shared" in the segment list.
 */
export class SegmentSharing1764300000000 implements MigrationInterface {
  name = 'SegmentSharing1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "segments" ADD "shared" boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX "segments_owner_idx" ON "segments" ("owner_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "segments_owner_idx"`);
    await q.query(`ALTER TABLE "segments" DROP COLUMN "shared"`);
  }
}
