import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The seller's requisites for print forms: a single row (id = 1), written by an admin. */
export class CompanyProfile1764750000000 implements MigrationInterface {
  name = 'CompanyProfile1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "company_profile" (
      "id" int NOT NULL,
      "full_name" varchar(300) NOT NULL,
      "short_name" varchar(150) NOT NULL,
      "inn" varchar(12) NOT NULL,
      "kpp" varchar(9),
      "ogrn" varchar(15),
      "legal_address" varchar(500) NOT NULL,
      "phone" varchar(30),
      "email" varchar(254),
      "bank_name" varchar(300),
      "bik" varchar(9),
      "correspondent_account" varchar(20),
      "settlement_account" varchar(20),
      "director_title" varchar(100) NOT NULL,
      "director_name" varchar(150),
      "accountant_name" varchar(150),
      "vat_rate" varchar(4) NOT NULL,
      "logo" text,
      "updated_by" uuid,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "version" int NOT NULL,
      CONSTRAINT "PK_company_profile" PRIMARY KEY ("id"),
      CONSTRAINT "company_profile_single_row" CHECK (id = 1)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "company_profile"`);
  }
}
