import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Survey links by e-mail (issue 13): each e-mail invitation is mailed through the work
 * queue with marketing's SMTP transport, unless its address is on the global suppression
 * list. The invitation keeps how that went.
 */
export class SurveyMail1764710000001 implements MigrationInterface {
  name = 'SurveyMail1764710000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "survey_invitations" ADD "mail_state" varchar(10)`);
    await q.query(`ALTER TABLE "survey_invitations" ADD "mailed_at" timestamptz`);
    await q.query(`ALTER TABLE "survey_invitations" ADD "mail_error" text`);
    await q.query(`ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_mail_state_check" CHECK ("mail_state" IS NULL OR "mail_state" IN ('queued', 'sent', 'suppressed', 'failed'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "survey_invitations" DROP CONSTRAINT "survey_invitations_mail_state_check"`);
    await q.query(`ALTER TABLE "survey_invitations" DROP COLUMN "mail_error"`);
    await q.query(`ALTER TABLE "survey_invitations" DROP COLUMN "mailed_at"`);
    await q.query(`ALTER TABLE "survey_invitations" DROP COLUMN "mail_state"`);
  }
}
