import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { can, type Permission } from '@polar/access';
import { DomainError } from '../errors/domain-error';
import { requestContext } from '../context/request-context';
import type { AuthenticatedUser } from './authenticated-user';
import { IS_PUBLIC_KEY, PERMISSION_KEY } from './decorators';

/**
 * The global guard: a valid access token everywhere unless `@Public()`, and the
 * handler's declared permission. A handler that declares nothing is refused — a
 * forgotten decorator must fail closed, not open.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user;
    const ctx = requestContext.get();
    if (ctx) ctx.userId = user.id;

    const required = this.reflector.getAllAndOverride<Permission | 'authenticated' | undefined>(PERMISSION_KEY, targets);
    if (!required) {
      throw new DomainError(403, 'permission_not_declared', 'This operation declares no permission and is refused');
    }
    if (required !== 'authenticated' && !can(user.role, required)) {
      throw new DomainError(403, 'forbidden', `Your role may not do this (requires ${required})`);
    }
    return true;
  }

  override handleRequest<TUser>(err: unknown, user: TUser | false): TUser {
    if (err instanceof DomainError) throw err;
    if (err || !user) throw new DomainError(401, 'unauthorized', 'A valid access token is required');
    return user;
  }
}
