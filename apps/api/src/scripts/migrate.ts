/** `pnpm db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
import 'reflect-metadata';
import { parseConfig } from '../config/app-config';
import { openDatabase, prepareDatabase } from '../database/database-runtime';

async function main() {
  // parseConfig: this command signs no tokens, so no secret file is generated for it.
  const config = parseConfig();
  const db = await openDatabase(config);
  try {
    const { migrationsApplied } = await prepareDatabase(db.target, { migrate: true, seed: 'never', log: (m) => console.log(m) });
    console.log(migrationsApplied.length ? `${migrationsApplied.length} migration(s) applied` : 'The schema is up to date');
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
