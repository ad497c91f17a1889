import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Permission } from '@polar/access';
import { ErrorResponseDto } from '../errors/error-response.dto';
import type { AuthenticatedUser } from './authenticated-user';

export const IS_PUBLIC_KEY = 'polar:isPublic';
export const PERMISSION_KEY = 'polar:permission';
/** The OpenAPI extension that shows each operation's permission. */
export const PERMISSION_EXTENSION = 'x-permission';

/** Opts a handler out of authentication. Use sparingly: login, health, public links. */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension(PERMISSION_EXTENSION, 'public'));

/**
 * Declares the permission a handler requires. Every non-public handler must have one:
 * the global guard refuses handlers without it (default deny).
 */
export const RequirePermission = (permission: Permission | 'authenticated') =>
  applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    ApiExtension(PERMISSION_EXTENSION, permission),
    ApiBearerAuth('bearer'),
    ApiSecurity('apiKey'),
    ApiUnauthorizedResponse({ description: 'Missing, expired or revoked access token', type: ErrorResponseDto }),
    ...(permission === 'authenticated'
      ? []
      : [ApiForbiddenResponse({ description: `Requires permission \`${permission}\``, type: ErrorResponseDto })]),
  );

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user;
});
