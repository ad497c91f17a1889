/** `pnpm seed`: loads the "Лидер" demo data (missing records only). Refused in production. */
import 'reflect-metadata';
import { parseConfig } from '../config/app-config';
import { openDatabase, prepareDatabase } from '../database/database-runtime';

async function main() {
  // parseConfig: this command signs no tokens, so no secret file is generated for it.
  const config = parseConfig();
  if (config.nodeEnv === 'production') throw new Error('Demo data is never loaded with NODE_ENV=production');
  const db = await openDatabase(config);
  try {
    const result = await prepareDatabase(db.target, { migrate: true, seed: 'always', log: (m) => console.log(m) });
    console.log(`Demo data of "Лидер": ${result.seeded?.staffCreated ?? 0} staff account(s), ${result.seeded?.clientsCreated ?? 0} client(s) added (existing data kept)`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
