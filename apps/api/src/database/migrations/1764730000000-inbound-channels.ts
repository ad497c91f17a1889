import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound channels, second step: the acquisition channel of website leads, and the calls
 * the telephony reported (one row per provider call id, so a repeated webhook is stored once).
 */
export class InboundChannels1764730000000 implements MigrationInterface {
  name = 'InboundChannels1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "inbound_settings" ADD "lead_channel_id" uuid`);
    await q.query(
      `CREATE TABLE "inbound_calls" ("id" uuid NOT NULL, "provider" character varying(32) NOT NULL, "external_id" character varying(200) NOT NULL, "direction" character varying(16) NOT NULL, "missed" boolean NOT NULL, "phone" character varying(32) NOT NULL, "client_id" uuid, "duration_seconds" integer NOT NULL, "recording_url" character varying(2000), "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "task_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_inbound_calls" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "inbound_calls_external_uq" ON "inbound_calls" ("provider", "external_id") `);
    await q.query(`CREATE INDEX "inbound_calls_client_idx" ON "inbound_calls" ("client_id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "inbound_calls"`);
    await q.query(`ALTER TABLE "inbound_settings" DROP COLUMN "lead_channel_id"`);
  }
}
