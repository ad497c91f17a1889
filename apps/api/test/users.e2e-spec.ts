import { bearer, TestApp } from './setup/test-app';

describe('user administration', () => {
  let t: TestApp;
  let admin: string;
  let director: string;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.login('admin@lider.test')).accessToken;
    director = (await t.login('director@lider.test')).accessToken;
  });
  afterAll(() => t.close());

  it('lists the demo staff of "Лидер" with search, role filter, sort and a total', async () => {
    const all = await t.http.get('/api/users?pageSize=100').set(bearer(director));
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body.items.filter((u: { role: string }) => u.role === 'sales_manager')).toHaveLength(10);
    expect(all.body.items.filter((u: { role: string }) => u.role === 'service')).toHaveLength(7);

    const managers = await t.http.get('/api/users?role=sales_manager&pageSize=3&page=2&sort=email').set(bearer(director));
    expect(managers.body).toMatchObject({ total: 10, page: 2, pageSize: 3 });
    expect(managers.body.items.map((u: { email: string }) => u.email)).toEqual([
      'manager3@lider.test',
      'manager4@lider.test',
      'manager5@lider.test',
    ]);

    const search = await t.http.get(`/api/users?q=${encodeURIComponent('смирнов')}`).set(bearer(director));
    expect(search.body.items.map((u: { email: string }) => u.email)).toEqual(['manager1@lider.test']);
    const wildcard = await t.http.get('/api/users?q=%25').set(bearer(director));
    expect(wildcard.body.total).toBe(0);
  });

  it('shows which managers each assistant works for', async () => {
    const res = await t.http.get('/api/users?role=sales_assistant&sort=email').set(bearer(director));
    const [a1] = res.body.items;
    const managers = await t.http.get('/api/users?role=sales_manager&pageSize=10&sort=email').set(bearer(director));
    const firstFive = managers.body.items
      .filter((m: { email: string }) => ['1', '2', '3', '4', '5'].includes(m.email.replace(/\D/g, '')))
      .map((m: { id: string }) => m.id)
      .sort();
    expect(a1.email).toBe('assistant1@lider.test');
    expect([...a1.assistedManagerIds].sort()).toEqual(firstFive);
  });

  it('creates a user who can sign in, and refuses a taken e-mail with 409 naming the field', async () => {
    const res = await t.http.post('/api/users').set(bearer(admin)).send({
      email: 'Manager11@Lider.test',
      fullName: 'Новиков Илья Сергеевич',
      role: 'sales_manager',
      password: 'start-123',
      phone: '+7 (916) 123-45-67',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: 'manager11@lider.test', role: 'sales_manager', isActive: true, version: 1 });
    expect(res.body).not.toHaveProperty('passwordHash');
    expect((await t.http.post('/api/auth/login').send({ email: 'manager11@lider.test', password: 'start-123' })).status).toBe(200);

    const dup = await t.http
      .post('/api/users')
      .set(bearer(admin))
      .send({ email: 'manager11@lider.test', fullName: 'Другой Человек', role: 'service', password: 'start-123' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'duplicate', details: [{ field: 'email', message: expect.any(String) }] });
  });

  it('updates with optimistic locking: a stale version gets 409 and nothing changes', async () => {
    const id = await t.userId('service2@lider.test');
    const current = (await t.http.get(`/api/users/${id}`).set(bearer(admin))).body;
    const first = await t.http.patch(`/api/users/${id}`).set(bearer(admin)).send({ version: current.version, position: 'Старший инженер' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(current.version + 1);
    const stale = await t.http.patch(`/api/users/${id}`).set(bearer(admin)).send({ version: current.version, position: 'Стажёр' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect((await t.http.get(`/api/users/${id}`).set(bearer(admin))).body.position).toBe('Старший инженер');
  });

  it('resets a password: old sessions end and the new password works', async () => {
    const id = await t.userId('service3@lider.test');
    const session = await t.login('service3@lider.test');
    expect((await t.http.post(`/api/users/${id}/reset-password`).set(bearer(admin)).send({ newPassword: 'temporary-42' })).status).toBe(204);
    expect((await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ email: 'service3@lider.test', password: 'temporary-42' })).status).toBe(200);
  });

  it('reactivates a deactivated user', async () => {
    const id = await t.userId('service4@lider.test');
    expect((await t.http.post(`/api/users/${id}/deactivate`).set(bearer(admin))).body.isActive).toBe(false);
    expect((await t.http.post('/api/auth/login').send({ email: 'service4@lider.test', password: 'lider-demo' })).status).toBe(401);
    expect((await t.http.post(`/api/users/${id}/activate`).set(bearer(admin))).body.isActive).toBe(true);
    expect((await t.http.post('/api/auth/login').send({ email: 'service4@lider.test', password: 'lider-demo' })).status).toBe(200);
  });

  it('keeps the administrator from locking themselves out', async () => {
    const id = await t.userId('admin@lider.test');
    const res = await t.http.post(`/api/users/${id}/deactivate`).set(bearer(admin));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('own_account');
  });

  it('assigns managers only to assistants, and only sales managers', async () => {
    const assistant = await t.userId('assistant1@lider.test');
    const manager = await t.userId('manager9@lider.test');
    const quality = await t.userId('quality@lider.test');
    const bad = await t.http.put(`/api/users/${assistant}/assisted-managers`).set(bearer(admin)).send({ managerIds: [manager, quality] });
    expect(bad.status).toBe(422);
    expect(bad.body.details[0].field).toBe('managerIds');
    const ok = await t.http.put(`/api/users/${assistant}/assisted-managers`).set(bearer(admin)).send({ managerIds: [manager] });
    expect(ok.status).toBe(200);
    expect(ok.body.assistedManagerIds).toEqual([manager]);
    const notAssistant = await t.http.put(`/api/users/${manager}/assisted-managers`).set(bearer(admin)).send({ managerIds: [] });
    expect(notAssistant.status).toBe(422);
  });

  it('answers 404 for a user that does not exist and 400 naming the id when it is not a UUID', async () => {
    const missing = await t.http.get('/api/users/00000000-0000-4000-8000-000000000000').set(bearer(admin));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
    const malformed = await t.http.get('/api/users/42').set(bearer(admin));
    expect(malformed.status).toBe(400);
    expect(malformed.body.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
  });

  it('lists departments for everyone and lets only the admin add one', async () => {
    const manager = (await t.login('manager5@lider.test')).accessToken;
    const list = await t.http.get('/api/departments').set(bearer(manager));
    expect(list.body.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['sales', 'service', 'quality', 'legal']));
    const created = await t.http.post('/api/departments').set(bearer(admin)).send({ code: 'logistics', name: 'Отдел логистики' });
    expect(created.status).toBe(201);
    const renamed = await t.http.patch(`/api/departments/${created.body.id}`).set(bearer(admin)).send({ version: 1, name: 'Логистика' });
    expect(renamed.body).toMatchObject({ name: 'Логистика', version: 2 });
    expect((await t.http.post('/api/departments').set(bearer(admin)).send({ code: 'logistics', name: 'Ещё раз' })).status).toBe(409);
  });
});
