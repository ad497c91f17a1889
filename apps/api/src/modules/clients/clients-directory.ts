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

  /**
   * The people of the client base who can receive mail, as SQL for set-based statements
   * (`INSERT … SELECT`): every contact with an e-mail and every individual client with
   * an e-mail, of the active (not archived) clients. Columns: `person_id` (the contact,
   * or the client for an individual), `client_id`, `contact_id` (null for an individual),
   * `address` (the first e-mail, lower-cased), `birthday_md` (`MM-DD` or null). With
   * `birthdays` (`MM-DD` strings) only the people born on one of those days.
   * Parameters are numbered from `$offset + 1`.
   */
  peopleSql(options: { birthdays?: readonly string[]; offset: number }): { sql: string; params: unknown[] } {
    const params: unknown[] = options.birthdays ? [options.birthdays] : [];
    const born = (column: string) => (options.birthdays ? `AND to_char(${column}, 'MM-DD') = ANY($${options.offset + 1}::text[])` : '');
    return {
      sql: `SELECT x.id AS person_id, x.client_id, x.id AS contact_id, lower(x.emails[1]) AS address, to_char(x.birthday, 'MM-DD') AS birthday_md
              FROM client_contacts x JOIN clients c ON c.id = x.client_id
             WHERE c.archived_at IS NULL AND cardinality(x.emails) > 0 ${born('x.birthday')}
            UNION ALL
            SELECT c.id, c.id, NULL::uuid, lower(c.emails[1]), to_char(c.birthday, 'MM-DD')
              FROM clients c
             WHERE c.kind = 'individual' AND c.archived_at IS NULL AND cardinality(c.emails) > 0 ${born('c.birthday')}`,
      params,
    };
  }

  /** The requisites print forms show for the buyer (name, INN, KPP, address). */
  async requisitesOf(em: EntityManager, clientId: string): Promise<{ name: string; inn: string | null; kpp: string | null; address: string | null } | null> {
    const rows: Array<{ name: string; inn: string | null; kpp: string | null; address: string | null; city: string | null }> = await em.query(
      `SELECT name, inn, kpp, address, city FROM clients WHERE id = $1`,
      [clientId],
    );
    const c = rows[0];
    if (!c) return null;
    // A card may keep the city apart from the street address; the form shows both once.
    const address = c.address && c.city && !c.address.includes(c.city) ? `${c.city}, ${c.address}` : (c.address ?? c.city);
    return { name: c.name, inn: c.inn, kpp: c.kpp, address };
  }
}
