import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quality (issue 13): complaints with their deadline, call back, decision and processing
 * time; requests to departments; escalations of breached deadlines (one per item and
 * recipient, a unique key); questionnaires, invitations with a personal token and answers.
 *
 * The equipment a complaint is about is a plain uuid: the equipment registry
 * (`equipment_units`) is built in parallel and gets its foreign key in a later migration.
 */
export class Quality1764610000000 implements MigrationInterface {
  name = 'Quality1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE "complaints_number_seq"`);
    await q.query(`
      CREATE TABLE "complaints" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "number" integer NOT NULL DEFAULT nextval('complaints_number_seq'),
        "client_id" uuid NOT NULL REFERENCES "clients"("id"),
        "contact_id" uuid REFERENCES "client_contacts"("id") ON DELETE SET NULL,
        "subject_kind" varchar(10) NOT NULL,
        "subject_employee_id" uuid REFERENCES "users"("id"),
        "subject_equipment_id" uuid,
        "subject_deal_id" uuid REFERENCES "deals"("id"),
        "subject_text" varchar(500),
        "description" text NOT NULL,
        "channel" varchar(8) NOT NULL,
        "received_at" timestamptz NOT NULL,
        "deadline_days" smallint NOT NULL,
        "deadline_day" date NOT NULL,
        "deadline_at" timestamptz NOT NULL,
        "status" varchar(12) NOT NULL DEFAULT 'new',
        "officer_id" uuid REFERENCES "users"("id"),
        "answer" text,
        "answered_at" timestamptz,
        "callback_by" uuid REFERENCES "users"("id"),
        "callback_at" timestamptz,
        "callback_outcome" text,
        "decision" varchar(12),
        "decision_note" text,
        "rejection_reason" text,
        "closed_at" timestamptz,
        "working_minutes" integer,
        "calendar_minutes" integer,
        "breached_at" timestamptz,
        "escalated_at" timestamptz,
        "survey_response_id" uuid,
        "created_by" uuid REFERENCES "users"("id"),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "complaints_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "complaints_number_key" UNIQUE ("number"),
        CONSTRAINT "complaints_subject_kind_check" CHECK ("subject_kind" IN ('employee', 'equipment', 'deal', 'other')),
        CONSTRAINT "complaints_channel_check" CHECK ("channel" IN ('phone', 'email', 'site', 'visit', 'survey')),
        CONSTRAINT "complaints_status_check" CHECK ("status" IN ('draft', 'new', 'in_progress', 'answered', 'closed', 'rejected')),
        CONSTRAINT "complaints_decision_check" CHECK ("decision" IS NULL OR "decision" IN ('upheld', 'partial', 'explained', 'unfounded'))
      )`);
    await q.query(`CREATE INDEX "complaints_client_idx" ON "complaints" ("client_id")`);
    await q.query(`CREATE INDEX "complaints_open_deadline_idx" ON "complaints" ("deadline_at") WHERE "status" IN ('new', 'in_progress', 'answered')`);
    await q.query(`CREATE INDEX "complaints_received_idx" ON "complaints" ("received_at")`);

    await q.query(`
      CREATE TABLE "complaint_requests" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "complaint_id" uuid NOT NULL REFERENCES "complaints"("id") ON DELETE CASCADE,
        "department" varchar(8) NOT NULL,
        "addressee_id" uuid NOT NULL REFERENCES "users"("id"),
        "question" text NOT NULL,
        "deadline_day" date NOT NULL,
        "deadline_at" timestamptz NOT NULL,
        "status" varchar(10) NOT NULL DEFAULT 'open',
        "answer" text,
        "answered_at" timestamptz,
        "answered_by" uuid REFERENCES "users"("id"),
        "task_id" uuid,
        "breached_at" timestamptz,
        "escalated_at" timestamptz,
        "created_by" uuid REFERENCES "users"("id"),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "complaint_requests_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "complaint_requests_department_check" CHECK ("department" IN ('legal', 'service', 'sales')),
        CONSTRAINT "complaint_requests_status_check" CHECK ("status" IN ('open', 'answered'))
      )`);
    await q.query(`CREATE INDEX "complaint_requests_complaint_idx" ON "complaint_requests" ("complaint_id")`);
    await q.query(`CREATE INDEX "complaint_requests_addressee_idx" ON "complaint_requests" ("addressee_id", "status")`);

    await q.query(`
      CREATE TABLE "quality_escalations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "item_kind" varchar(10) NOT NULL,
        "item_id" uuid NOT NULL,
        "complaint_id" uuid NOT NULL REFERENCES "complaints"("id") ON DELETE CASCADE,
        "recipient_id" uuid NOT NULL REFERENCES "users"("id"),
        "reason" varchar(10) NOT NULL,
        "task_id" uuid,
        "read_at" timestamptz,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "quality_escalations_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "quality_escalations_once" UNIQUE ("item_kind", "item_id", "recipient_id"),
        CONSTRAINT "quality_escalations_kind_check" CHECK ("item_kind" IN ('complaint', 'request')),
        CONSTRAINT "quality_escalations_reason_check" CHECK ("reason" IN ('officer', 'head', 'director'))
      )`);
    await q.query(`CREATE INDEX "quality_escalations_recipient_idx" ON "quality_escalations" ("recipient_id", "created_at")`);

    await q.query(`
      CREATE TABLE "surveys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "title" varchar(200) NOT NULL,
        "description" text,
        "questions" jsonb NOT NULL DEFAULT '[]',
        "status" varchar(10) NOT NULL DEFAULT 'draft',
        "low_rating_threshold" smallint NOT NULL DEFAULT 2,
        "created_by" uuid REFERENCES "users"("id"),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "surveys_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "surveys_status_check" CHECK ("status" IN ('draft', 'active', 'archived'))
      )`);
    await q.query(`
      CREATE TABLE "survey_invitations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "survey_id" uuid NOT NULL REFERENCES "surveys"("id") ON DELETE CASCADE,
        "client_id" uuid NOT NULL REFERENCES "clients"("id"),
        "contact_id" uuid REFERENCES "client_contacts"("id") ON DELETE SET NULL,
        "channel" varchar(6) NOT NULL,
        "email" varchar(254),
        "token" varchar(64),
        "expires_at" timestamptz,
        "period" varchar(7),
        "task_id" uuid,
        "answered_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "survey_invitations_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "survey_invitations_token_key" UNIQUE ("token"),
        CONSTRAINT "survey_invitations_channel_check" CHECK ("channel" IN ('email', 'phone'))
      )`);
    // A new client with one purchase is surveyed by phone once: the monthly job's idempotency key.
    await q.query(`CREATE UNIQUE INDEX "survey_invitations_phone_once" ON "survey_invitations" ("client_id") WHERE "channel" = 'phone'`);
    await q.query(`CREATE INDEX "survey_invitations_survey_idx" ON "survey_invitations" ("survey_id")`);
    await q.query(`
      CREATE TABLE "survey_responses" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "survey_id" uuid NOT NULL REFERENCES "surveys"("id") ON DELETE CASCADE,
        "invitation_id" uuid REFERENCES "survey_invitations"("id") ON DELETE SET NULL,
        "client_id" uuid REFERENCES "clients"("id"),
        "channel" varchar(6) NOT NULL,
        "answers" jsonb NOT NULL,
        "employee_id" uuid REFERENCES "users"("id"),
        "equipment_id" uuid,
        "entered_by" uuid REFERENCES "users"("id"),
        "complaint_id" uuid REFERENCES "complaints"("id") ON DELETE SET NULL,
        "submitted_at" timestamptz NOT NULL,
        CONSTRAINT "survey_responses_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "survey_responses_invitation_key" UNIQUE ("invitation_id"),
        CONSTRAINT "survey_responses_channel_check" CHECK ("channel" IN ('email', 'phone'))
      )`);
    await q.query(`CREATE INDEX "survey_responses_survey_idx" ON "survey_responses" ("survey_id", "submitted_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "survey_responses"`);
    await q.query(`DROP TABLE "survey_invitations"`);
    await q.query(`DROP TABLE "surveys"`);
    await q.query(`DROP TABLE "quality_escalations"`);
    await q.query(`DROP TABLE "complaint_requests"`);
    await q.query(`DROP TABLE "complaints"`);
    await q.query(`DROP SEQUENCE "complaints_number_seq"`);
  }
}
