import type { EntityManager } from 'typeorm';
import { normalizeEmails, normalizeName, normalizePhones } from '../../modules/clients/client-normalize';
import { generateDemoClients, type DemoClient } from './demo-clients';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Loads the demo clients of «Лидер» (contacts, dossiers of key clients, a first history)
 * unless some client already exists. Set-based INSERTs: the whole load is a handful of
 * statements, whatever the number of clients.
 */
export async function seedDemoClients(em: EntityManager, now: Date, clients: DemoClient[] = generateDemoClients()): Promise<{ created: number }> {
  const [{ exists }] = await em.query(`SELECT EXISTS (SELECT 1 FROM clients) AS exists`);
  if (exists) return { created: 0 };

  const refs: Array<{ id: string; kind: string; code: string }> = await em.query(`SELECT id, kind, code FROM reference_items`);
  const ref = (kind: string, code: string) => refs.find((r) => r.kind === kind && r.code === code)?.id ?? null;
  const managers: Array<{ id: string; email: string }> = await em.query(`SELECT id, email FROM users WHERE email LIKE 'manager%@lider.test'`);
  const managerId = (i: number) => {
    const m = managers.find((x) => x.email === `manager${i}@lider.test`);
    if (!m) throw new Error(`demo manager${i} is missing: seed the staff first`);
    return m.id;
  };

  const rows = clients.map((c) => ({
    key: c.key,
    kind: c.kind,
    name: c.name,
    name_normalized: normalizeName(c.name),
    inn: c.inn,
    kpp: c.kpp,
    ogrn: c.ogrn,
    industry_id: ref('industry', c.industryCode),
    activity_kind_id: ref('activity_kind', c.activityCode),
    region: c.region,
    city: c.city,
    address: c.address,
    headcount: c.headcount,
    annual_revenue: c.annualRevenue,
    status: c.status,
    channel_id: ref('acquisition_channel', c.channelCode),
    tags: c.tags,
    manager_id: managerId(c.managerIndex),
    birthday: c.birthday,
    phones: c.phones,
    phones_normalized: normalizePhones(c.phones),
    emails: c.emails,
    emails_normalized: normalizeEmails(c.emails),
    created_at: new Date(now.getTime() - c.createdDaysAgo * DAY_MS).toISOString(),
  }));
  const inserted: Array<{ id: string; name: string }> = await em.query(
    `INSERT INTO clients (kind, name, name_normalized, inn, kpp, ogrn, industry_id, activity_kind_id, region, city, address, headcount,
                          annual_revenue, status, channel_id, tags, manager_id, birthday, phones, phones_normalized, emails, emails_normalized,
                          created_at, updated_at, version)
     SELECT r.kind, r.name, r.name_normalized, r.inn, r.kpp, r.ogrn, r.industry_id, r.activity_kind_id, r.region, r.city, r.address, r.headcount,
            r.annual_revenue, r.status, r.channel_id, r.tags, r.manager_id, r.birthday, r.phones, r.phones_normalized, r.emails, r.emails_normalized,
            r.created_at, r.created_at, 1
       FROM jsonb_to_recordset($1::jsonb) AS r(kind text, name text, name_normalized text, inn text, kpp text, ogrn text, industry_id uuid,
            activity_kind_id uuid, region text, city text, address text, headcount int, annual_revenue numeric, status text, channel_id uuid,
            tags text[], manager_id uuid, birthday date, phones text[], phones_normalized text[], emails text[], emails_normalized text[],
            created_at timestamptz, key text)
     RETURNING id, name`,
    [JSON.stringify(rows)],
  );
  // Demo names are unique, so the name maps a returned id back to its demo record.
  const keyByName = new Map(clients.map((c) => [c.name, c.key]));
  const idByKey = new Map(inserted.map((r) => [keyByName.get(r.name), r.id]));

  const contacts = clients.flatMap((c) =>
    c.contacts.map((p) => ({
      client_id: idByKey.get(c.key),
      full_name: p.fullName,
      position: p.position,
      phones: p.phones,
      phones_normalized: normalizePhones(p.phones),
      emails: p.emails,
      emails_normalized: normalizeEmails(p.emails),
      birthday: p.birthday,
      influence: p.influence,
      personal_benefits: p.personalBenefits,
      character: p.character,
      hobbies: p.hobbies,
      is_primary: p.isPrimary,
    })),
  );
  if (contacts.length) {
    await em.query(
      `INSERT INTO client_contacts (client_id, full_name, position, phones, phones_normalized, emails, emails_normalized, birthday, influence,
                                    personal_benefits, character, hobbies, is_primary, version)
       SELECT r.client_id, r.full_name, r.position, r.phones, r.phones_normalized, r.emails, r.emails_normalized, r.birthday, r.influence,
              r.personal_benefits, r.character, r.hobbies, r.is_primary, 1
         FROM jsonb_to_recordset($1::jsonb) AS r(client_id uuid, full_name text, position text, phones text[], phones_normalized text[],
              emails text[], emails_normalized text[], birthday date, influence text, personal_benefits text, character text, hobbies text, is_primary boolean)`,
      [JSON.stringify(contacts)],
    );
  }

  const dossiers = clients.filter((c) => c.dossier).map((c) => ({ client_id: idByKey.get(c.key), content: c.dossier }));
  if (dossiers.length) {
    await em.query(
      `INSERT INTO client_dossiers (client_id, content, version)
       SELECT r.client_id, r.content, 1 FROM jsonb_to_recordset($1::jsonb) AS r(client_id uuid, content jsonb)`,
      [JSON.stringify(dossiers)],
    );
  }

  // A first history: when each client was taken on, and a note on each key client.
  const events = clients.flatMap((c) => {
    const clientId = idByKey.get(c.key);
    const created = new Date(now.getTime() - c.createdDaysAgo * DAY_MS);
    const list: Array<{ client_id: string | undefined; occurred_at: string; kind: string; payload: Record<string, string> }> = [
      { client_id: clientId, occurred_at: created.toISOString(), kind: 'client_created', payload: { name: c.name } },
    ];
    if (c.isKey) {
      list.push({
        client_id: clientId,
        occurred_at: new Date(Math.min(now.getTime(), created.getTime() + 3 * DAY_MS)).toISOString(),
        kind: 'note',
        payload: { text: `Ключевой клиент. ${c.dossier?.potentialNeeds ?? 'Регулярно закупает холодильное оборудование.'}` },
      });
    }
    return list;
  });
  await em.query(
    `INSERT INTO timeline_events (client_id, occurred_at, kind, payload)
     SELECT r.client_id, r.occurred_at, r.kind, r.payload
       FROM jsonb_to_recordset($1::jsonb) AS r(client_id uuid, occurred_at timestamptz, kind text, payload jsonb)`,
    [JSON.stringify(events)],
  );
  return { created: inserted.length };
}
