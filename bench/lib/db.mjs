/**
 * PostgreSQL helpers. `pg` is not a dependency of the bench: it is the driver the API
 * already ships with, loaded from apps/api's node_modules.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function loadPg(root) {
  const require = createRequire(join(root, 'apps/api/package.json'));
  return require('pg');
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Parses DATABASE_URL; the bench only works against a server on this machine. */
export function parseServerUrl(databaseUrl) {
  if (!databaseUrl) {
    throw new Error('DATABASE_URL is required, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (a real PostgreSQL; trust auth is fine)');
  }
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  const url = new URL(databaseUrl);
  if (!LOOPBACK.has(url.hostname)) throw new Error(`DATABASE_URL points at ${url.hostname}: the bench only runs against a PostgreSQL on 127.0.0.1`);
  return url;
}

/** The same server, another database. */
export function withDatabase(serverUrl, database) {
  const url = new URL(serverUrl.href);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.href;
}

export const quoteIdent = (name) => `"${String(name).replace(/"/g, '""')}"`;

export async function connect(pg, connectionString, { applicationName = 'polar-bench' } = {}) {
  const client = new pg.Client({ connectionString, application_name: applicationName });
  await client.connect();
  return client;
}

/** Creates a fresh, empty database on the server of `serverUrl`. */
export async function createDatabase(pg, serverUrl, name) {
  const admin = await connect(pg, serverUrl.href);
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
}

/** Drops a database the bench created (terminating its leftover connections). */
export async function dropDatabase(pg, serverUrl, name) {
  if (!/^polar_bench_[a-z0-9_]+$/.test(name)) throw new Error(`Refusing to drop "${name}": not a bench database`);
  const admin = await connect(pg, serverUrl.href);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A PostgreSQL array literal for text[] (elements always quoted). */
export function pgTextArray(values) {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
