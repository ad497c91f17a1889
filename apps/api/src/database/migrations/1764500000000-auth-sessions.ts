import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-ins become rows of their own (auth_sessions), so that every request can check in
 * one indexed look-up that its access token's session is still open. Existing refresh
 * token families become sessions: open if any of their tokens is unrevoked.
 */
export class AuthSessions1764500000000 implements MigrationInterface {
  name = 'AuthSessions1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "auth_sessions" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" character varying(32), CONSTRAINT "auth_sessions_end_reason_check" CHECK (end_reason IN ('sign_out', 'refresh_reuse', 'password_change', 'password_reset', 'deactivated')), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions" ("user_id")`);
    await q.query(`ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`
      INSERT INTO "auth_sessions" ("id", "user_id", "created_at", "ended_at")
      SELECT family_id, (array_agg(user_id ORDER BY created_at))[1], min(created_at),
             CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END
        FROM "refresh_tokens" GROUP BY family_id`);
    await q.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_session_fk" FOREIGN KEY ("family_id") REFERENCES "auth_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_session_fk"`);
    await q.query(`DROP TABLE "auth_sessions"`);
  }
}
