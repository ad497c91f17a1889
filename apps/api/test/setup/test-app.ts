import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApiClient, type ApiClient } from '@polar/api-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { AppModuleOptions } from '../../src/app.module';
import { Clock } from '../../src/common/context/clock';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions, type DatabaseTarget } from '../../src/database/data-source-options';
import { EmbeddedPostgres } from '../../src/database/embedded';
import { DEMO_PASSWORD } from '../../src/database/seed/demo-staff';
import { onServer, serverUrl, TEMPLATE_ENV, uniqueDbName } from './template-db';

export interface TestDatabase {
  target: DatabaseTarget;
  close(): Promise<void>;
}

/** A private copy of the migrated, demo-seeded template database. */
export async function cloneTemplateDatabase(): Promise<TestDatabase> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const template = process.env[TEMPLATE_ENV.pgTemplate];
    if (!template) throw new Error('The e2e global setup did not build the PostgreSQL template');
    const name = uniqueDbName('polar_test');
    await onServer(databaseUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    return {
      target: { url: serverUrl(databaseUrl, name), poolMax: 5 },
      close: () => onServer(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const dump = process.env[TEMPLATE_ENV.pgliteDump];
  if (!dump) throw new Error('The e2e global setup did not build the PGlite template');
  const pg = await EmbeddedPostgres.start({ dataDir: null, loadDataDir: new Blob([readFileSync(dump)]) });
  return { target: { url: pg.url, poolMax: 1 }, close: () => pg.stop() };
}

/**
 * One random signing secret per test process, shared by the instances a test starts on
 * one database; given explicitly so no test writes a secret file into the checkout.
 */
const TEST_ACCESS_SECRET = randomBytes(32).toString('base64url');

export interface TestAppOptions {
  /** Extra environment for loadConfig (e.g. a lower login throttle). */
  env?: Record<string, string>;
  clock?: Clock;
  extraImports?: AppModuleOptions['extraImports'];
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
  /** Typed client bound to this session's access token. */
  api: ApiClient;
}

/**
 * The real application over HTTP on a private database: what a user's browser or an
 * integrator would talk to.
 */
export class TestApp {
  private constructor(
    readonly app: NestExpressApplication,
    readonly db: TestDatabase,
    readonly baseUrl: string,
    /** A direct connection for assertions on stored data (never for the code under test). */
    readonly sql: DataSource,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    return TestApp.startOn(await cloneTemplateDatabase(), options);
  }

  /** Another instance on an existing test database (several API instances, one database). */
  static async startOn(db: TestDatabase, options: TestAppOptions = {}): Promise<TestApp> {
    const config = loadConfig({ NODE_ENV: 'test', JWT_ACCESS_SECRET: TEST_ACCESS_SECRET, ...options.env });
    const app = await createApp({ config, database: db.target, clock: options.clock, extraImports: options.extraImports });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    // On PGlite the app holds the only connection; assertions go through the app's own
    // DataSource there, and through a separate one on PostgreSQL.
    const sql = db.target.poolMax > 1 ? await new DataSource(dataSourceOptions({ ...db.target, poolMax: 2 })).initialize() : app.get(DataSource);
    return new TestApp(app, db, `http://127.0.0.1:${port}`, sql);
  }

  /** supertest against the running server. */
  get http() {
    return request(this.app.getHttpServer());
  }

  client(accessToken?: string): ApiClient {
    return createApiClient({ baseUrl: this.baseUrl, getAccessToken: () => accessToken });
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<Session> {
    const res = await this.http.post('/api/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return {
      accessToken: res.body.accessToken,
      refreshToken: res.body.refreshToken,
      userId: res.body.user.id,
      api: this.client(res.body.accessToken),
    };
  }

  async userId(email: string): Promise<string> {
    const rows: Array<{ id: string }> = await this.sql.query('SELECT id FROM users WHERE email = $1', [email]);
    if (!rows[0]) throw new Error(`no user ${email}`);
    return rows[0].id;
  }

  /** Stops the application; the database too unless `keepDatabase` (shared by instances). */
  async close(options: { keepDatabase?: boolean } = {}): Promise<void> {
    if (this.sql !== this.app.get(DataSource)) await this.sql.destroy();
    await this.app.close();
    if (!options.keepDatabase) await this.db.close();
  }
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A clock the test sets: "now" in Moscow wall time, e.g. at('2025-12-26', '09:00'). */
export class FixedClock extends Clock {
  private current: Date;
  constructor(iso: string) {
    super();
    this.current = new Date(iso);
  }
  now(): Date {
    return new Date(this.current);
  }
  at(day: string, hhmm = '09:00'): this {
    this.current = new Date(`${day}T${hhmm}:00+03:00`);
    return this;
  }
}
