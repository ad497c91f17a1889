import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const MEANING: Record<number, string> = {
  400: 'Invalid input; `details` names the fields',
  403: 'In sight but not yours to change (`read_only`)',
  404: 'Not found, or outside your scope',
  409: 'Conflict: stale `version` (`stale_version`) or a duplicate',
  422: 'A business rule refused the change; `code` says which',
};

/**
 * Documents the error answers of an operation with the one error body. `codes` lists the
 * domain codes a client may meet, e.g. ApiErrors({ 422: ['overpayment', 'invoice_closed'] }).
 */
export function ApiErrors(statuses: Partial<Record<400 | 403 | 404 | 409 | 422, string[]>>) {
  return applyDecorators(
    ...Object.entries(statuses).map(([status, codes]) =>
      ApiResponse({
        status: Number(status),
        type: ErrorResponseDto,
        description: `${MEANING[Number(status)]}${codes?.length ? `. Codes: ${codes.map((c) => `\`${c}\``).join(', ')}` : ''}`,
      }),
    ),
  );
}
