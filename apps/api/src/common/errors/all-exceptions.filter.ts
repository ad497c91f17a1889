import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import type { ErrorCode } from './error-codes';
import type { ErrorResponseDto } from './error-response.dto';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
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
const PG_NOT_NULL_VIOLATION = '23502';
/** Data exceptions: too long, out of range, bad date/time, NUL / bad encoding. */
const PG_BAD_VALUE = new Set(['22001', '22003', '22007', '22008', '22021', '22P05', '2201W', '2201X']);

/**
 * Turns every error into the one JSON body {statusCode, code, message, details?}.
 * Nothing else leaves the server: no stack traces, no SQL.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    sendError(host.switchToHttp().getResponse<Response>(), exception, this.logger);
  }
}

/**
 * Answers with the one error body. Used by the filter and by the Express middleware that
 * runs before Nest's routing (body parsing), so both speak the same way.
 */
export function sendError(res: Response, exception: unknown, logger: Logger = new Logger('Errors')): void {
  const body = toBody(exception);
  if (body.statusCode >= 500) {
    logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
  }
  if (res.headersSent) {
    // A download failed half-way: the status is gone, so cut the connection rather than
    // leave the client waiting for an end that never comes.
    res.destroy(exception instanceof Error ? exception : undefined);
    return;
  }
  if (body.statusCode === 429 && exception instanceof DomainError && typeof exception.extra?.retryAfterSeconds === 'number') {
    res.setHeader('Retry-After', String(exception.extra.retryAfterSeconds));
  }
  const extra = exception instanceof DomainError && exception.extra ? exception.extra : {};
  res.status(body.statusCode).json({ ...extra, ...body });
}

function toBody(exception: unknown): ErrorResponseDto {
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
    return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'http_error', message };
  }
  const parserError = bodyParserError(exception);
  if (parserError) return parserError;
  if (exception instanceof QueryFailedError) {
    const driverError = exception.driverError as { code?: string; column?: string } | undefined;
    const code = driverError?.code;
    if (code === PG_UNIQUE_VIOLATION) return { statusCode: 409, code: 'duplicate', message: 'A record with the same unique value already exists' };
    if (code === PG_FOREIGN_KEY_VIOLATION) return { statusCode: 422, code: 'reference_not_found', message: 'A referenced record does not exist or is still in use' };
    if (code === PG_INVALID_TEXT) return { statusCode: 400, code: 'bad_request', message: 'A value has an invalid format' };
    // Last line of defence: the edge (ApiValidationPipe + DTOs) should have refused these.
    // The fuzz test fails on `invalid_value`, so a gap here is found, not hidden.
    if (code === PG_NOT_NULL_VIOLATION && driverError?.column) {
      const field = driverError.column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      return { statusCode: 400, code: 'invalid_value', message: `Invalid input: ${field}`, details: [{ field, message: `${field} must not be null` }] };
    }
    if (code && PG_BAD_VALUE.has(code)) return { statusCode: 400, code: 'invalid_value', message: 'A value is out of range or has an invalid format' };
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal_error', message: 'Internal server error' };
}

/** body-parser / raw-body failures carry `type` and a 4xx `status`. */
function bodyParserError(exception: unknown): ErrorResponseDto | null {
  if (!exception || typeof exception !== 'object') return null;
  const { type, status, charset, encoding } = exception as { type?: unknown; status?: unknown; charset?: unknown; encoding?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return null;
  switch (type) {
    case 'entity.parse.failed':
      return { statusCode: 400, code: 'malformed_json', message: 'Request body is not valid JSON' };
    case 'entity.too.large':
      return { statusCode: 413, code: 'payload_too_large', message: 'Request body is larger than allowed' };
    case 'charset.unsupported':
      return { statusCode: 415, code: 'unsupported_charset', message: `Unsupported charset "${String(charset).toUpperCase()}": send UTF-8` };
    case 'encoding.unsupported':
      return { statusCode: 415, code: 'unsupported_encoding', message: `Unsupported content encoding "${String(encoding)}"` };
    default:
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'http_error', message: 'The request body could not be read' };
  }
}

function withDetails(body: ErrorResponseDto, details?: ErrorResponseDto['details']): ErrorResponseDto {
  return details?.length ? { ...body, details } : body;
}
