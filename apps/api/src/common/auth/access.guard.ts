import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can, type Permission } from '@polar/access';
import type { Request } from 'express';
import { requestContext } from '../context/request-context';
import { DomainError } from '../errors/domain-error';
import { ApiKeyAuthenticator, apiKeyOf } from './api-key';
import { IS_PUBLIC_KEY, PERMISSION_KEY } from './decorators';
import { SessionTokenAuthenticator } from './session-token';

/**
 * The global guard: a valid access token everywhere unless `@Public()`, and the
 * handler's declared permission. A handler that declares nothing is refused — a
 * forgotten decorator must fail closed, not open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionTokenAuthenticator,
    @Optional() private readonly apiKeys?: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const req = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    // An API token becomes an actor like a signed-in user: everything below (permission,
    // and the record scope the services apply to req.user) is the same for both.
    const apiKey = this.apiKeys ? apiKeyOf(req) : null;
    const user = apiKey ? await this.apiKeys!.authenticate(req, apiKey) : await this.sessions.authenticate(req);
    req.user = user;
    const ctx = requestContext.get();
    if (ctx) {
      ctx.userId = user.id;
      if (user.apiToken) ctx.apiToken = user.apiToken;
    }

    const required = this.reflector.getAllAndOverride<Permission | 'authenticated' | undefined>(PERMISSION_KEY, targets);
    if (!required) {
      throw new DomainError(403, 'permission_not_declared', 'This operation declares no permission and is refused');
    }
    if (required !== 'authenticated' && !can(user.role, required)) {
      throw new DomainError(403, 'forbidden', `Your role may not do this (requires ${required})`);
    }
    return true;
  }
}
