import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { serializeOpenApi } from '../src/bootstrap/openapi';
import { TestApp } from './setup/test-app';

const OPENAPI_FILE = resolve(__dirname, '../../../openapi/openapi.json');

describe('contract and schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('serves exactly the committed openapi/openapi.json (run `pnpm openapi` after changing the API)', async () => {
    const served = await t.http.get('/api/docs-json');
    expect(served.status).toBe(200);
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    expect(serializeOpenApi(served.body)).toBe(committed);
  });

  it('gives every operation a stable, unique operationId', async () => {
    const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids.every((id) => /^[A-Z][A-Za-z]+_[a-zA-Z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves Swagger UI', async () => {
    const res = await t.http.get('/api/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });

  it('has migrations that produce exactly the schema the entities describe', async () => {
    const ds = t.app.get(DataSource);
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    expect(await ds.showMigrations()).toBe(false);
  });
});
