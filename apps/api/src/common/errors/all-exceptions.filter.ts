import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import type { ErrorResponseDto } from './error-response.dto';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** PostgreSQL error codes that are the client's fault, not the server's. */
const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_INVALID_TEXT = '22P02';

/**
 * Turns every error into the one JSON body {statusCode, code, message, details?}.
 * Nothing else leaves the server: no stack traces, no SQL.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    }
    if (res.headersSent) return;
    if (body.statusCode === 429 && exception instanceof DomainError && typeof exception.extra?.retryAfterSeconds === 'number') {
      res.setHeader('Retry-After', String(exception.extra.retryAfterSeconds));
    }
    const extra = exception instanceof DomainError && exception.extra ? exception.extra : {};
    res.status(body.statusCode).json({ ...extra, ...body });
  }

  private toBody(exception: unknown): ErrorResponseDto {
    if (exception instanceof DomainError) {
      return withDetails({ statusCode: exception.status, code: exception.code, message: exception.message }, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message.join('; '))
            : String((response as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? `http_${status}`, message };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      if (code === PG_UNIQUE_VIOLATION) return { statusCode: 409, code: 'duplicate', message: 'A record with the same unique value already exists' };
      if (code === PG_FOREIGN_KEY_VIOLATION) return { statusCode: 422, code: 'reference_not_found', message: 'A referenced record does not exist or is still in use' };
      if (code === PG_INVALID_TEXT) return { statusCode: 400, code: 'bad_request', message: 'A value has an invalid format' };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal_error', message: 'Internal server error' };
  }
}

function withDetails(body: ErrorResponseDto, details?: ErrorResponseDto['details']): ErrorResponseDto {
  return details?.length ? { ...body, details } : body;
}
