import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress, SsrfRefusedError } from './ssrf';

export interface SendResult {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  excerpt: string | null;
  /** The address was refused (private network): trying again cannot help. */
  refused: boolean;
}

const EXCERPT = 500;

/** One POST of a webhook body: never throws, reports what happened. */
export function postWebhook(url: string, body: string, headers: Record<string, string>, allowPrivate: boolean, timeoutMs = 10_000): Promise<SendResult> {
  const started = Date.now();
  const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: Date.now() - started });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(done({ statusCode: null, error: 'invalid URL', excerpt: null, refused: true }));
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    // Literal addresses never go through `lookup`: check them here.
    if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
      return resolve(done({ statusCode: null, error: new SsrfRefusedError(host, host).message, excerpt: null, refused: true }));
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'PolarCRM-Webhooks/1', ...headers },
        timeout: timeoutMs,
        ...(allowPrivate ? {} : { lookup: guardedLookup as never }),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < EXCERPT) text += chunk;
        });
        res.on('end', () => resolve(done({ statusCode: res.statusCode ?? null, error: null, excerpt: text.slice(0, EXCERPT) || null, refused: false })));
        res.on('error', (e) => resolve(done({ statusCode: res.statusCode ?? null, error: e.message.slice(0, 300), excerpt: text.slice(0, EXCERPT) || null, refused: false })));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => resolve(done({ statusCode: null, error: e.message.slice(0, 300), excerpt: null, refused: e instanceof SsrfRefusedError })));
    req.end(body);
  });
}
