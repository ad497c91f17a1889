import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Components and views reach the server only through a feature's api module
 * (`features/<f>/api/*.ts`, or `shared/api/*.ts`): one place per request keeps the
 * query keys, the cache and the error handling in step (issue 10, «Structure»).
 */
const DIRECT_CALL = /\bapi\s*\.\s*(GET|POST|PATCH|PUT|DELETE)\s*\(/;

function vueFilesCallingApi(): string[] {
  const src = resolve(__dirname, '../../src');
  const offenders: string[] = [];
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.vue')) continue;
    const text = readFileSync(join(src, file), 'utf8');
    const line = text.split('\n').findIndex((l) => DIRECT_CALL.test(l));
    if (line >= 0) offenders.push(`src/${file.split('\\').join('/')}:${line + 1}`);
  }
  return offenders.sort();
}

describe('architecture', () => {
  it('no .vue file calls the typed API client directly (move the call into features/<feature>/api/)', () => {
    expect(vueFilesCallingApi()).toEqual([]);
  });
});
