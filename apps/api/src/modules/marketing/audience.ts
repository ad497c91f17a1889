import { Injectable } from '@nestjs/common';
import type { Actor } from '@polar/access';
import type { EntityManager } from 'typeorm';
import { scopeOf } from '../../common/scope/record-scope';
import { applySegment, ClientsRepository } from '../clients/clients.repository';

/** A SQL fragment selecting client ids, with its positional parameters. */
export interface ClientIdsSql {
  sql: string;
  params: unknown[];
}

/**
 * The clients of segments as SQL, for set-based statements (`INSERT … SELECT`): the
 * segment rules (static list or stored filter) stay in the clients module, which builds
 * the query; marketing only embeds it. Each segment is checked for the actor (404
 * naming `field` when not visible) and narrowed to the actor's client scope.
 */
@Injectable()
export class Audience {
  constructor(private readonly clients: ClientsRepository) {}

  /**
   * `SELECT id` of the active clients in any of `include` and in none of `exclude`.
   * Parameters are numbered from `$1`; `offset` shifts them behind the caller's own.
   */
  async segmentsSql(em: EntityManager, user: Actor, include: readonly string[], exclude: readonly string[], offset: number, field: string): Promise<ClientIdsSql> {
    const params: unknown[] = [];
    const part = async (segmentId: string, name: string): Promise<string> => {
      const segment = await this.clients.segmentOrFail(segmentId, user, 'see', em, name);
      const qb = this.clients.scoped(scopeOf(user), em, true).select('c.id').andWhere('c.archived_at IS NULL');
      applySegment(qb, segment);
      const [sql, own] = qb.getQueryAndParameters();
      const shift = offset + params.length;
      params.push(...own);
      // TypeORM numbers its parameters $1…$n; renumber them behind what came before.
      return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`);
    };
    const included: string[] = [];
    for (const [i, id] of include.entries()) included.push(await part(id, `${field}.${i}`));
    const excluded: string[] = [];
    for (const [i, id] of exclude.entries()) excluded.push(await part(id, `exclude${field[0].toUpperCase()}${field.slice(1)}.${i}`));
    if (!included.length) return { sql: 'SELECT NULL::uuid AS id WHERE FALSE', params };
    let sql = `SELECT s.id FROM (${included.map((s) => `(${s})`).join(' UNION ')}) s(id)`;
    if (excluded.length) sql += ` WHERE s.id NOT IN (${excluded.map((s) => `(${s})`).join(' UNION ')})`;
    return { sql, params };
  }
}
