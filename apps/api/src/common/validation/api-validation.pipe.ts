import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from '../errors/domain-error';
import { validationExceptionFactory } from '../errors/validation';
import { scanInput } from './input-scan';
import { nullProblems } from './null-fields';

const SCANNED: ReadonlySet<ArgumentMetadata['type']> = new Set(['body', 'query', 'param']);

/**
 * The one validation step every handler argument passes (ADR 0007): the request-wide
 * limits (NUL bytes, nesting depth, number range), then explicit nulls against the
 * contract, then the DTO's class-validator rules. Every problem names its field.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!SCANNED.has(metadata.type)) return super.transform(value, metadata);
    const limits = scanInput(value, metadata.data ?? '');
    // Nothing else is looked at when a limit is broken: a deep value would blow the stack below.
    if (limits.length) throw new ValidationFailedError(limits);
    const nulls = metadata.type === 'body' && metadata.metatype ? nullProblems(value, metadata.metatype) : [];
    let result: unknown;
    try {
      result = await super.transform(value, metadata);
    } catch (error) {
      if (nulls.length && error instanceof ValidationFailedError) {
        const named = new Set(nulls.map((n) => n.field));
        throw new ValidationFailedError([...nulls, ...(error.details ?? []).filter((d) => !named.has(d.field))]);
      }
      throw error;
    }
    if (nulls.length) throw new ValidationFailedError(nulls);
    return result;
  }
}
