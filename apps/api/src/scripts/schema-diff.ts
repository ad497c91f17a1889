/**
 * Prints the SQL that would bring the database schema in line with the entities
 * (on a fresh embedded database with every migration applied). Empty output means
 * entities and migrations agree; otherwise the SQL is a starting point for a migration.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { EmbeddedPostgres } from '../database/embedded';

async function main() {
  const pg = await EmbeddedPostgres.start({ dataDir: null });
  const ds = new DataSource(dataSourceOptions({ url: pg.url, poolMax: 1 }));
  try {
    await ds.initialize();
    await ds.runMigrations();
    const sql = await ds.driver.createSchemaBuilder().log();
    for (const q of sql.upQueries) console.log(`${q.query};`);
    if (!sql.upQueries.length) console.error('Entities and migrations agree.');
  } finally {
    await ds.destroy();
    await pg.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
