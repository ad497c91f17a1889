import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The current ABC/XYZ class of a client, on the client row: the client list filters
 * and the dynamic segments read it like any other attribute. The clients module owns
 * the columns; marketing's nightly classification writes them through
 * ClientsDirectory.setAbcXyzClasses (its history stays in marketing's client_abc_xyz).
 */
export class ClientAbcXyzClass1764720000001 implements MigrationInterface {
  name = 'ClientAbcXyzClass1764720000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "clients" ADD "abc_class" character(1), ADD "xyz_class" character(1)`);
    await q.query(`ALTER TABLE "clients" ADD CONSTRAINT "clients_abc_class_check" CHECK (abc_class IN ('A', 'B', 'C'))`);
    await q.query(`ALTER TABLE "clients" ADD CONSTRAINT "clients_xyz_class_check" CHECK (xyz_class IN ('X', 'Y', 'Z'))`);
    // Fill from the latest stored classification, if the job ran before this migration.
    await q.query(`UPDATE clients c SET abc_class = k.abc, xyz_class = k.xyz
                     FROM client_abc_xyz k
                    WHERE k.client_id = c.id AND k.computed_on = (SELECT max(computed_on) FROM client_abc_xyz)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "clients" DROP CONSTRAINT "clients_xyz_class_check", DROP CONSTRAINT "clients_abc_class_check", DROP COLUMN "xyz_class", DROP COLUMN "abc_class"`);
  }
}
