import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseTarget {
  url: string;
  poolMax: number;
}

/**
 * The one TypeORM configuration: entities, migrations, never `synchronize`.
 * Migrations run explicitly (`pnpm db:migrate`, or at start-up in quick-start mode).
 */
export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Failed queries surface through the error filter (and its log); no console noise.
    logging: false,
    extra: {
      max: target.poolMax,
      // A request that waits this long for a connection fails instead of hanging.
      connectionTimeoutMillis: 30_000,
    },
  };
}
