import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Survey results per equipment model (issue 13): a survey answer about an equipment unit
 * keeps the unit's model and label as they were, like a complaint does, so the results
 * group by model without the quality module reading the service registry's tables.
 */
export class SurveyResponseEquipment1764710000002 implements MigrationInterface {
  name = 'SurveyResponseEquipment1764710000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "survey_responses" ADD "equipment_product_id" uuid REFERENCES "products"("id")`);
    await q.query(`ALTER TABLE "survey_responses" ADD "equipment_label" varchar(300)`);
    await q.query(`
      UPDATE survey_responses r SET equipment_product_id = e.product_id, equipment_label = left(p.name || ' № ' || e.serial_number, 300)
        FROM equipment_units e JOIN products p ON p.id = e.product_id WHERE e.id = r.equipment_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "survey_responses" DROP COLUMN "equipment_label"`);
    await q.query(`ALTER TABLE "survey_responses" DROP COLUMN "equipment_product_id"`);
  }
}
