import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where the e2e suites get their databases. A migrated and seeded template is built
 * once per run (global setup); each suite then gets its own copy:
 * - PostgreSQL (DATABASE_URL set): CREATE DATABASE … TEMPLATE …
 * - PGlite (default): a dump of the template database loaded into a fresh instance.
 */
export const TEMPLATE_ENV = {
  /** Name of the template database on the PostgreSQL server. */
  pgTemplate: 'POLAR_TEST_PG_TEMPLATE',
  /** File with the PGlite dump. */
  pgliteDump: 'POLAR_TEST_PGLITE_DUMP',
} as const;

export function serverUrl(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function uniqueDbName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Runs statements on the server's maintenance database (CREATE/DROP DATABASE). */
export async function onServer(databaseUrl: string, ...statements: string[]): Promise<void> {
  const client = new Client({ connectionString: serverUrl(databaseUrl, 'postgres') });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}
