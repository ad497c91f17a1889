import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountSessions, type AccountSessionEndReason } from '../../common/auth/account-sessions';
import { AuthActorCache } from './actor-cache';
import { SessionsService } from './sessions.service';

/** The auth module's side of {@link AccountSessions}: the session rows and the actor cache. */
@Injectable()
export class AuthAccountSessions extends AccountSessions {
  constructor(
    private readonly sessions: SessionsService,
    private readonly actors: AuthActorCache,
  ) {
    super();
  }

  endAllForUser(em: EntityManager, userId: string, reason: AccountSessionEndReason): Promise<void> {
    return this.sessions.endAllForUser(em, userId, reason);
  }

  forgetActor(userId: string): void {
    this.actors.forget(userId);
  }

  forgetAllActors(): void {
    this.actors.forgetAll();
  }
}
