import { bearer, TestApp } from './setup/test-app';
import { clientOf, createClient, FRESH_INNS } from './setup/clients';

describe('clients', () => {
  let t: TestApp;
  let manager1: string;
  let head: string;
  let director: string;
  let manager1Id: string;
  let manager2Id: string;

  beforeAll(async () => {
    t = await TestApp.start();
    const m1 = await t.login('manager1@lider.test');
    manager1 = m1.accessToken;
    manager1Id = m1.userId;
    manager2Id = await t.userId('manager2@lider.test');
    head = (await t.login('head@lider.test')).accessToken;
    director = (await t.login('director@lider.test')).accessToken;
  });
  afterAll(() => t.close());

  it('has the demo client base of «Лидер»: 300 clients over 10 managers in every status', async () => {
    const all = await t.http.get('/api/clients?pageSize=1').set(bearer(director));
    expect(all.body.total).toBe(300);
    for (const status of ['cold', 'thinking', 'ready', 'active', 'regular', 'lost']) {
      const res = await t.http.get(`/api/clients?status=${status}&managerId=${manager1Id}&pageSize=1`).set(bearer(director));
      expect({ status, some: res.body.total > 0 }).toEqual({ status, some: true });
    }
  });

  it('creates a client for the signed-in manager, with its history, and refuses a wrong INN naming the field', async () => {
    const bad = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'ООО «Север»', inn: '7707083894' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'inn', message: expect.stringContaining('INN') }]);

    const client = await createClient(t, manager1, {
      name: 'ООО «Поставка холодильного оборудования»',
      inn: FRESH_INNS[0],
      city: 'Москва',
      region: 'Москва',
      annualRevenue: '12500000.50',
      phones: ['8 (916) 555-12-34'],
      tags: ['новый', 'новый', ' сеть '],
    });
    expect(client).toMatchObject({ managerId: manager1Id, status: 'cold', annualRevenue: '12500000.50', tags: ['новый', 'сеть'], version: 1 });
    const timeline = await t.http.get(`/api/clients/${client.id}/timeline`).set(bearer(manager1));
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(['client_created']);
  });

  it('finds clients by Russian word forms, name prefix, INN, phone in any format and contact names', async () => {
    const client = await createClient(t, manager1, {
      name: 'ООО «Холодильное оборудование Юг»',
      inn: FRESH_INNS[1],
      city: 'Подольск',
      phones: ['+7 (926) 111-22-33'],
    });
    await t.http.post(`/api/clients/${client.id}/contacts`).set(bearer(manager1)).send({ fullName: 'Загорулько Виталий Андреевич', position: 'Закупщик' });
    const search = async (q: string) =>
      (await t.http.get('/api/clients').query({ q, pageSize: 50 }).set(bearer(manager1))).body.items.map((c: { id: string }) => c.id);

    expect(await search('холодильного оборудования')).toContain(client.id);
    expect(await search('холодильное оборудование')).toContain(client.id);
    expect(await search('Холод')).toContain(client.id);
    expect(await search(FRESH_INNS[1])).toEqual([client.id]);
    expect(await search('89261112233')).toEqual([client.id]);
    expect(await search('926 111 22 33')).toEqual([client.id]);
    expect(await search('Загорулько')).toEqual([client.id]);
    expect(await search('виталия загорулько')).toEqual([client.id]);
    expect(await search('несуществующийзапрос')).toEqual([]);
  });

  it('filters, sorts by an allowlist and pages with a total', async () => {
    const res = await t.http.get('/api/clients').query({ status: ['active', 'regular'], sort: '-annualRevenue', pageSize: 5 }).set(bearer(director));
    expect(res.status).toBe(200);
    expect(res.body.items.every((c: { status: string }) => ['active', 'regular'].includes(c.status))).toBe(true);
    const revenues = res.body.items.map((c: { annualRevenue: string | null }) => c.annualRevenue).filter(Boolean).map((v: string) => BigInt(v.replace('.', '')));
    expect([...revenues].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(revenues);
    const page2 = await t.http.get('/api/clients').query({ status: ['active', 'regular'], sort: '-annualRevenue', pageSize: 5, page: 2 }).set(bearer(director));
    expect(page2.body.total).toBe(res.body.total);
    expect(page2.body.items[0].id).not.toBe(res.body.items[0].id);
    const tagged = await t.http.get('/api/clients').query({ tag: 'ключевой', pageSize: 100 }).set(bearer(director));
    expect(tagged.body.total).toBeGreaterThan(0);
    expect(tagged.body.items.every((c: { tags: string[] }) => c.tags.includes('ключевой'))).toBe(true);
    expect((await t.http.get('/api/clients?sort=inn').set(bearer(director))).status).toBe(400);
  });

  it('keeps every change of client data in the timeline (who, when, old → new) and detects stale versions', async () => {
    const client = await createClient(t, manager1, { name: 'ИП Ромашкин П. С.', inn: '500100732259', city: 'Химки' });
    const updated = await t.http.patch(`/api/clients/${client.id}`).set(bearer(manager1)).send({ version: 1, status: 'thinking', city: 'Мытищи' });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    const stale = await t.http.patch(`/api/clients/${client.id}`).set(bearer(manager1)).send({ version: 1, status: 'lost' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const [event] = (await t.http.get(`/api/clients/${client.id}/timeline?kind=client_updated`).set(bearer(manager1))).body.items;
    expect(event).toMatchObject({
      kind: 'client_updated',
      actorId: manager1Id,
      actorName: 'Смирнов Алексей Петрович',
      payload: { changes: { status: { from: 'cold', to: 'thinking' }, city: { from: 'Химки', to: 'Мытищи' } } },
    });
  });

  it('keeps contacts with the decision-maker profile, and their changes in the timeline', async () => {
    const client = await createClient(t, manager1, { name: 'ООО «Рыбный двор»', inn: FRESH_INNS[2] });
    const created = await t.http.post(`/api/clients/${client.id}/contacts`).set(bearer(manager1)).send({
      fullName: 'Петрова Анна Игоревна',
      position: 'Директор',
      phones: ['+7 (903) 123-45-67'],
      emails: ['anna@rybdvor.ru'],
      birthday: '1979-03-08',
      influence: 'decision_maker',
      personalBenefits: 'Премия за снижение расходов на электроэнергию',
      character: 'Любит цифры, не любит спешку',
      hobbies: 'Теннис',
      isPrimary: true,
    });
    expect(created.status).toBe(201);
    const changed = await t.http
      .patch(`/api/clients/${client.id}/contacts/${created.body.id}`)
      .set(bearer(manager1))
      .send({ version: 1, position: 'Генеральный директор' });
    expect(changed.body.position).toBe('Генеральный директор');
    const list = await t.http.get(`/api/clients/${client.id}/contacts`).set(bearer(manager1));
    expect(list.body.items).toHaveLength(1);
    expect((await t.http.delete(`/api/clients/${client.id}/contacts/${created.body.id}`).set(bearer(manager1))).status).toBe(204);
    const kinds = (await t.http.get(`/api/clients/${client.id}/timeline`).set(bearer(manager1))).body.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(['contact_removed', 'contact_updated', 'contact_added', 'client_created']);
  });

  it('writes the key-client dossier with optimistic locking', async () => {
    const { id } = await clientOf(t, 'manager1@lider.test');
    const current = await t.http.get(`/api/clients/${id}/dossier`).set(bearer(manager1));
    const body = {
      version: current.body.version,
      industryTrends: 'Рост сетевой розницы у дома',
      competitors: ['ООО «Холодмаш»'],
      goals: { newBranches: 'Два павильона в 2027 году' },
      potentialNeeds: 'Витрины с выносным холодом',
    };
    const saved = await t.http.put(`/api/clients/${id}/dossier`).set(bearer(manager1)).send(body);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ industryTrends: 'Рост сетевой розницы у дома', goals: { newBranches: 'Два павильона в 2027 году', costCut: null }, version: current.body.version + 1 });
    const stale = await t.http.put(`/api/clients/${id}/dossier`).set(bearer(manager1)).send(body);
    expect(stale.status).toBe(409);
  });

  it('keeps notes, newest first, in the notes list and the timeline', async () => {
    const { id } = await clientOf(t, 'manager1@lider.test');
    await t.http.post(`/api/clients/${id}/notes`).set(bearer(manager1)).send({ text: 'Просит перезвонить после 15:00' });
    const note = await t.http.post(`/api/clients/${id}/notes`).set(bearer(manager1)).send({ text: 'Интересуется холодильной камерой' });
    expect(note.status).toBe(201);
    const notes = await t.http.get(`/api/clients/${id}/notes`).set(bearer(manager1));
    expect(notes.body.items.slice(0, 2).map((n: { payload: { text: string } }) => n.payload.text)).toEqual([
      'Интересуется холодильной камерой',
      'Просит перезвонить после 15:00',
    ]);
  });

  it('answers a possible duplicate with 409 and the matches; only heads may confirm', async () => {
    const existing = await createClient(t, manager1, { name: 'ООО «Продукты на углу»', inn: FRESH_INNS[3], city: 'Люберцы', phones: ['+7 (495) 700-00-01'] });
    const byInn = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'Другое имя', inn: FRESH_INNS[3] });
    expect(byInn.status).toBe(409);
    expect(byInn.body).toMatchObject({ code: 'duplicate_client', matches: [{ reason: 'inn', accessible: true, clientId: existing.id, name: 'ООО «Продукты на углу»' }] });
    const byPhone = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'Совсем другое', phones: ['84957000001'] });
    expect(byPhone.body.matches[0]).toMatchObject({ reason: 'phone', clientId: existing.id });
    const byName = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'Продукты на углу, ООО', city: 'Люберцы' });
    expect(byName.body.matches[0]).toMatchObject({ reason: 'similar_name', clientId: existing.id });
    const otherCity = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'Продукты на углу', city: 'Клин' });
    expect(otherCity.status).toBe(201);

    const managerConfirms = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'Дубль', inn: FRESH_INNS[3], confirmDuplicate: true });
    expect(managerConfirms.status).toBe(403);
    const headConfirms = await t.http
      .post('/api/clients')
      .set(bearer(head))
      .send({ kind: 'legal_entity', name: 'Филиал на углу', inn: FRESH_INNS[3], managerId: manager2Id, confirmDuplicate: true });
    expect(headConfirms.status).toBe(201);
  });

  it('reassigns a client with a reason kept in history, and in bulk', async () => {
    const client = await createClient(t, manager1, { name: 'ООО «Ветер перемен»', inn: FRESH_INNS[4] });
    expect((await t.http.post(`/api/clients/${client.id}/reassign`).set(bearer(manager1)).send({ managerId: manager2Id, reason: 'Отпуск' })).status).toBe(403);
    const res = await t.http.post(`/api/clients/${client.id}/reassign`).set(bearer(head)).send({ managerId: manager2Id, reason: 'Перераспределение территорий' });
    expect(res.status).toBe(200);
    expect(res.body.managerId).toBe(manager2Id);
    expect((await t.http.get(`/api/clients/${client.id}`).set(bearer(manager1))).status).toBe(404);
    const [event] = (await t.http.get(`/api/clients/${client.id}/timeline?kind=reassigned`).set(bearer(director))).body.items;
    expect(event.payload).toMatchObject({ fromManagerId: manager1Id, toManagerId: manager2Id, reason: 'Перераспределение территорий' });

    const m9 = await t.userId('manager9@lider.test');
    const m10 = await t.userId('manager10@lider.test');
    const before = (await t.http.get(`/api/clients?managerId=${m9}&pageSize=1`).set(bearer(director))).body.total;
    const bulk = await t.http.post('/api/clients/reassign').set(bearer(director)).send({ fromManagerId: m9, managerId: m10, reason: 'Увольнение менеджера' });
    expect(bulk.body.moved).toBe(before);
    expect((await t.http.get(`/api/clients?managerId=${m9}&pageSize=1`).set(bearer(director))).body.total).toBe(0);
    const nothing = await t.http.post('/api/clients/reassign').set(bearer(director)).send({ managerId: m10, reason: 'Пусто' });
    expect(nothing.status).toBe(422);
  });

  it('archives and restores; archived clients leave the list', async () => {
    const client = await createClient(t, manager1, { name: 'ООО «Закрылись»' });
    await t.http.post(`/api/clients/${client.id}/archive`).set(bearer(manager1));
    const list = await t.http.get('/api/clients').query({ q: 'Закрылись' }).set(bearer(manager1));
    expect(list.body.total).toBe(0);
    const archived = await t.http.get('/api/clients').query({ q: 'Закрылись', archived: true }).set(bearer(manager1));
    expect(archived.body.total).toBe(1);
    expect((await t.http.post(`/api/clients/${client.id}/restore`).set(bearer(manager1))).body.archivedAt).toBeNull();
  });

  it('saves dynamic and static segments', async () => {
    const marketing = (await t.login('marketing1@lider.test')).accessToken;
    const dynamic = await t.http
      .post('/api/segments')
      .set(bearer(marketing))
      .send({ name: 'Активные в Москве', kind: 'dynamic', filter: { status: ['active'], city: 'Москва' } });
    expect(dynamic.status).toBe(201);
    const members = await t.http.get(`/api/segments/${dynamic.body.id}/clients?pageSize=200`).set(bearer(marketing));
    expect(members.body.total).toBeGreaterThan(0);
    expect(members.body.items.every((c: { status: string; city: string }) => c.status === 'active' && c.city === 'Москва')).toBe(true);
    const viaList = await t.http.get(`/api/clients?segmentId=${dynamic.body.id}&pageSize=1`).set(bearer(marketing));
    expect(viaList.body.total).toBe(members.body.total);

    const ids = members.body.items.slice(0, 3).map((c: { id: string }) => c.id);
    const list = await t.http.post('/api/segments').set(bearer(marketing)).send({ name: 'Приглашение на выставку', kind: 'static', clientIds: ids });
    expect((await t.http.get(`/api/segments/${list.body.id}`).set(bearer(marketing))).body.memberCount).toBe(3);
    const removed = await t.http.post(`/api/segments/${list.body.id}/members/remove`).set(bearer(marketing)).send({ clientIds: [ids[0]] });
    expect(removed.body.memberCount).toBe(2);
    const wrongKind = await t.http.post(`/api/segments/${dynamic.body.id}/members`).set(bearer(marketing)).send({ clientIds: ids });
    expect(wrongKind.status).toBe(422);
  });

  it('keeps reference lists that the admin edits', async () => {
    const admin = (await t.login('admin@lider.test')).accessToken;
    const channels = await t.http.get('/api/reference/acquisition_channel').set(bearer(manager1));
    expect(channels.body.map((c: { code: string }) => c.code)).toContain('exhibition');
    const created = await t.http.post('/api/reference/acquisition_channel').set(bearer(admin)).send({ code: 'partner', name: 'Партнёр' });
    expect(created.status).toBe(201);
    expect((await t.http.post('/api/reference/acquisition_channel').set(bearer(manager1)).send({ code: 'x1', name: 'Икс' })).status).toBe(403);
    expect((await t.http.get('/api/reference/planets').set(bearer(manager1))).status).toBe(400);
    const off = await t.http.patch(`/api/reference/acquisition_channel/${created.body.id}`).set(bearer(admin)).send({ version: 1, isActive: false });
    expect(off.body.isActive).toBe(false);
    const refused = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'ООО «Партнёрский»', channelId: created.body.id });
    expect(refused.status).toBe(422);
    expect(refused.body.details[0].field).toBe('channelId');
  });
});
