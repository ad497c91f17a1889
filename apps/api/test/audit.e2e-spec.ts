import { bearer, TestApp } from './setup/test-app';

describe('audit log', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  beforeAll(async () => {
    t = await TestApp.start();
    const s = await t.login('admin@lider.test');
    admin = s.accessToken;
    adminId = s.userId;
  });
  afterAll(() => t.close());

  it('records who changed what, old → new, and never the password', async () => {
    const id = await t.userId('manager4@lider.test');
    const user = (await t.http.get(`/api/users/${id}`).set(bearer(admin))).body;
    await t.http.patch(`/api/users/${id}`).set(bearer(admin)).send({ version: user.version, phone: '+7 (903) 000-11-22' });
    await t.http.put(`/api/users/${id}/role`).set(bearer(admin)).send({ version: user.version + 1, role: 'sales_head' });
    await t.http.post(`/api/users/${id}/reset-password`).set(bearer(admin)).send({ newPassword: 'another-secret' });

    const director = (await t.login('director@lider.test')).accessToken;
    const log = await t.http.get(`/api/audit-log?entityType=user&entityId=${id}`).set(bearer(director));
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['password_reset', 'role_change', 'update', 'create']);
    const [reset, role, update] = log.body.items;
    expect(update).toMatchObject({
      actorId: adminId,
      actorName: 'Григорьев Олег Станиславович',
      changes: { phone: { from: '+7 (495) 710-21-04', to: '+7 (903) 000-11-22' } },
    });
    expect(role.changes).toEqual({ role: { from: 'sales_manager', to: 'sales_head' } });
    expect(reset.changes).toEqual({});
    expect(JSON.stringify(log.body)).not.toContain('argon2');
  });

  it('filters by user and period', async () => {
    const director = (await t.login('director@lider.test')).accessToken;
    const mine = await t.http.get(`/api/audit-log?actorId=${adminId}`).set(bearer(director));
    expect(mine.body.total).toBeGreaterThan(0);
    expect(mine.body.items.every((e: { actorId: string }) => e.actorId === adminId)).toBe(true);
    const future = await t.http.get('/api/audit-log?from=2999-01-01T00:00:00Z').set(bearer(director));
    expect(future.body.total).toBe(0);
    const bad = await t.http.get('/api/audit-log?from=yesterday').set(bearer(director));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('from');
  });
  it('names the records it mentions: the deal\'s title, the manager and stage behind the ids, never a bare UUID', async () => {
    const manager = await t.login('manager1@lider.test');
    const client = (await t.http.get('/api/clients?pageSize=1').set(bearer(manager.accessToken))).body.items[0];
    const deal = await t.http.post('/api/deals').set(bearer(manager.accessToken)).send({ clientId: client.id, title: 'Витрины для «Аудита»', amount: '1000.00' });
    expect(deal.status).toBe(201);
    const log = await t.http.get(`/api/audit-log?entityId=${deal.body.id}`).set(bearer(admin));
    expect(log.status).toBe(200);
    const [created] = log.body.items;
    expect(created.entityTitle).toBe('Витрины для «Аудита»');
    const managerChange = created.changes.managerId?.to as string | undefined;
    expect(managerChange).toBe(manager.userId);
    expect(created.names[manager.userId]).toBe('Смирнов Алексей Петрович');
    const stageId = created.changes.stageId?.to as string | undefined;
    if (stageId) expect(created.names[stageId]).toEqual(expect.any(String));
    // A page of users' history: the user's own name as the title.
    const users = await t.http.get('/api/audit-log?entityType=user&pageSize=5').set(bearer(admin));
    for (const entry of users.body.items) expect(entry.entityTitle).toEqual(expect.any(String));
    expect((await t.http.get('/api/audit-log').set(bearer(manager.accessToken))).status).toBe(403);
  });
});
