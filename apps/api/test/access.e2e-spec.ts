import { Controller, Get, Module } from '@nestjs/common';
import { ROLES, can, type Permission } from '@polar/access';
import { DEMO_USERS } from '../src/database/seed/demo-staff';
import { bearer, TestApp } from './setup/test-app';
import { concretePath, listRoutes, type RouteInfo } from './setup/routes';

/** A handler that forgot to declare its permission: the guard must refuse it. */
@Controller('probe')
class ForgetfulController {
  @Get('undeclared')
  undeclared() {
    return { leaked: true };
  }
}

@Module({ controllers: [ForgetfulController] })
class ProbeModule {}

describe('default deny and role guards', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await TestApp.start({ extraImports: [ProbeModule] });
    routes = listRoutes(t.app).filter((r) => !r.path.startsWith('/api/probe'));
    // One signed-in user per role.
    for (const role of ROLES) {
      const user = DEMO_USERS.find((u) => u.role === role)!;
      tokens.set(role, (await t.login(user.email)).accessToken);
    }
  });
  afterAll(() => t.close());

  it('every route declares its permission (snapshot: any access change is a visible diff)', () => {
    expect(routes.filter((r) => r.permission === null)).toEqual([]);
    expect(routes.map((r) => `${r.method.padEnd(6)} ${r.path} → ${r.permission}`)).toMatchSnapshot();
  });

  it('shows each operation’s permission in the OpenAPI document, equal to what the guard enforces', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    for (const r of routes) {
      const op = doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect({ route: `${r.method} ${r.path}`, permission: op?.['x-permission'] }).toEqual({ route: `${r.method} ${r.path}`, permission: r.permission });
    }
  });

  it('refuses every non-public route without a token (401), whatever the method', async () => {
    for (const r of routes.filter((x) => x.permission !== 'public')) {
      const res = await t.http[r.method.toLowerCase() as 'get'](concretePath(r.path)).send({});
      expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
        code: 'unauthorized',
      });
    }
  });

  it('refuses a forged or expired token', async () => {
    const forged = tokens.get('admin')!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await t.http.get('/api/auth/me').set(bearer(forged))).status).toBe(401);
  });

  it('refuses every role on every route its permissions do not include (403)', async () => {
    for (const r of routes.filter((x) => x.permission !== 'public' && x.permission !== 'authenticated')) {
      for (const role of ROLES.filter((ro) => !can(ro, r.permission as Permission))) {
        const res = await t.http[r.method.toLowerCase() as 'get'](concretePath(r.path)).set(bearer(tokens.get(role)!)).send({});
        expect({ route: `${r.method} ${r.path}`, role, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, role, status: 403 });
      }
    }
  });

  it('refuses a handler that declares no permission, even to the administrator', async () => {
    const res = await t.http.get('/api/probe/undeclared').set(bearer(tokens.get('admin')!));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission_not_declared');
    expect(res.body.leaked).toBeUndefined();
  });

  it('lets a sales manager read their profile but not the staff list or the audit log', async () => {
    const manager = tokens.get('sales_manager')!;
    expect((await t.http.get('/api/auth/me').set(bearer(manager))).status).toBe(200);
    expect((await t.http.get('/api/users').set(bearer(manager))).status).toBe(403);
    expect((await t.http.get('/api/audit-log').set(bearer(manager))).status).toBe(403);
  });

  it('lets the director read staff and history but not administer accounts', async () => {
    const director = tokens.get('director')!;
    expect((await t.http.get('/api/users').set(bearer(director))).status).toBe(200);
    expect((await t.http.get('/api/audit-log').set(bearer(director))).status).toBe(200);
    const res = await t.http
      .post('/api/users')
      .set(bearer(director))
      .send({ email: 'new@lider.test', fullName: 'Новый Сотрудник', role: 'sales_manager', password: 'secret-123' });
    expect(res.status).toBe(403);
  });
});
