import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { sendError } from '../errors/all-exceptions.filter';

/**
 * Error middleware right after the body parsers. It answers at once: passed on with
 * `next(err)`, the error would meet the static-file handler of the web client, which turns
 * every error on an /api path into 404 "Cannot POST" (@nestjs/serve-static).
 */
export function answerBodyErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!err) return next();
  // A body sent as gzip/deflate/br that does not decompress: zlib's own error, no HTTP status.
  const zlibCode = (err as { code?: unknown }).code;
  if (typeof zlibCode === 'string' && zlibCode.startsWith('Z_')) {
    return sendError(res, new DomainError(400, 'malformed_body', 'Request body could not be decompressed (Content-Encoding)'));
  }
  sendError(res, err);
}
