import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import helmet from 'helmet';
import { HELMET_OPTIONS } from '../src/bootstrap/configure-app';
import { writeInterceptorsOf } from '../src/common/http/write-interceptors';
import { TestApp } from './setup/test-app';

/** The headers helmet itself sets with the API's options, on a real Node response. */
function helmetHeaders(): Record<string, unknown> {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  let done = false;
  helmet(HELMET_OPTIONS)(req, res, () => (done = true));
  expect(done).toBe(true);
  return res.getHeaders();
}

describe('health and the HTTP basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('answers the health check without a token, with the database up', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('sends security headers and a request id, and never advertises the framework', async () => {
    const res = await t.http.get('/api/health').set('X-Request-Id', 'trace-42');
    expect(res.headers['x-request-id']).toBe('trace-42');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it("sends exactly helmet's headers on answers, errors and writes, and no ETag", async () => {
    const expected = helmetHeaders();
    // The ones that matter most, so that a change of options shows here too.
    expect(expected).toMatchObject({
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-frame-options': 'SAMEORIGIN',
      'x-content-type-options': 'nosniff',
      'cross-origin-opener-policy': 'same-origin',
    });
    const answers = [
      await t.http.get('/api/health'),
      await t.http.get('/api/no-such-thing'),
      await t.http.post('/api/auth/login').send({ email: 'nobody@example.test', password: 'wrong-password' }),
    ];
    for (const res of answers) {
      for (const [name, value] of Object.entries(expected)) expect({ name, value: res.headers[name] }).toEqual({ name, value });
      // Nothing sends If-None-Match: Express no longer hashes every body for one.
      expect(res.headers.etag).toBeUndefined();
    }
  });

  it('binds the write interceptors (fence, Idempotency-Key) to every write route and to no read', () => {
    const scanner = new MetadataScanner();
    const counts = { reads: 0, writes: 0 };
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const controller of module.controllers.values()) {
        const prototype = (controller.metatype as { prototype?: Record<string, unknown> } | null)?.prototype;
        if (!prototype) continue;
        for (const name of scanner.getAllMethodNames(prototype)) {
          const handler = prototype[name] as object;
          if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
          const read = method === RequestMethod.GET || method === RequestMethod.HEAD || method === RequestMethod.OPTIONS;
          counts[read ? 'reads' : 'writes']++;
          expect({ route: `${controller.name}.${name}`, bound: writeInterceptorsOf(handler) }).toEqual({ route: `${controller.name}.${name}`, bound: read ? 0 : 2 });
        }
      }
    }
    expect(counts.reads).toBeGreaterThan(50);
    expect(counts.writes).toBeGreaterThan(50);
  });

  it('answers an unknown route with the common error body', async () => {
    const res = await t.http.get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'not_found', message: expect.any(String) });
  });
});
