import type { Schemas } from '@polar/api-client';

/**
 * Every error `code` the API can answer with: the `ErrorCode` enum of the OpenAPI schema,
 * generated from the API's one list (apps/api/src/common/errors/error-codes.ts). The
 * message maps in i18n/errors.*.ts are `Record<ErrorCode, string>`, so a code added to
 * the API without a message in each language fails `vue-tsc`.
 */
export type ErrorCode = Schemas['ErrorCode'];
