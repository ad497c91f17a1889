import { rmSync } from 'node:fs';
import { onServer, TEMPLATE_ENV } from './template-db';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV.pgTemplate];
  if (process.env.DATABASE_URL && template) {
    await onServer(process.env.DATABASE_URL, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  }
  const dump = process.env[TEMPLATE_ENV.pgliteDump];
  if (dump) rmSync(dump, { force: true });
}
