/**
 * Errors thrown by services for broken business rules. The HTTP status lives here,
 * next to the code, so that one filter can map every domain error the same way.
 */
import type { ErrorCode } from './error-codes';

export type DomainErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: DomainErrorStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
    /** Extra machine-readable data (e.g. the duplicates found). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string) {
    super(404, 'not_found', `${entity} not found`);
  }
}

export class StaleVersionError extends DomainError {
  constructor(entity: string, expected: number, actual: number) {
    super(409, 'stale_version', `${entity} was changed by someone else (your version ${expected}, current ${actual}); reload and try again`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: ErrorCode, message: string, details?: FieldProblem[]) {
    super(409, code, message, details);
  }
}

export class RuleViolationError extends DomainError {
  constructor(code: ErrorCode, message: string, details?: FieldProblem[]) {
    super(422, code, message, details);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(400, 'validation_failed', `Invalid input: ${details.map((d) => d.field).join(', ')}`, details);
  }
}
