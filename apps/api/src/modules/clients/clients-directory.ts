import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * What other modules may ask the client base, without reading its tables: the
 * responsible managers of clients (record access goes through AccessService). Always with the caller's
 * EntityManager, so the answer is consistent with the caller's transaction.
 */
@Injectable()
export class ClientsDirectory {
  /** Responsible manager per client id, one query for any number of clients. */
  async managersOf(em: EntityManager, clientIds: readonly string[]): Promise<Map<string, string>> {
    if (!clientIds.length) return new Map();
    const rows: Array<{ id: string; manager_id: string }> = await em.query(`SELECT id, manager_id FROM clients WHERE id = ANY($1::uuid[])`, [clientIds]);
    return new Map(rows.map((r) => [r.id, r.manager_id]));
  }
}
