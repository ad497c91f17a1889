import { bearer, TestApp } from './setup/test-app';

describe('errors: one body, the field named, nothing half-written', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start({ env: { BODY_LIMIT_BYTES: '4096' } });
    admin = (await t.login('admin@lider.test')).accessToken;
  });
  afterAll(() => t.close());

  const countUsers = async () => Number((await t.sql.query('SELECT count(*)::int AS n FROM users'))[0].n);

  it('answers 400 naming every invalid field', async () => {
    const before = await countUsers();
    const res = await t.http.post('/api/users').set(bearer(admin)).send({ email: 'not-an-email', fullName: 'A', role: 'boss', password: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'fullName', 'password', 'role']);
    expect(await countUsers()).toBe(before);
  });

  it('rejects unknown fields instead of silently dropping them', async () => {
    const res = await t.http
      .post('/api/users')
      .set(bearer(admin))
      .send({ email: 'x@lider.test', fullName: 'Икс Игрек', role: 'service', password: 'long-enough', isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'isAdmin', message: 'property isAdmin should not exist' }]);
  });

  it('validates query parameters: page size and sort come from allowlists', async () => {
    const res = await t.http.get('/api/users?pageSize=5000&sort=password_hash').set(bearer(admin));
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['pageSize', 'sort']);
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'malformed_json', message: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|node_modules/);
  });

  it('answers bodies over the configured limit with 413', async () => {
    const res = await t.http
      .post('/api/users')
      .set(bearer(admin))
      .send({ email: 'big@lider.test', fullName: 'Б'.repeat(5000), role: 'service', password: 'long-enough' });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('rolls back the whole write when part of it fails (no user without its history)', async () => {
    const before = await countUsers();
    const auditBefore = Number((await t.sql.query('SELECT count(*)::int AS n FROM audit_log'))[0].n);
    const res = await t.http
      .post('/api/users')
      .set(bearer(admin))
      .send({ email: 'orphan@lider.test', fullName: 'Без Отдела', role: 'service', password: 'long-enough', departmentId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual([{ field: 'departmentId', message: expect.any(String) }]);
    expect(await countUsers()).toBe(before);
    expect(Number((await t.sql.query('SELECT count(*)::int AS n FROM audit_log'))[0].n)).toBe(auditBefore);
  });

  it('allows only configured origins (CORS)', async () => {
    const allowed = await t.http.options('/api/auth/login').set('Origin', 'http://localhost:5173').set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const denied = await t.http.options('/api/auth/login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });
});
