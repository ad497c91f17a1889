import type { Schemas } from '@polar/api-client';

/**
 * The codes of the import report, generated from the API's lists (the `ImportRowErrorCode`
 * and `ImportFailureCode` enums of the OpenAPI schema). The texts in i18n/clients.*.ts are
 * `Record<Code, string>`, so a code added to the API without a text fails `vue-tsc`.
 */
export type ImportRowErrorCode = Schemas['ImportRowErrorCode'];
export type ImportFailureCode = Schemas['ImportFailureCode'];
export type ImportRowError = Schemas['ImportRowErrorDto'];
export type ImportFailure = Schemas['ImportFailureDto'];
