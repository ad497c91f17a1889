import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces every change of what the per-request access check reads (issue 16: the API
 * caches the signed-in user per process, modules/auth/actor-cache.ts). The check loads
 * users.id/email/full_name/role/is_active, the user's user_assistants rows as assistant
 * and the token's auth_sessions row (id, user_id, ended_at); so, on the channel
 * `auth_actor_changed` with the affected user id as payload:
 *
 * - users: any UPDATE or DELETE (not only those columns: a later field of the actor must
 *   not need a new trigger; the few extra notifications, e.g. a sign-in's last_login_at,
 *   cost one reload of that user's sessions);
 * - auth_sessions: UPDATE or DELETE (an INSERT is a new session no one has cached);
 * - user_assistants: INSERT, UPDATE or DELETE, for the assistant;
 * - TRUNCATE of any of them: '*' (everyone).
 *
 * pg_notify is transactional: a rolled-back change announces nothing, a committed one
 * after its commit; identical notifications of one transaction arrive once. Old and new
 * ids both, should a key ever change.
 */
export class AuthActorNotify1764860000000 implements MigrationInterface {
  name = 'AuthActorNotify1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION auth_actor_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_id uuid;
        new_id uuid;
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('auth_actor_changed', '*');
          RETURN NULL;
        END IF;
        IF TG_TABLE_NAME = 'users' THEN
          IF TG_OP <> 'INSERT' THEN old_id := OLD.id; END IF;
          IF TG_OP <> 'DELETE' THEN new_id := NEW.id; END IF;
        ELSIF TG_TABLE_NAME = 'auth_sessions' THEN
          IF TG_OP <> 'INSERT' THEN old_id := OLD.user_id; END IF;
          IF TG_OP <> 'DELETE' THEN new_id := NEW.user_id; END IF;
        ELSE
          IF TG_OP <> 'INSERT' THEN old_id := OLD.assistant_id; END IF;
          IF TG_OP <> 'DELETE' THEN new_id := NEW.assistant_id; END IF;
        END IF;
        IF old_id IS NOT NULL THEN PERFORM pg_notify('auth_actor_changed', old_id::text); END IF;
        IF new_id IS NOT NULL AND new_id IS DISTINCT FROM old_id THEN PERFORM pg_notify('auth_actor_changed', new_id::text); END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`CREATE TRIGGER users_auth_actor_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION auth_actor_changed()`);
    await q.query(`CREATE TRIGGER auth_sessions_auth_actor_changed AFTER UPDATE OR DELETE ON auth_sessions FOR EACH ROW EXECUTE FUNCTION auth_actor_changed()`);
    await q.query(`CREATE TRIGGER user_assistants_auth_actor_changed AFTER INSERT OR UPDATE OR DELETE ON user_assistants FOR EACH ROW EXECUTE FUNCTION auth_actor_changed()`);
    for (const table of ['users', 'auth_sessions', 'user_assistants']) {
      await q.query(`CREATE TRIGGER ${table}_auth_actor_truncated AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION auth_actor_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'auth_sessions', 'user_assistants']) {
      await q.query(`DROP TRIGGER ${table}_auth_actor_truncated ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_auth_actor_changed ON ${table}`);
    }
    await q.query(`DROP FUNCTION auth_actor_changed()`);
  }
}
