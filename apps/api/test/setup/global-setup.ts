import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDatabase } from '../../src/database/database-runtime';
import { EmbeddedPostgres } from '../../src/database/embedded';
import { onServer, serverUrl, TEMPLATE_ENV, uniqueDbName } from './template-db';

/** Builds the migrated, demo-seeded template database once for the whole e2e run. */
export default async function globalSetup(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = uniqueDbName('polar_test_tpl');
    await onServer(databaseUrl, `CREATE DATABASE "${name}"`);
    await prepareDatabase({ url: serverUrl(databaseUrl, name), poolMax: 2 }, { migrate: true, seed: 'always' });
    process.env[TEMPLATE_ENV.pgTemplate] = name;
    return;
  }
  const pg = await EmbeddedPostgres.start({ dataDir: null });
  try {
    await prepareDatabase({ url: pg.url, poolMax: 1 }, { migrate: true, seed: 'always' });
    const file = join(tmpdir(), `polar-test-template-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await (await pg.dump()).arrayBuffer()));
    process.env[TEMPLATE_ENV.pgliteDump] = file;
  } finally {
    await pg.stop();
  }
}
