import { ElMessage } from 'element-plus';
import { reactive } from 'vue';
import { currentLocale, t, te } from '@/i18n';
import type { ErrorCode } from './errorCodes';

/**
 * The one place where API failures become messages for people.
 *
 * Every API error body is `{ statusCode, code, message, details?: [{ field, message }] }`.
 * - Every `code` has a message in each language (`errors.codes`, typed over the API's
 *   `ErrorCode` list, see ./errorCodes.ts). The server's own (English) message is never
 *   parsed or matched; it is shown only if a code somehow has no message.
 * - `details` are field errors: forms show them at the matching field through
 *   {@link useFormErrors}; anything not shown at a field goes to a toast.
 */

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldError[];
  /** The server's own message (English or Russian, as the API wrote it). */
  readonly serverMessage: string;
  /**
   * The whole error body as sent, for errors that carry more than the common fields
   * (e.g. `matches` of a 409 `duplicate_client`).
   */
  readonly body: unknown;

  constructor(status: number, code: string, serverMessage: string, details: FieldError[] = [], body: unknown = null) {
    super(serverMessage || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.serverMessage = serverMessage;
    this.details = details;
    this.body = body;
  }
}

/** The server could not be reached at all (offline, proxy down, CORS…). */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('network_error', { cause });
    this.name = 'NetworkError';
  }
}

/** The code of an answer that carries none (a proxy's error page, an empty body). */
const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'too_many_requests',
};

/** `body.email`, `managerIds[0]`, `address.city` → the form's top-level field name. */
export function normalizeField(field: string): string {
  const stripped = field.replace(/^(body|query|params)\./, '');
  return stripped.split(/[.[]/)[0] ?? stripped;
}

function asDetails(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (d): d is { field: unknown; message: unknown } => typeof d === 'object' && d !== null && 'message' in d,
    )
    .map((d) => ({
      field: typeof d.field === 'string' ? d.field : '',
      message: String(d.message),
    }));
}

/** Builds an {@link ApiError} from whatever the server sent (JSON body, text, nothing). */
export function toApiError(body: unknown, status: number): ApiError {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    const code = typeof b.code === 'string' && b.code ? b.code : (STATUS_CODES[status] ?? 'http_error');
    const message = Array.isArray(b.message)
      ? b.message.map(String).join('; ')
      : typeof b.message === 'string'
        ? b.message
        : '';
    const statusCode = typeof b.statusCode === 'number' ? b.statusCode : status;
    return new ApiError(statusCode, code, message, asDetails(b.details), body);
  }
  const text = typeof body === 'string' ? body : '';
  return new ApiError(status, STATUS_CODES[status] ?? 'http_error', text.slice(0, 300));
}

interface FetchResultLike<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws {@link ApiError} /
 * {@link NetworkError}.
 */
export async function unwrap<D>(call: Promise<FetchResultLike<D>>): Promise<D> {
  let result: FetchResultLike<D>;
  try {
    result = await call;
  } catch (cause) {
    throw new NetworkError(cause);
  }
  if (!result.response.ok) throw toApiError(result.error, result.response.status);
  return result.data as D;
}

/** The text to show for a failure, in the current language. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.codes.${error.code}`;
    if (te(key)) return t(key);
    return t('errors.httpStatus', { status: error.status });
  }
  if (error instanceof NetworkError) return t('errors.network');
  return t('errors.unexpected');
}

/**
 * A field error in the current language: `errors.fields.<code>.<field>` when there is a
 * translation; otherwise, in Russian, «Проверьте значение» (the server's validator text
 * is English and is not parsed), in English the server's text.
 */
export function fieldMessage(code: string, field: string, serverMessage: string): string {
  const key = `errors.fields.${code}.${field}`;
  if (te(key)) return t(key);
  return currentLocale.value === 'en' && serverMessage ? serverMessage : t('errors.fieldInvalid');
}

/** Shows a failure as a toast. */
export function notifyError(error: unknown, message: string = errorMessage(error)): void {
  ElMessage({ type: 'error', message, showClose: true, grouping: true, duration: 6000 });
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** 409 codes that mean "such a record already exists", not "someone changed it". */
const DUPLICATE_CODES = new Set(['duplicate', 'duplicate_client']);

/** A conflict caused by a stale `version` (optimistic locking), whatever the exact code. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && !DUPLICATE_CODES.has(error.code);
}

export interface FormErrorsOptions {
  /** The form's fields: details for other fields are shown in the toast. */
  fields?: readonly string[];
  /** Replaces the toast text for this failure (e.g. a 409 in an edit dialog). */
  message?: (error: unknown) => string | undefined;
}

/**
 * Field errors for an Element Plus form: bind `:error="formErrors.errors.email"` on
 * each `el-form-item`, and call `formErrors.apply(err)` in the submit's catch.
 */
export function useFormErrors(defaults: FormErrorsOptions = {}) {
  const errors = reactive<Record<string, string>>({});

  function clear(field?: string): void {
    if (field) {
      delete errors[field];
      return;
    }
    for (const key of Object.keys(errors)) delete errors[key];
  }

  /** Shows the error: field errors at the fields, everything else in a toast. */
  function apply(error: unknown, options: FormErrorsOptions = {}): void {
    const fields = options.fields ?? defaults.fields;
    const custom = options.message ?? defaults.message;
    clear();
    const leftover: string[] = [];
    let shownAtFields = 0;
    if (error instanceof ApiError) {
      for (const detail of error.details) {
        const field = normalizeField(detail.field);
        if (field && (!fields || fields.includes(field))) {
          const message = fieldMessage(error.code, field, detail.message);
          if (!errors[field]) errors[field] = message;
          else if (!errors[field].includes(message)) errors[field] = `${errors[field]}; ${message}`;
          shownAtFields++;
        } else {
          leftover.push(fieldMessage(error.code, field, detail.message));
        }
      }
    }
    const override = custom?.(error);
    if (override) {
      notifyError(error, override);
    } else if (shownAtFields === 0 || leftover.length > 0) {
      const base = errorMessage(error);
      notifyError(error, leftover.length ? `${base}: ${leftover.join('; ')}` : base);
    }
  }

  return { errors, clear, apply };
}

export type FormErrors = ReturnType<typeof useFormErrors>;
