import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quality × service (issue 13): the equipment unit a complaint (or a survey answer) is about
 * becomes a real foreign key to the service registry, now that `equipment_units` exists.
 * The complaint also keeps the unit's model (catalogue product) and a label as they were
 * when it arrived, so statistics group by model and the card reads in words without the
 * quality module reading the registry's tables.
 *
 * A uuid that points at no unit (written before the registry existed) is cleared: the
 * complaint becomes "other" with the former id kept in its text, not lost silently.
 */
export class ComplaintEquipment1764710000000 implements MigrationInterface {
  name = 'ComplaintEquipment1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE complaints k SET subject_kind = 'other', subject_text = left(coalesce(k.subject_text, 'Оборудование ' || k.subject_equipment_id::text), 500), subject_equipment_id = NULL
       WHERE k.subject_equipment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM equipment_units e WHERE e.id = k.subject_equipment_id)`);
    await q.query(`UPDATE survey_responses r SET equipment_id = NULL WHERE r.equipment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM equipment_units e WHERE e.id = r.equipment_id)`);
    await q.query(`ALTER TABLE "complaints" ADD "subject_product_id" uuid`);
    await q.query(`ALTER TABLE "complaints" ADD "subject_equipment_label" varchar(300)`);
    await q.query(`
      UPDATE complaints k SET subject_product_id = e.product_id, subject_equipment_label = left(p.name || ' № ' || e.serial_number, 300)
        FROM equipment_units e JOIN products p ON p.id = e.product_id WHERE e.id = k.subject_equipment_id`);
    await q.query(`ALTER TABLE "complaints" ADD CONSTRAINT "complaints_subject_equipment_fkey" FOREIGN KEY ("subject_equipment_id") REFERENCES "equipment_units"("id")`);
    await q.query(`ALTER TABLE "complaints" ADD CONSTRAINT "complaints_subject_product_fkey" FOREIGN KEY ("subject_product_id") REFERENCES "products"("id")`);
    await q.query(`ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_equipment_fkey" FOREIGN KEY ("equipment_id") REFERENCES "equipment_units"("id")`);
    // The unit card lists its complaints.
    await q.query(`CREATE INDEX "complaints_subject_equipment_idx" ON "complaints" ("subject_equipment_id") WHERE "subject_equipment_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "complaints_subject_equipment_idx"`);
    await q.query(`ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_equipment_fkey"`);
    await q.query(`ALTER TABLE "complaints" DROP CONSTRAINT "complaints_subject_product_fkey"`);
    await q.query(`ALTER TABLE "complaints" DROP CONSTRAINT "complaints_subject_equipment_fkey"`);
    await q.query(`ALTER TABLE "complaints" DROP COLUMN "subject_equipment_label"`);
    await q.query(`ALTER TABLE "complaints" DROP COLUMN "subject_product_id"`);
  }
}
