import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ClientsReassigned {
  clientIds: string[];
  toManagerId: string;
  reason: string;
}

/** Work another module must do when clients change hands (e.g. move their open tasks). */
export type ReassignmentListener = (em: EntityManager, event: ClientsReassigned) => Promise<void>;

/**
 * The one place where other modules hook into reassignment. Listeners run inside the
 * reassignment's transaction: if one fails, nothing moves. The planning module
 * registers "open tasks follow the client" here.
 */
@Injectable()
export class ClientReassignmentHooks {
  private readonly listeners: ReassignmentListener[] = [];

  register(listener: ReassignmentListener): void {
    this.listeners.push(listener);
  }

  async run(em: EntityManager, event: ClientsReassigned): Promise<void> {
    for (const listener of this.listeners) await listener(em, event);
  }
}
