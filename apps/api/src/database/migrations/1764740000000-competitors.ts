import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Competitors (analytics) and the link from a lost deal to the competitor it went to.
 * The link is a table of its own, not a column on `deals`, so the funnel's table stays
 * the funnel's: see DealCompetitorLoss.
 */
export class Competitors1764740000000 implements MigrationInterface {
  name = 'Competitors1764740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "competitors" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "name" character varying(200) NOT NULL,
      "prices" text,
      "assortment" text,
      "special_conditions" text,
      "marketing_activities" text,
      "is_active" boolean NOT NULL DEFAULT true,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "version" integer NOT NULL,
      CONSTRAINT "PK_competitors" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "competitors_name_key" ON "competitors" ("name")`);
    await q.query(`CREATE TABLE "deal_competitor_losses" (
      "deal_id" uuid NOT NULL,
      "competitor_id" uuid NOT NULL,
      "lost_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_deal_competitor_losses" PRIMARY KEY ("deal_id"),
      CONSTRAINT "FK_deal_competitor_losses_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_deal_competitor_losses_competitor" FOREIGN KEY ("competitor_id") REFERENCES "competitors"("id"))`);
    await q.query(`CREATE INDEX "deal_competitor_losses_competitor_idx" ON "deal_competitor_losses" ("competitor_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "deal_competitor_losses"`);
    await q.query(`DROP TABLE "competitors"`);
  }
}
