import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A catalogue product's cost price, for the profit per deal in the sales report (nullable: unknown for old products). */
export class ProductCostPrice1764740000001 implements MigrationInterface {
  name = 'ProductCostPrice1764740000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "products" ADD "cost_price" numeric(14,2)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "products" DROP COLUMN "cost_price"`);
  }
}
