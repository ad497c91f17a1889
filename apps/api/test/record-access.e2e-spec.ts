import { bearer, TestApp } from './setup/test-app';
import { clientOf } from './setup/clients';

/**
 * Record-level access defects of wave 1 (issue 9 §4), each as a user would meet it:
 * another manager's saved segments, deals credited to someone else, an existence
 * oracle in task links, and service / quality staff editing sales tasks.
 */
describe('record access: segments, deal managers, task links and task owners', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  let ownClient: string;
  let foreignClient: string;

  beforeAll(async () => {
    t = await TestApp.start();
    for (const who of ['manager1', 'manager2', 'manager6', 'assistant1', 'head', 'director', 'service1', 'quality', 'marketing1']) {
      const s = await t.login(`${who}@lider.test`);
      token[who] = s.accessToken;
      id[who] = s.userId;
    }
    ownClient = (await clientOf(t, 'manager1@lider.test')).id;
    foreignClient = (await clientOf(t, 'manager2@lider.test')).id;
  });
  afterAll(() => t.close());

  const as = (who: string) => ({
    get: (path: string) => t.http.get(path).set(bearer(token[who])),
    post: (path: string, body: object = {}) => t.http.post(path).set(bearer(token[who])).send(body),
    patch: (path: string, body: object) => t.http.patch(path).set(bearer(token[who])).send(body),
    delete: (path: string) => t.http.delete(path).set(bearer(token[who])),
  });

  describe('saved segments belong to their owner', () => {
    let secret: { id: string; version: number };
    let published: { id: string; version: number };

    beforeAll(async () => {
      secret = (await as('manager2').post('/api/segments', { name: 'Мои горячие', kind: 'static', clientIds: [foreignClient] })).body;
      published = (await as('marketing1').post('/api/segments', { name: 'Постоянные для рассылки', kind: 'dynamic', filter: { status: ['regular'] }, shared: true })).body;
    });

    it('hides another manager’s segment and its filter from lists and from a get by id (404)', async () => {
      const list = await as('manager1').get('/api/segments?pageSize=200');
      expect(list.status).toBe(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(secret.id);
      expect((await as('manager1').get(`/api/segments/${secret.id}`)).status).toBe(404);
      expect((await as('manager1').get(`/api/segments/${secret.id}/clients`)).status).toBe(404);
      expect((await as('manager1').get(`/api/clients?segmentId=${secret.id}`)).status).toBe(404);
      // Not even management sees someone's private segment.
      expect((await as('director').get(`/api/segments/${secret.id}`)).status).toBe(404);
    });

    it('refuses to rename, change members of or delete another manager’s segment, and changes nothing', async () => {
      expect((await as('manager1').patch(`/api/segments/${secret.id}`, { version: secret.version, name: 'Угнано' })).status).toBe(404);
      expect((await as('manager1').post(`/api/segments/${secret.id}/members`, { clientIds: [ownClient] })).status).toBe(404);
      expect((await as('manager1').post(`/api/segments/${secret.id}/members/remove`, { clientIds: [foreignClient] })).status).toBe(404);
      expect((await as('manager1').delete(`/api/segments/${secret.id}`)).status).toBe(404);
      const [row] = await t.sql.query(`SELECT name, (SELECT count(*)::int FROM segment_members WHERE segment_id = s.id) AS members FROM segments s WHERE id = $1`, [secret.id]);
      expect(row).toEqual({ name: 'Мои горячие', members: 1 });
      // The owner still has it all.
      expect((await as('manager2').get(`/api/segments/${secret.id}`)).body).toMatchObject({ name: 'Мои горячие', memberCount: 1, editable: true, shared: false });
    });

    it('shows a shared segment to everyone read-only: heads and managers use it, only the owner changes it', async () => {
      const seen = await as('head').get(`/api/segments/${published.id}`);
      expect(seen.body).toMatchObject({ shared: true, editable: false, ownerId: id.marketing1 });
      expect((await as('head').get('/api/segments?pageSize=200')).body.items.map((s: { id: string }) => s.id)).toContain(published.id);
      const mine = await as('manager1').get(`/api/segments/${published.id}/clients?pageSize=200`);
      expect(mine.status).toBe(200);
      expect(mine.body.items.every((c: { managerId: string }) => c.managerId === id.manager1)).toBe(true);
      expect((await as('manager1').patch(`/api/segments/${published.id}`, { version: published.version, name: 'Моё' })).status).toBe(403);
      expect((await as('head').delete(`/api/segments/${published.id}`)).status).toBe(403);
      expect((await as('marketing1').patch(`/api/segments/${published.id}`, { version: published.version, shared: false })).status).toBe(200);
      expect((await as('head').get(`/api/segments/${published.id}`)).status).toBe(404);
    });

    it('lists one’s own segments apart from those others shared', async () => {
      const own = (await as('manager2').get('/api/segments?mine=true&pageSize=200')).body.items;
      expect(own.map((s: { id: string }) => s.id)).toContain(secret.id);
      expect(own.every((s: { ownerId: string }) => s.ownerId === id.manager2)).toBe(true);
    });
  });

  describe('the responsible manager of a new deal', () => {
    const deal = (who: string, clientId: string, managerId?: string) => as(who).post('/api/deals', { clientId, title: 'Оснащение павильона', amount: '100000.00', ...(managerId ? { managerId } : {}) });

    it('refuses a sales manager crediting another manager (422 naming the field), writing nothing', async () => {
      const before = Number((await t.sql.query(`SELECT count(*)::int AS n FROM deals WHERE client_id = $1`, [ownClient]))[0].n);
      const res = await deal('manager1', ownClient, id.manager2);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'manager_not_allowed', details: [{ field: 'managerId' }] });
      expect(Number((await t.sql.query(`SELECT count(*)::int AS n FROM deals WHERE client_id = $1`, [ownClient]))[0].n)).toBe(before);
      expect((await deal('manager1', ownClient)).body.managerId).toBe(id.manager1);
      expect((await deal('manager1', ownClient, id.manager1)).status).toBe(201);
    });

    it('lets an assistant credit only the managers assisted, and heads anyone', async () => {
      expect((await deal('assistant1', ownClient, id.manager2)).status).toBe(201);
      expect((await deal('assistant1', ownClient, id.manager6)).status).toBe(422);
      const byHead = await deal('head', ownClient, id.manager2);
      expect(byHead.status).toBe(201);
      expect(byHead.body.managerId).toBe(id.manager2);
    });
  });

  describe('task links reveal nothing', () => {
    it('answers another manager’s deal, invoice or contact exactly like an id that exists nowhere', async () => {
      const foreignDeal = (await as('manager2').post('/api/deals', { clientId: foreignClient, title: 'Чужая', amount: '10.00' })).body.id;
      const [{ id: foreignContact }] = await t.sql.query(`SELECT id FROM client_contacts WHERE client_id = $1 LIMIT 1`, [foreignClient]);
      const nowhere = '00000000-0000-4000-8000-000000000000';
      const task = (link: object) => as('manager1').post('/api/tasks', { type: 'call', subject: 'Подсмотреть', dueAt: '2026-01-15T10:00:00+03:00', ...link });
      for (const field of ['dealId', 'contactId', 'clientId', 'invoiceId']) {
        const real = field === 'dealId' ? foreignDeal : field === 'contactId' ? foreignContact : field === 'clientId' ? foreignClient : null;
        const answers = [await task({ [field]: nowhere }), ...(real ? [await task({ [field]: real })] : [])];
        for (const res of answers) expect({ field, status: res.status, body: res.body }).toMatchObject({ field, status: 404, body: { code: 'not_found', details: [{ field }] } });
        if (answers.length === 2) expect(answers[1].body.message).toBe(answers[0].body.message);
      }
    });
  });

  describe('service and quality staff work their own tasks and those given to them', () => {
    let salesTask: { id: string; version: number };

    beforeAll(async () => {
      salesTask = (await as('manager1').post('/api/tasks', { type: 'call', subject: 'Перезвонить по КП', clientId: ownClient, dueAt: '2026-01-15T10:00:00+03:00' })).body;
    });

    it('never lets them read, edit, complete or cancel a sales manager’s task', async () => {
      for (const who of ['service1', 'quality']) {
        expect((await as(who).get(`/api/tasks/${salesTask.id}`)).status).toBe(404);
        expect((await as(who).patch(`/api/tasks/${salesTask.id}`, { version: salesTask.version, subject: 'Моё' })).status).toBe(404);
        expect((await as(who).post(`/api/tasks/${salesTask.id}/complete`, { version: salesTask.version, result: 'Сделано' })).status).toBe(404);
        expect((await as(who).post(`/api/tasks/${salesTask.id}/cancel`, { version: salesTask.version })).status).toBe(404);
        const list = await as(who).get(`/api/tasks?clientId=${ownClient}&pageSize=100`);
        expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(salesTask.id);
      }
      const [row] = await t.sql.query(`SELECT subject, status, version FROM tasks WHERE id = $1`, [salesTask.id]);
      expect(row).toEqual({ subject: 'Перезвонить по КП', status: 'planned', version: salesTask.version });
    });

    it('lets them plan their own work on a client, not tie it to a sales deal they cannot see', async () => {
      const own = await as('service1').post('/api/tasks', { type: 'visit', subject: 'Пусконаладка', clientId: ownClient, dueAt: '2026-01-16T10:00:00+03:00' });
      expect(own.status).toBe(201);
      expect(own.body.assigneeId).toBe(id.service1);
      expect((await as('service1').post(`/api/tasks/${own.body.id}/complete`, { version: own.body.version, result: 'Запущено' })).status).toBe(200);
      const [{ id: dealId }] = await t.sql.query(`SELECT id FROM deals WHERE client_id = $1 LIMIT 1`, [ownClient]);
      const tied = await as('quality').post('/api/tasks', { type: 'call', subject: 'Опрос', dealId, dueAt: '2026-01-16T10:00:00+03:00' });
      expect(tied.status).toBe(404);
      expect(tied.body.details).toEqual([{ field: 'dealId', message: 'Not found' }]);
      expect((await as('service1').post('/api/tasks', { type: 'call', subject: 'Чужое', assigneeId: id.manager1, clientId: ownClient, dueAt: '2026-01-16T10:00:00+03:00' })).status).toBe(422);
    });

    it('lets them work a task the head gave them; the client’s manager sees it but may not change it', async () => {
      const given = (await as('head').post('/api/tasks', { type: 'visit', subject: 'Осмотр оборудования', clientId: ownClient, assigneeId: id.service1, dueAt: '2026-01-17T10:00:00+03:00' })).body;
      const worked = await as('service1').patch(`/api/tasks/${given.id}`, { version: given.version, priority: 'high' });
      expect(worked.status).toBe(200);
      expect(worked.body.canChange).toBe(true);
      const seen = await as('manager1').get(`/api/tasks/${given.id}`);
      expect(seen.status).toBe(200);
      // The web client hides «Выполнено» / «Перенести» on it for the manager.
      expect(seen.body.canChange).toBe(false);
      const listed = await as('manager1').get(`/api/tasks?clientId=${ownClient}&pageSize=100`);
      expect(listed.body.items.find((x: { id: string }) => x.id === given.id).canChange).toBe(false);
      const refused = await as('manager1').post(`/api/tasks/${given.id}/complete`, { version: given.version + 1, result: 'Не моё' });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('read_only');
      expect((await as('manager2').get(`/api/tasks/${given.id}`)).status).toBe(404);
    });
  });
});
