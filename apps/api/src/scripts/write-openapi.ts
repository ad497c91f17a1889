/**
 * `pnpm openapi`: writes openapi/openapi.json from the code. It builds the real
 * application on a throwaway in-memory database, so the file is exactly what
 * /api/docs-json serves.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApiDocument, serializeOpenApi } from '../bootstrap/openapi';
import { createApp } from '../bootstrap/create-app';
import { loadConfig } from '../config/app-config';
import { EmbeddedPostgres } from '../database/embedded';

export const OPENAPI_FILE = resolve(__dirname, '../../../../openapi/openapi.json');

async function main() {
  const pg = await EmbeddedPostgres.start({ dataDir: null });
  // A throwaway secret: this app never answers a request, and no file is written.
  const config = loadConfig({ NODE_ENV: 'test', JWT_ACCESS_SECRET: randomBytes(32).toString('base64url') });
  const app = await createApp({ config, database: { url: pg.url, poolMax: 1 } });
  try {
    writeFileSync(OPENAPI_FILE, serializeOpenApi(buildOpenApiDocument(app)));
    console.log(`written ${OPENAPI_FILE}`);
  } finally {
    await app.close();
    await pg.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
