import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from './bootstrap/create-app';
import { ConfigError, loadConfig } from './config/app-config';
import { DataDirLockedError } from './database/data-dir-lock';
import { openDatabase, prepareDatabase } from './database/database-runtime';
import { DEMO_PASSWORD, DEMO_USERS } from './database/seed/demo-staff';

async function main(): Promise<void> {
  const config = loadConfig();
  // Quick start: serve the built web client when it is there (pnpm start builds it).
  const builtWeb = resolve(__dirname, '../../web/dist');
  if (!config.serveWebDir && existsSync(join(builtWeb, 'index.html'))) config.serveWebDir = builtWeb;
  const db = await openDatabase(config);
  const say = (m: string) => process.stdout.write(`${m}\n`);

  // Quick start (embedded or development) migrates by itself; production migrates as
  // an explicit deployment step (`pnpm db:migrate`), see README "Production".
  const prepared = await prepareDatabase(db.target, {
    migrate: config.nodeEnv !== 'production' || process.env.MIGRATE_ON_START === 'true',
    seed: config.demoSeed ? 'if-empty' : 'never',
    log: say,
  });
  const seeded = prepared.seeded !== null;
  if (prepared.seeded) say(`demo data of "Лидер" loaded: ${prepared.seeded.staffCreated} staff accounts, ${prepared.seeded.clientsCreated} clients, ${prepared.seeded.dealsCreated} deals, ${prepared.seeded.tasksCreated} tasks`);

  const app = await createApp({ config, database: db.target });
  const server = await app.listen(config.port, config.host);
  const port = (server.address() as { port: number }).port;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal} received, shutting down`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    await app.close();
    await db.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  // Loopback and "every interface" are both reachable as localhost from this machine.
  const shownHost = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(config.host) ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = `http://${shownHost}:${port}`;
  say('');
  say(`Polar CRM is running (listening on ${config.host}:${port}${config.host === '127.0.0.1' ? ', this machine only; set HOST=0.0.0.0 to open it to the network' : ''})`);
  if (config.serveWebDir) say(`  Web client:   ${base}/`);
  say(`  API:          ${base}/api`);
  say(`  Swagger UI:   ${base}/api/docs`);
  say(`  OpenAPI JSON: ${base}/api/docs-json`);
  say(`  Database:     ${db.embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL from DATABASE_URL'}`);
  if (config.databaseReplicaUrl) say(`  Reports:      read from the streaming replica DATABASE_REPLICA_URL while it is at most ${config.replicaMaxLagSeconds} s behind`);
  else if (process.env.DATABASE_REPLICA_URL?.trim()) say('  Reports:      DATABASE_REPLICA_URL ignored: it needs a PostgreSQL primary in DATABASE_URL');
  const secretSource = config.jwt.accessSecretSource;
  if (secretSource !== 'env') {
    say(`  Token secret: ${secretSource.created ? 'generated into' : 'kept in'} ${secretSource.file} (set JWT_ACCESS_SECRET to choose your own)`);
  }
  if (config.demoSeed) {
    say('');
    say(`Demo logins (password for all: ${DEMO_PASSWORD})${seeded ? '' : ' — if the demo data was loaded'}:`);
    const shown = ['admin', 'director', 'sales_head', 'sales_manager', 'sales_assistant', 'service', 'marketing', 'quality', 'legal'];
    for (const role of shown) {
      const users = DEMO_USERS.filter((u) => u.role === role);
      const emails = users.length > 2 ? `${users[0].email} … ${users[users.length - 1].email}` : users.map((u) => u.email).join(', ');
      say(`  ${role.padEnd(16)} ${emails}`);
    }
  }
  say('');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
