import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Production-calendar overrides set by admins, and the revision counter every instance polls. */
export class CalendarOverrides1764200000001 implements MigrationInterface {
  name = 'CalendarOverrides1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "calendar_overrides" ("date" date NOT NULL, "kind" character varying(8) NOT NULL, "reason" character varying(500), "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "calendar_overrides_kind_check" CHECK (kind IN ('working', 'short', 'day_off')), CONSTRAINT "PK_5da0adcfdcb3ce929cd0845d9a4" PRIMARY KEY ("date"))`,
    );
    await q.query(`CREATE TABLE "calendar_revision" ("id" smallint NOT NULL, "revision" bigint NOT NULL, CONSTRAINT "PK_3a9c6ab8fe977744716671e3d7c" PRIMARY KEY ("id"))`);
    await q.query(`INSERT INTO "calendar_revision" ("id", "revision") VALUES (1, 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "calendar_revision"`);
    await q.query(`DROP TABLE "calendar_overrides"`);
  }
}
