import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../errors/all-exceptions.filter';

/**
 * Error middleware right after the body parsers. It answers at once: passed on with
 * `next(err)`, the error would meet the static-file handler of the web client, which turns
 * every error on an /api path into 404 "Cannot POST" (@nestjs/serve-static).
 */
export function answerBodyErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!err) return next();
  sendError(res, err);
}
