import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../common/events';
import { findDuplicates } from './client-duplicates';
import { clientHistoryFields } from './client.mapper';
import { normalizeEmails, normalizeName, normalizePhones } from './client-normalize';
import { Client } from './entities/client.entity';

/** Who wrote to or called us, as an inbound channel knows them. */
export interface InboundContact {
  phones?: readonly string[];
  emails?: readonly string[];
  inn?: string | null;
}

/** The client an inbound contact matched, and why (the duplicate rule that fired). */
export interface InboundMatch {
  clientId: string;
  managerId: string;
  name: string;
  reason: 'inn' | 'phone' | 'email';
}

/** A client an inbound channel creates (a lead from the site or an unknown caller). */
export interface NewInboundClient extends InboundContact {
  name: string;
  city?: string | null;
  channelId?: string | null;
  managerId: string;
}

const REASON_WEIGHT = { inn: 1, phone: 2, email: 3 } as const;

/**
 * What other modules may ask the client base, without reading its tables: the
 * responsible managers of clients (record access goes through AccessService). Always with the caller's
 * EntityManager, so the answer is consistent with the caller's transaction.
 */
@Injectable()
export class ClientsDirectory {
  constructor(private readonly events: EventBus) {}

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

  /**
   * The client an inbound lead, call or e-mail belongs to, by the duplicate rules of the
   * client base (same INN, a shared phone or e-mail after normalisation: `8 (495) 123-45-67`
   * finds `+74951234567`). A similar name alone is not enough for an anonymous channel.
   * The strongest rule wins; among equals, the oldest client.
   */
  async matchInbound(em: EntityManager, contact: InboundContact): Promise<InboundMatch | null> {
    const rows = await findDuplicates(em, {
      inn: contact.inn ?? null,
      phonesNormalized: normalizePhones([...(contact.phones ?? [])]),
      emailsNormalized: normalizeEmails([...(contact.emails ?? [])]),
      nameNormalized: '',
      city: null,
    });
    const exact = rows.filter((r): r is typeof r & { reason: InboundMatch['reason'] } => r.reason in REASON_WEIGHT);
    if (!exact.length) return null;
    exact.sort((a, b) => REASON_WEIGHT[a.reason] - REASON_WEIGHT[b.reason]);
    const best = exact[0];
    return { clientId: best.id, managerId: best.manager_id, name: best.name, reason: best.reason };
  }

  /** Creates a client for an inbound lead (status «cold»), with the usual `client.created` event. */
  async createInbound(em: EntityManager, input: NewInboundClient, actorId: string | null): Promise<string> {
    const phones = [...(input.phones ?? [])];
    const emails = [...(input.emails ?? [])];
    const inn = input.inn ?? null;
    const client = em.create(Client, {
      // A 10-digit INN is a company's; without one a lead is a person until a manager says otherwise.
      kind: inn?.length === 10 ? 'legal_entity' : 'individual',
      name: input.name,
      nameNormalized: normalizeName(input.name),
      inn,
      kpp: null,
      ogrn: null,
      industryId: null,
      activityKindId: null,
      channelId: input.channelId ?? null,
      region: null,
      city: input.city ?? null,
      address: null,
      headcount: null,
      annualRevenue: null,
      status: 'cold',
      tags: [],
      managerId: input.managerId,
      birthday: null,
      phones,
      phonesNormalized: normalizePhones(phones),
      emails,
      emailsNormalized: normalizeEmails(emails),
      createdBy: actorId,
      archivedAt: null,
    });
    await em.save(client);
    await this.events.publish(em, {
      type: 'client.created',
      actorId,
      payload: { clientId: client.id, name: client.name },
      audit: { action: 'create', entityType: 'client', entityId: client.id, after: clientHistoryFields(client) },
    });
    return client.id;
  }

  /** Whether the client exists and is not archived (inbound e-mails assigned by a reviewer). */
  async exists(em: EntityManager, clientId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM clients WHERE id = $1 AND archived_at IS NULL`, [clientId]);
    return rows.length > 0;
  }

  /**
   * Replaces every client's current ABC/XYZ class with `classes` (clients not listed
   * have none), in the caller's transaction. The classification is marketing's
   * (payments over the last year); the client base only keeps the result as its own
   * attribute, so that the client list and the dynamic segments filter on it without
   * reading marketing's tables — and marketing never writes the clients table itself.
   * Neither the version nor updated_at moves: this is not an edit of the client.
   */
  async setAbcXyzClasses(em: EntityManager, classes: ReadonlyArray<{ clientId: string; abc: string; xyz: string }>): Promise<void> {
    await setAbcXyzClasses(em, classes);
  }
}

/** See ClientsDirectory.setAbcXyzClasses (also used by the demo seed, which has no DI). */
export async function setAbcXyzClasses(em: EntityManager, classes: ReadonlyArray<{ clientId: string; abc: string; xyz: string }>): Promise<void> {
  const json = JSON.stringify(classes.map((c) => ({ client_id: c.clientId, abc: c.abc, xyz: c.xyz })));
  await em.query(
    `UPDATE clients SET abc_class = NULL, xyz_class = NULL
      WHERE abc_class IS NOT NULL AND id NOT IN (SELECT r.client_id FROM jsonb_to_recordset($1::jsonb) AS r(client_id uuid))`,
    [json],
  );
  await em.query(
    `UPDATE clients c SET abc_class = r.abc, xyz_class = r.xyz
       FROM jsonb_to_recordset($1::jsonb) AS r(client_id uuid, abc text, xyz text)
      WHERE c.id = r.client_id AND (c.abc_class IS DISTINCT FROM r.abc OR c.xyz_class IS DISTINCT FROM r.xyz)`,
    [json],
  );
}
