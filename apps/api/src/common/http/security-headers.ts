import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers, computed once by helmet itself and then set by one middleware.
 *
 * Why: `helmet()` is a chain of ~13 middlewares that set the same constant headers on every
 * response; with static options (no per-request CSP nonce) the values never change. Helmet
 * stays their only source: it runs once here, on a stand-in request and response that
 * record what it does. Options whose headers depend on the request (a directive given as a
 * function) would touch the stand-ins, which throw: start-up fails instead of sending
 * one request's headers to all.
 */
export function securityHeaders(options: HelmetOptions): RequestHandler {
  const set: Array<[string, string | number | readonly string[]]> = [];
  const removed: string[] = [];
  const refuse = (what: string) => (_: unknown, key: string | symbol) => {
    throw new Error(`helmet read ${what}.${String(key)}: its headers depend on the request and cannot be computed once`);
  };
  const req = new Proxy({}, { get: refuse('req') }) as Request;
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.push([name, value]),
    removeHeader: (name: string) => void removed.push(name),
  };
  const res = new Proxy(recorder, { get: (target, key) => (key in target ? target[key as keyof typeof target] : refuse('res')(target, key)) }) as unknown as Response;
  let finished = false;
  helmet(options)(req, res, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');

  return function securityHeadersMiddleware(_req: Request, response: Response, next: NextFunction): void {
    for (const name of removed) response.removeHeader(name);
    for (const [name, value] of set) response.setHeader(name, value);
    next();
  };
}
