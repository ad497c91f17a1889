/**
 * The SQL the API issues, captured rather than re-typed: the built ClientsRepository
 * (apps/api/dist) runs against the bench database through a TypeORM DataSource whose
 * logger records every statement with its parameters. The query DTO goes through the
 * same class-transformer step as the API's ValidationPipe, and the record scope comes
 * from the API's scopeOf(). So when the repository changes, the bench times the new SQL.
 *
 * Each captured statement is then timed directly:
 *  - `exec`: planning + execution time reported by EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON),
 *  - `wall`: the statement run by a plain pg client (round trip incl. transfer),
 * summed over the statements of one request (a list is a COUNT and a page query).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { median } from '../lib/load.mjs';

export async function openCapture(root, databaseUrl) {
  const require = createRequire(join(root, 'apps/api/package.json'));
  const dist = (p) => require(join(root, 'apps/api/dist', p));
  require('reflect-metadata');
  const { DataSource } = require('typeorm');
  const { plainToInstance } = require('class-transformer');
  const { dataSourceOptions } = dist('database/data-source-options.js');
  const { ClientsRepository } = dist('modules/clients/clients.repository.js');
  const { ClientListQueryDto } = dist('modules/clients/dto/client.dto.js');
  const { scopeOf } = dist('common/scope/record-scope.js');

  let recording = null;
  const logger = {
    logQuery(query, parameters) {
      if (recording) recording.push({ sql: query, params: parameters ?? [] });
    },
    logQueryError() {},
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log() {},
  };
  const ds = new DataSource({ ...dataSourceOptions({ url: databaseUrl, poolMax: 1 }), logging: true, logger });
  await ds.initialize();
  const repo = new ClientsRepository(ds);

  async function record(fn) {
    recording = [];
    try {
      await fn();
      return recording.filter((q) => !/^(START TRANSACTION|COMMIT|ROLLBACK)/i.test(q.sql));
    } finally {
      recording = null;
    }
  }

  return {
    /** Statements of GET /api/clients?<query> for this user. */
    list(plainQuery, user) {
      const query = plainToInstance(ClientListQueryDto, plainQuery);
      return record(() => repo.list(query, scopeOf(user)));
    },
    /** Statements of GET /api/clients/{id} for this user. */
    get(id, user) {
      return record(() => repo.getInScope(id, scopeOf(user)));
    },
    close: () => ds.destroy(),
  };
}

/** Times captured statements on a plain pg client; returns medians (ms) and the plans. */
export async function timeStatements(db, variants, { repeat = 5 } = {}) {
  const exec = [];
  const wall = [];
  let jitMs = 0;
  for (let r = 0; r < repeat; r++) {
    for (const statements of variants) {
      let e = 0;
      let w = 0;
      for (const { sql, params } of statements) {
        const [{ 'QUERY PLAN': [plan] }] = (await db.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`, params)).rows;
        e += plan['Planning Time'] + plan['Execution Time'];
        if (plan.JIT) jitMs = Math.max(jitMs, plan.JIT.Timing?.Total ?? 0);
        const t = performance.now();
        await db.query(sql, params);
        w += performance.now() - t;
      }
      exec.push(e);
      wall.push(w);
    }
  }
  return { exec: median(exec), wall: median(wall), jitMs };
}

/** EXPLAIN (ANALYZE, BUFFERS) text of each statement, for the report of slow queries. */
export async function explainText(db, statements) {
  const out = [];
  for (const { sql, params } of statements) {
    const rows = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows;
    out.push({ sql, params, plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
  }
  return out;
}
