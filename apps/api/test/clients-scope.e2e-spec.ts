import * as ExcelJS from 'exceljs';
import { In } from 'typeorm';
import { mapClient } from '../src/modules/clients/client.mapper';
import { Client } from '../src/modules/clients/entities/client.entity';
import { bearer, TestApp } from './setup/test-app';
import { clientOf } from './setup/clients';

/**
 * Per-manager scope over every clients endpoint: a sales manager never reads or
 * changes another manager's client, an assistant only the clients of the managers
 * assisted; out of scope is 404 (existence not revealed), never 403 and never data.
 */
describe('client scope matrix', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  let own: { id: string; name: string; inn: string | null };
  let foreign: { id: string; name: string; inn: string | null };
  let assisted6: { id: string; name: string; inn: string | null };
  let foreignContactId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    for (const email of ['manager1', 'assistant1', 'assistant2', 'director', 'head', 'service1', 'marketing1', 'quality', 'legal', 'admin']) {
      token[email] = (await t.login(`${email}@lider.test`)).accessToken;
    }
    own = await clientOf(t, 'manager1@lider.test');
    foreign = await clientOf(t, 'manager2@lider.test');
    assisted6 = await clientOf(t, 'manager6@lider.test');
    [{ id: foreignContactId }] = await t.sql.query(`SELECT id FROM client_contacts WHERE client_id = $1 LIMIT 1`, [foreign.id]);
  });
  afterAll(() => t.close());

  /** Every endpoint that addresses one client, as [label, method, path, body]. */
  const perClient = (id: string, contactId = '00000000-0000-4000-8000-000000000000'): Array<[string, 'get' | 'post' | 'patch' | 'put' | 'delete', string, object?]> => [
    ['get', 'get', `/api/clients/${id}`],
    ['update', 'patch', `/api/clients/${id}`, { version: 1, city: 'Клин' }],
    ['archive', 'post', `/api/clients/${id}/archive`],
    ['restore', 'post', `/api/clients/${id}/restore`],
    ['contacts', 'get', `/api/clients/${id}/contacts`],
    ['add contact', 'post', `/api/clients/${id}/contacts`, { fullName: 'Посторонний Человек' }],
    ['change contact', 'patch', `/api/clients/${id}/contacts/${contactId}`, { version: 1, position: 'x' }],
    ['remove contact', 'delete', `/api/clients/${id}/contacts/${contactId}`],
    ['dossier', 'get', `/api/clients/${id}/dossier`],
    ['write dossier', 'put', `/api/clients/${id}/dossier`, { version: 1 }],
    ['notes', 'get', `/api/clients/${id}/notes`],
    ['add note', 'post', `/api/clients/${id}/notes`, { text: 'Подсмотрел' }],
    ['timeline', 'get', `/api/clients/${id}/timeline`],
  ];

  async function statuses(who: string, id: string, contactId?: string) {
    const out: Record<string, number> = {};
    for (const [label, method, path, body] of perClient(id, contactId)) {
      const req = t.http[method](path).set(bearer(token[who]));
      out[label] = (await (body ? req.send(body) : req)).status;
    }
    return out;
  }

  it('answers 404 to a sales manager on every endpoint of another manager’s client', async () => {
    const got = await statuses('manager1', foreign.id, foreignContactId);
    expect(got).toEqual(Object.fromEntries(Object.keys(got).map((k) => [k, 404])));
    // …and nothing was changed or added behind the 404s.
    const [row] = await t.sql.query(`SELECT version, archived_at, (SELECT count(*)::int FROM timeline_events WHERE client_id = $1 AND kind = 'note' AND payload->>'text' = 'Подсмотрел') AS notes FROM clients WHERE id = $1`, [foreign.id]);
    expect(row).toEqual({ version: 1, archived_at: null, notes: 0 });
  });

  it('lets an assistant work with the clients of the managers assisted, and 404 elsewhere', async () => {
    expect((await t.http.get(`/api/clients/${own.id}`).set(bearer(token.assistant1))).status).toBe(200);
    expect((await t.http.get(`/api/clients/${own.id}/timeline`).set(bearer(token.assistant1))).status).toBe(200);
    const got = await statuses('assistant1', assisted6.id);
    expect(got).toEqual(Object.fromEntries(Object.keys(got).map((k) => [k, 404])));
    expect((await t.http.get(`/api/clients/${assisted6.id}`).set(bearer(token.assistant2))).status).toBe(200);
  });

  it('limits lists, search and totals to the scope', async () => {
    const managerId = await t.userId('manager1@lider.test');
    const mine = await t.http.get('/api/clients?pageSize=200').set(bearer(token.manager1));
    expect(mine.body.items.length).toBe(mine.body.total);
    expect(mine.body.items.every((c: { managerId: string }) => c.managerId === managerId)).toBe(true);
    const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM clients WHERE manager_id = $1 AND archived_at IS NULL`, [managerId]);
    expect(mine.body.total).toBe(n);
    // Filtering by another manager or searching another manager's INN or name finds nothing.
    const other = await t.userId('manager2@lider.test');
    expect((await t.http.get(`/api/clients?managerId=${other}`).set(bearer(token.manager1))).body.total).toBe(0);
    expect((await t.http.get('/api/clients').query({ q: foreign.inn }).set(bearer(token.manager1))).body.total).toBe(0);
    expect((await t.http.get('/api/clients').query({ q: foreign.name }).set(bearer(token.manager1))).body.items.map((c: { id: string }) => c.id)).not.toContain(foreign.id);
    // The assistant sees exactly managers 1–5.
    const assisted = await t.http.get('/api/clients?pageSize=1').set(bearer(token.assistant1));
    const [{ n: five }] = await t.sql.query(
      `SELECT count(*)::int AS n FROM clients c JOIN users u ON u.id = c.manager_id WHERE u.email IN ('manager1@lider.test','manager2@lider.test','manager3@lider.test','manager4@lider.test','manager5@lider.test') AND c.archived_at IS NULL`,
    );
    expect(assisted.body.total).toBe(five);
  });

  it('answers lists, searches and cards with every field equal to the client entity’s, in scope, for a manager, an assistant and the director', async () => {
    // The card, the list and the search map plain SQL rows to the answer (issue 16); this
    // holds them to what the hydrated entity with its joined rows gives (`mapClient`), and
    // their pages to the scope and order computed here independently.
    const managersOf: Record<string, string[] | null> = {
      manager1: ['manager1'],
      assistant1: ['manager1', 'manager2', 'manager3', 'manager4', 'manager5'],
      director: null,
    };
    const seen = new Map<string, Record<string, unknown>>();
    // A birthday and an archived client in every scope, so those values are compared too.
    const [{ id: archivedId, birthday: ownBirthday }] = await t.sql.query(
      `SELECT (SELECT id FROM clients WHERE manager_id = c.manager_id AND id <> c.id AND archived_at IS NULL ORDER BY name DESC LIMIT 1) AS id, c.birthday::text AS birthday FROM clients c WHERE c.id = $1`,
      [own.id],
    );
    await t.sql.query(`UPDATE clients SET birthday = '1980-02-29' WHERE id = $1`, [own.id]);
    await t.sql.query(`UPDATE clients SET archived_at = now() WHERE id = $1`, [archivedId]);
    try {
    for (const [who, managers] of Object.entries(managersOf)) {
      const ids = managers && (await Promise.all(managers.map((m) => t.userId(`${m}@lider.test`))));
      const inScope = (archived: boolean, order: string, limit: number, offset = 0) =>
        t.sql.query(
          `SELECT c.id FROM clients c WHERE ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[])) AND ($2 OR c.archived_at IS NULL) ORDER BY ${order}, c.id LIMIT ${limit} OFFSET ${offset}`,
          [ids, archived],
        ) as Promise<Array<{ id: string }>>;
      const get = async (path: string) => {
        const res = await t.http.get(path).set(bearer(token[who]));
        expect(res.status).toBe(200);
        return res.body as { items: Array<Record<string, unknown>>; total: number; nextCursor?: string | null };
      };
      const byName = await get('/api/clients?pageSize=100');
      expect(byName.items.map((c) => c.id)).toEqual((await inScope(false, 'c.name ASC NULLS LAST', 100)).map((r) => r.id));
      const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM clients c WHERE ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[])) AND c.archived_at IS NULL`, [ids]);
      expect(byName.total).toBe(n);
      const newest = await get('/api/clients?pageSize=30&page=2&sort=-createdAt&archived=true');
      expect(newest.items.map((c) => c.id)).toEqual((await inScope(true, 'c.created_at DESC NULLS LAST', 30, 30)).map((r) => r.id));
      const first = await get('/api/clients?pageSize=20&sort=-name');
      const second = await get(`/api/clients?pageSize=20&sort=-name&cursor=${first.nextCursor}`);
      expect([...first.items, ...second.items].map((c) => c.id)).toEqual((await inScope(false, 'c.name DESC NULLS LAST', 40)).map((r) => r.id));
      const byRevenue = await get('/api/clients?pageSize=50&sort=-annualRevenue');
      expect(byRevenue.items.map((c) => c.id)).toEqual((await inScope(false, 'c.annual_revenue DESC NULLS LAST', 50)).map((r) => r.id));
      // A word of a client in scope: the plain search and the search with a filter.
      const word = String(byName.items[0].name).split(/[^А-Яа-яЁёA-Za-z]+/).find((w) => w.length >= 4)!;
      const found = await get(`/api/clients?q=${encodeURIComponent(word)}&pageSize=50`);
      const filtered = await get(`/api/clients?q=${encodeURIComponent(word)}&status=${String(byName.items[0].status)}&pageSize=50`);
      expect(found.items.map((c) => c.id)).toContain(byName.items[0].id);
      expect(filtered.items.map((c) => c.id)).toContain(byName.items[0].id);
      const answers = [byName, newest, first, second, byRevenue, found, filtered].flatMap((p) => p.items);
      if (ids) expect(answers.every((c) => ids.includes(c.managerId as string))).toBe(true);
      const entities = await t.sql.getRepository(Client).find({ where: { id: In(answers.map((c) => c.id)) }, relations: { manager: true, industry: true, activityKind: true, channel: true } });
      const expected = new Map(entities.map((e) => [e.id, mapClient(e)]));
      for (const item of answers) expect(item).toEqual(expected.get(item.id as string));
      for (const item of byName.items.slice(0, 10)) expect(await get(`/api/clients/${item.id}`)).toEqual(expected.get(item.id as string));
      for (const item of answers) seen.set(item.id as string, item);
      for (const id of [own.id, archivedId]) {
        const [entity] = await t.sql.getRepository(Client).find({ where: { id }, relations: { manager: true, industry: true, activityKind: true, channel: true } });
        const card = await get(`/api/clients/${id}`);
        expect(card).toEqual(mapClient(entity));
        seen.set(id, card as unknown as Record<string, unknown>);
      }
    }
    } finally {
      await t.sql.query(`UPDATE clients SET birthday = $2 WHERE id = $1`, [own.id, ownBirthday]);
      await t.sql.query(`UPDATE clients SET archived_at = NULL WHERE id = $1`, [archivedId]);
    }
    // The comparison covered every kind of value: names of the joined rows, money, dates.
    for (const field of ['industryName', 'activityKindName', 'channelName', 'managerName', 'annualRevenue', 'birthday', 'archivedAt']) {
      expect([...seen.values()].some((c) => c[field] !== null)).toBe(true);
    }
  });

  it('exports only what is in scope', async () => {
    const res = await t.http.get('/api/clients/export?format=csv').set(bearer(token.manager1)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(res.status).toBe(200);
    const text = res.body as string;
    expect(text).toContain(own.name.replace(/"/g, '""'));
    expect(text).not.toContain(foreign.name.replace(/"/g, '""'));
    const managerId = await t.userId('manager1@lider.test');
    const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM clients WHERE manager_id = $1 AND archived_at IS NULL`, [managerId]);
    expect(text.trim().split('\r\n')).toHaveLength(n + 1);

    const xlsx = await t.http.get('/api/clients/export?format=xlsx').set(bearer(token.manager1)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(n + 1);
  });

  it('shows segment members only within the scope', async () => {
    const seg = await t.http.post('/api/segments').set(bearer(token.marketing1)).send({ name: 'Все постоянные', kind: 'dynamic', filter: { status: ['regular'] }, shared: true });
    const all = await t.http.get(`/api/segments/${seg.body.id}/clients?pageSize=200`).set(bearer(token.director));
    const mine = await t.http.get(`/api/segments/${seg.body.id}/clients?pageSize=200`).set(bearer(token.manager1));
    const managerId = await t.userId('manager1@lider.test');
    expect(mine.body.total).toBeLessThan(all.body.total);
    expect(mine.body.items.every((c: { managerId: string }) => c.managerId === managerId)).toBe(true);
    // A manager cannot put another manager's client into a list.
    const list = await t.http.post('/api/segments').set(bearer(token.manager1)).send({ name: 'Мой список', kind: 'static', clientIds: [foreign.id] });
    expect(list.status).toBe(422);
  });

  it('reveals no data of another manager’s client through a duplicate 409', async () => {
    const res = await t.http.post('/api/clients').set(bearer(token.manager1)).send({ kind: 'legal_entity', name: 'Попытка', inn: foreign.inn });
    expect(res.status).toBe(409);
    expect(res.body.matches).toEqual([{ reason: 'inn', accessible: false, clientId: null, name: null, city: null, inn: null }]);
    expect(JSON.stringify(res.body)).not.toContain(foreign.id);
  });

  it('gives back-office roles read access to all clients and no writes; legal no client access', async () => {
    for (const who of ['service1', 'marketing1', 'quality']) {
      expect((await t.http.get(`/api/clients/${foreign.id}`).set(bearer(token[who]))).status).toBe(200);
      expect((await t.http.patch(`/api/clients/${foreign.id}`).set(bearer(token[who])).send({ version: 1, city: 'Клин' })).status).toBe(403);
      expect((await t.http.post(`/api/clients/${foreign.id}/notes`).set(bearer(token[who])).send({ text: 'x' })).status).toBe(403);
    }
    expect((await t.http.get('/api/clients').set(bearer(token.legal))).status).toBe(403);
    expect((await t.http.get(`/api/clients/${foreign.id}`).set(bearer(token.legal))).status).toBe(403);
    expect((await t.http.get(`/api/clients/${foreign.id}`).set(bearer(token.director))).status).toBe(200);
    expect((await t.http.get(`/api/clients/${foreign.id}`).set(bearer(token.head))).status).toBe(200);
  });

  it('lets a manager create clients only for themself, an assistant only for the managers assisted', async () => {
    const m2 = await t.userId('manager2@lider.test');
    const m6 = await t.userId('manager6@lider.test');
    const managerForOther = await t.http.post('/api/clients').set(bearer(token.manager1)).send({ kind: 'individual', name: 'Иванов Пётр Ильич', managerId: m2 });
    expect(managerForOther.status).toBe(422);
    expect(managerForOther.body.details[0].field).toBe('managerId');
    expect((await t.http.post('/api/clients').set(bearer(token.assistant1)).send({ kind: 'individual', name: 'Сидоров Иван Петрович', managerId: m2 })).status).toBe(201);
    expect((await t.http.post('/api/clients').set(bearer(token.assistant1)).send({ kind: 'individual', name: 'Козлов Олег Петрович', managerId: m6 })).status).toBe(422);
  });
});
