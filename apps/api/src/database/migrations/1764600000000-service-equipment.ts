import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service and equipment (issue 12): installation jobs get a plan (day, engineers), slip
 * codes and the hand-over day; the equipment registry, service contracts with their
 * visit plan, service visits and service requests. One planned visit per unit and
 * contract period is a partial unique index, so a plan regenerated twice never doubles.
 */
export class ServiceEquipment1764600000000 implements MigrationInterface {
  name = 'ServiceEquipment1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "installation_jobs" ADD "planned_on" date`);
    await q.query(`ALTER TABLE "installation_jobs" ADD "handed_over_on" date`);
    await q.query(`ALTER TABLE "installation_jobs" ADD "engineer_ids" uuid array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "installation_jobs" ALTER COLUMN "engineer_ids" DROP DEFAULT`);
    await q.query(`ALTER TABLE "installation_jobs" ADD "slip_code" character varying(24)`);
    await q.query(`ALTER TABLE "installation_jobs" ADD "cancel_reason" text`);
    await q.query(
      `ALTER TABLE "installation_jobs" ADD CONSTRAINT "installation_jobs_slip_code_check" CHECK (slip_code IN ('late_handover', 'equipment_not_delivered', 'client_not_ready', 'other'))`,
    );
    // Jobs handed over before this change: the day they were created is the hand-over day.
    await q.query(`UPDATE "installation_jobs" SET "handed_over_on" = (created_at AT TIME ZONE 'Europe/Moscow')::date, "planned_on" = deadline`);
    // An old free-text slip reason keeps its words under `other`.
    await q.query(`UPDATE "installation_jobs" SET "slip_code" = 'other' WHERE slip_reason IS NOT NULL`);

    await q.query(
      `CREATE TABLE "equipment_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "serial_number" character varying(64) NOT NULL, "client_id" uuid NOT NULL, "site_address" text, "installed_on" date, "warranty_until" date, "service_contract_id" uuid, "installation_job_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'in_service', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "equipment_units_status_check" CHECK (status IN ('in_service', 'under_repair', 'decommissioned')), CONSTRAINT "PK_beb78c4a1da2dabec3dc16dbc62" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "equipment_units_serial_idx" ON "equipment_units" ("serial_number")`);
    await q.query(`CREATE INDEX "equipment_units_client_idx" ON "equipment_units" ("client_id")`);
    await q.query(`CREATE INDEX "equipment_units_contract_idx" ON "equipment_units" ("service_contract_id")`);
    await q.query(`CREATE INDEX "equipment_units_installation_idx" ON "equipment_units" ("installation_job_id")`);
    await q.query(`CREATE UNIQUE INDEX "equipment_units_model_serial_key" ON "equipment_units" ("product_id", "serial_number")`);

    await q.query(
      `CREATE TABLE "service_contracts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(40) NOT NULL, "client_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "frequency" character varying(12) NOT NULL, "price" numeric(14,2) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'active', "engineer_id" uuid, "renewal_requested_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "UQ_5d13c96a1475bbc6b562540aaa3" UNIQUE ("number"), CONSTRAINT "service_contracts_period_check" CHECK (ends_on >= starts_on), CONSTRAINT "service_contracts_status_check" CHECK (status IN ('active', 'suspended', 'closed')), CONSTRAINT "service_contracts_frequency_check" CHECK (frequency IN ('monthly', 'quarterly', 'semiannual', 'annual')), CONSTRAINT "PK_f122926472de92f702d0039a093" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "service_contracts_client_idx" ON "service_contracts" ("client_id")`);
    await q.query(`CREATE INDEX "service_contracts_ends_idx" ON "service_contracts" ("ends_on")`);

    await q.query(
      `CREATE TABLE "service_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "equipment_unit_id" uuid, "kind" character varying(12) NOT NULL, "channel" character varying(12) NOT NULL, "description" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "respond_by" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'open', "outcome" text, "resolved_at" TIMESTAMP WITH TIME ZONE, "service_visit_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "service_requests_status_check" CHECK (status IN ('open', 'escalated', 'resolved')), CONSTRAINT "service_requests_channel_check" CHECK (channel IN ('phone', 'email', 'messenger', 'visit', 'other')), CONSTRAINT "service_requests_kind_check" CHECK (kind IN ('consultation', 'malfunction')), CONSTRAINT "PK_ee60bcd826b7e130bfbd97daf66" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "service_requests_client_idx" ON "service_requests" ("client_id")`);
    await q.query(`CREATE INDEX "service_requests_unit_idx" ON "service_requests" ("equipment_unit_id")`);
    await q.query(`CREATE INDEX "service_requests_deadline_idx" ON "service_requests" ("respond_by")`);

    await q.query(
      `CREATE TABLE "service_visits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "service_contract_id" uuid, "equipment_unit_id" uuid, "service_request_id" uuid, "period_start" date, "planned_on" date NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'planned', "reason" text, "engineer_ids" uuid array NOT NULL, "done_on" date, "work_done" text, "parts_used" jsonb, "signatory_name" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "service_visits_status_check" CHECK (status IN ('planned', 'done', 'missed', 'rescheduled', 'cancelled')), CONSTRAINT "PK_36cf7d4e34cbf61f55dfdb1f1c0" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "service_visits_client_idx" ON "service_visits" ("client_id")`);
    await q.query(`CREATE INDEX "service_visits_contract_idx" ON "service_visits" ("service_contract_id")`);
    await q.query(`CREATE INDEX "service_visits_unit_idx" ON "service_visits" ("equipment_unit_id")`);
    await q.query(`CREATE INDEX "service_visits_planned_idx" ON "service_visits" ("planned_on")`);
    await q.query(`CREATE UNIQUE INDEX "service_visits_unit_period_key" ON "service_visits" ("equipment_unit_id", "period_start") WHERE status = 'planned' AND period_start IS NOT NULL`);

    await q.query(`ALTER TABLE "equipment_units" ADD CONSTRAINT "FK_36bb4f9d9b57e2fa90b48a9561d" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "equipment_units" ADD CONSTRAINT "FK_500f08eca0534365111a2ea5558" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "service_contracts" ADD CONSTRAINT "FK_3800914c74240a36b78488fbcf8" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "service_requests" ADD CONSTRAINT "FK_0f0523ef455e70bfe9a330342cc" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "service_visits" ADD CONSTRAINT "FK_86b1887aa402e086d6bed1e3739" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "service_visits"`);
    await q.query(`DROP TABLE "service_requests"`);
    await q.query(`DROP TABLE "service_contracts"`);
    await q.query(`DROP TABLE "equipment_units"`);
    await q.query(`ALTER TABLE "installation_jobs" DROP CONSTRAINT "installation_jobs_slip_code_check"`);
    for (const column of ['cancel_reason', 'slip_code', 'engineer_ids', 'handed_over_on', 'planned_on']) {
      await q.query(`ALTER TABLE "installation_jobs" DROP COLUMN "${column}"`);
    }
  }
}
