import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions, type DatabaseTarget } from './data-source-options';
import { EmbeddedPostgres } from './embedded';
import { isDatabaseEmpty, type SeedResult, seedDemo } from './seed';

export interface OpenDatabase {
  target: DatabaseTarget;
  embedded: EmbeddedPostgres | null;
  /** Stops the embedded database, if any (after the application has closed its pool). */
  close(): Promise<void>;
}

/** DATABASE_URL → that PostgreSQL; otherwise the embedded PGlite under DATA_DIR. */
export async function openDatabase(config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'dbPoolMax'>): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    return { target: { url: config.databaseUrl, poolMax: config.dbPoolMax }, embedded: null, close: async () => {} };
  }
  const embedded = await EmbeddedPostgres.start({ dataDir: config.dataDir });
  return { target: { url: embedded.url, poolMax: 1 }, embedded, close: () => embedded.stop() };
}

/** Key of the advisory lock that serialises migrations across API instances. */
const MIGRATION_LOCK_KEY = 7_305_001;

export interface PrepareOptions {
  migrate: boolean;
  /** 'if-empty': load the demo data on a fresh database; 'always': add what is missing. */
  seed: 'never' | 'if-empty' | 'always';
  log?: (message: string) => void;
}

export interface PrepareResult {
  migrationsApplied: string[];
  /** What the demo seed added, or null when it did not run. */
  seeded: SeedResult | null;
}

/**
 * Brings a database up to date before the application starts: migrations (under an
 * advisory lock on a real PostgreSQL, so concurrent starters wait for each other) and
 * the demo data. One short-lived connection for all of it.
 */
export async function prepareDatabase(target: DatabaseTarget, options: PrepareOptions): Promise<PrepareResult> {
  const log = options.log ?? (() => {});
  const ds = new DataSource(dataSourceOptions(target));
  await ds.initialize();
  const lockRunner = options.migrate && target.poolMax > 1 ? ds.createQueryRunner() : null;
  try {
    let applied: string[] = [];
    if (options.migrate) {
      if (lockRunner) await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      applied = (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
      for (const name of applied) log(`migration applied: ${name}`);
    }
    let seeded: SeedResult | null = null;
    if (options.seed === 'always' || (options.seed === 'if-empty' && (await isDatabaseEmpty(ds)))) {
      seeded = await seedDemo(ds);
    }
    return { migrationsApplied: applied, seeded };
  } finally {
    if (lockRunner) {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await lockRunner.release();
    }
    await ds.destroy();
  }
}
