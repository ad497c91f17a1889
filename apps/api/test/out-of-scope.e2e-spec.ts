import { can, type Permission, type RecordKind, type Role, ROLES } from '@polar/access';
import { DEMO_USERS } from '../src/database/seed/demo-staff';
import { bearer, TestApp } from './setup/test-app';
import { listRoutes, type RouteInfo } from './setup/routes';

/**
 * Every route with an id parameter, read from the controllers (as the permission
 * snapshot does), called by one user of each role on a record that user may not touch:
 * the answer is 404 (out of scope: the same as a record that exists nowhere) or 403 (the
 * role may not do this at all), never 2xx and never anything that tells the record exists.
 *
 * The records belong to the world of manager6: out of scope for the sales manager
 * (manager1), the assistant (assistant1 works for managers 1–5) and legal. A role that
 * legitimately reaches a kind (the director sees every client) is listed in `reachedBy`
 * and skipped for the routes its permissions allow — every other role must be refused.
 *
 * A new route is covered without anyone remembering it: its parameters are looked up in
 * FIXTURES by the path up to its last parameter (`/api/deals/:id/notes` uses
 * `/api/deals/:id`). A route whose path is not in FIXTURES fails this test, so its
 * author has to say which record it addresses and who may reach it.
 */

/** A record of one kind, the values of the route parameters that address it, and who may reach it. */
interface Fixture {
  kind: RecordKind;
  params: Record<string, string>;
  /** Roles that legitimately reach this record (skipped on routes their permissions allow). */
  reachedBy: readonly Role[];
}

/** Roles that see every client and everything hanging off it (SPEC "Roles and access"). */
const ALL_CLIENTS: readonly Role[] = ['admin', 'director', 'sales_head', 'service', 'marketing', 'quality'];
/** Directory-like records (users, stages, reference lists…): no per-record scope, the permission decides. */
const EVERYONE: readonly Role[] = ROLES;

/** Request bodies valid enough that a refusal can only come from access, never from validation. */
const BODIES: Record<string, (f: Record<string, string>) => object> = {
  'PATCH /api/clients/:id': () => ({ version: 1, city: 'Клин' }),
  'POST /api/clients/:id/reassign': (f) => ({ managerId: f.manager1, reason: 'Проверка доступа' }),
  'POST /api/clients/:clientId/contacts': () => ({ fullName: 'Посторонний Человек' }),
  'PATCH /api/clients/:clientId/contacts/:contactId': () => ({ version: 1, position: 'Шпион' }),
  'PUT /api/clients/:clientId/dossier': () => ({ version: 1 }),
  'POST /api/clients/:clientId/notes': () => ({ text: 'Подсмотрел' }),
  'PATCH /api/contracts/:id': () => ({ version: 1 }),
  'POST /api/contracts/:id/sign': () => ({ version: 1, signedOn: '2026-01-15' }),
  'PATCH /api/deals/:id': () => ({ version: 1, title: 'Чужая' }),
  'POST /api/deals/:id/move': (f) => ({ version: 1, stageId: f.stage }),
  'POST /api/deals/:id/proposals': () => ({}),
  'POST /api/invoices/:id/payments': () => ({ amount: '1.00', paidOn: '2026-01-15' }),
  'PATCH /api/proposals/:id': () => ({ version: 1 }),
  'POST /api/proposals/:id/status': () => ({ version: 1, status: 'sent' }),
  'PATCH /api/segments/:id': () => ({ version: 1, name: 'Угнано' }),
  'POST /api/segments/:id/members': (f) => ({ clientIds: [f.client] }),
  'POST /api/segments/:id/members/remove': (f) => ({ clientIds: [f.client] }),
  'PATCH /api/tasks/:id': () => ({ version: 1, subject: 'Моё' }),
  'POST /api/tasks/:id/complete': () => ({ version: 1, result: 'Сделано' }),
  'POST /api/tasks/:id/cancel': () => ({ version: 1 }),
  'PATCH /api/plans/:id': () => ({ version: 1 }),
  'POST /api/complaints/:id/requests/:requestId/answer': () => ({ version: 1, answer: 'Ответ не по адресу' }),
  'PATCH /api/installations/:id': () => ({ version: 1 }),
  'POST /api/installations/:id/start': () => ({ version: 1 }),
  'POST /api/installations/:id/finish': () => ({ version: 1, units: [], slipCode: 'other', slipReason: 'Проверка доступа' }),
  'POST /api/installations/:id/cancel': () => ({ version: 1, reason: 'Проверка доступа' }),
  'PATCH /api/equipment/:id': () => ({ version: 1, status: 'under_repair' }),
  'PATCH /api/service-contracts/:id': () => ({ version: 1, price: '1.00' }),
  'PATCH /api/service-visits/:id': () => ({ version: 1 }),
  'POST /api/service-visits/:id/report': () => ({ version: 1, outcome: 'missed', reason: 'Проверка доступа' }),
  'POST /api/service-requests/:id/resolve': () => ({ version: 1, outcome: 'Проверка доступа' }),
  'POST /api/service-requests/:id/escalate': () => ({ version: 1, plannedOn: '2027-01-15' }),
};

describe('every route with an id, called by an out-of-scope user of each role', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const token = new Map<Role, string>();
  /**
   * The same matrix for API tokens: a token bound to the sales manager and one bound to
   * the assistant must be refused exactly like the people they act for.
   */
  const apiTokens: Array<{ role: Role; token: string }> = [];
  const ids: Record<string, string> = {};
  let FIXTURES: Record<string, Fixture>;
  let auditBefore = 0;

  const one = async (sql: string, params: unknown[] = []): Promise<string> => {
    const [row] = await t.sql.query(sql, params);
    if (!row) throw new Error(`fixture query found nothing: ${sql}`);
    return row.id;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    routes = listRoutes(t.app).filter((r) => r.path.includes('/:'));
    // One signed-in user per role; the sales roles are those who do NOT work for manager6.
    const caller: Partial<Record<Role, string>> = { sales_manager: 'manager1@lider.test', sales_assistant: 'assistant1@lider.test' };
    for (const role of ROLES) {
      const email = caller[role] ?? DEMO_USERS.find((u) => u.role === role)!.email;
      token.set(role, (await t.login(email)).accessToken);
    }
    const admin = token.get('admin')!;
    for (const role of ['sales_manager', 'sales_assistant'] as const) {
      const userId = await t.userId(caller[role]!);
      const res = await t.http.post('/api/api-tokens').set(bearer(admin)).send({ name: `Проверка ${role}`, userId, ratePerSecond: 10000, burst: 10000 });
      if (res.status !== 201) throw new Error(`API token for ${role}: ${res.status}`);
      apiTokens.push({ role, token: res.body.token });
    }
    const owner = await t.login('manager6@lider.test');
    const m6 = owner.userId;
    ids.manager1 = await t.userId('manager1@lider.test');

    // manager6's world, from the demo data where it has it…
    const ofM6 = `JOIN clients c ON c.id = x.client_id WHERE c.manager_id = $1`;
    const client = await one(`SELECT id FROM clients WHERE manager_id = $1 AND archived_at IS NULL ORDER BY name LIMIT 1`, [m6]);
    const contact = await one(`SELECT x.id FROM client_contacts x WHERE x.client_id = $1 LIMIT 1`, [client]).catch(async () => {
      const res = await owner.api.POST('/api/clients/{clientId}/contacts', { params: { path: { clientId: client } }, body: { fullName: 'Контакт Шестого' } });
      return res.data!.id;
    });
    const contactClient = await one(`SELECT client_id AS id FROM client_contacts WHERE id = $1`, [contact]);
    const deal = await one(`SELECT x.id FROM deals x ${ofM6} ORDER BY x.id LIMIT 1`, [m6]);
    const proposal = await one(`SELECT x.id FROM proposals x JOIN deals d ON d.id = x.deal_id JOIN clients c ON c.id = d.client_id WHERE c.manager_id = $1 LIMIT 1`, [m6]);
    const contract = await one(`SELECT x.id FROM contracts x JOIN deals d ON d.id = x.deal_id JOIN clients c ON c.id = d.client_id WHERE c.manager_id = $1 LIMIT 1`, [m6]);
    const invoice = await one(`SELECT x.id FROM invoices x ${ofM6} LIMIT 1`, [m6]);
    const installation = await one(`SELECT x.id FROM installation_jobs x ${ofM6} LIMIT 1`, [m6]);
    const plan = await one(`SELECT id FROM monthly_plans WHERE manager_id = $1 LIMIT 1`, [m6]);
    // Service data of manager6's clients (demo «Лидер»: equipment, a contract, visits, a request each).
    const equipment = await one(`SELECT x.id FROM equipment_units x ${ofM6} ORDER BY x.id LIMIT 1`, [m6]);
    const serviceContract = await one(`SELECT x.id FROM service_contracts x ${ofM6} LIMIT 1`, [m6]);
    const serviceVisit = await one(`SELECT x.id FROM service_visits x ${ofM6} AND x.status = 'planned' ORDER BY x.planned_on DESC LIMIT 1`, [m6]);
    const serviceRequest = await one(`SELECT x.id FROM service_requests x ${ofM6} LIMIT 1`, [m6]);
    ids.stage = await one(`SELECT id FROM pipeline_stages WHERE kind = 'open' ORDER BY sort_order LIMIT 1`);
    ids.client = client;
    // …and made by manager6 through the API where it has not: a private segment, an own task.
    const segment = (await t.http.post('/api/segments').set(bearer(owner.accessToken)).send({ name: 'Личный список', kind: 'static', clientIds: [client] })).body.id;
    const task = (await t.http.post('/api/tasks').set(bearer(owner.accessToken)).send({ type: 'call', subject: 'Перезвонить', clientId: client, dueAt: '2026-01-15T10:00:00+03:00' })).body.id;
    // A complaint about manager6's client, asked of nobody: only quality and the heads see it.
    const quality = await t.login('quality@lider.test');
    const complaint = (
      await t.http
        .post('/api/complaints')
        .set(bearer(quality.accessToken))
        .send({ clientId: client, subjectKind: 'other', subjectText: 'Сроки', description: 'Клиент недоволен сроками', channel: 'phone' })
    ).body.id;
    const survey = (
      await t.http
        .post('/api/surveys')
        .set(bearer(quality.accessToken))
        .send({ title: 'Анкета', questions: [{ id: 'q1', kind: 'rating', text: 'Оценка', required: true }] })
    ).body.id;
    // Imports: whoever may read another's import (clients.reassign) reaches them all.
    const nowhere = '00000000-0000-4000-8000-000000000000';

    // Marketing: a campaign and a mailing (no per-record scope), an influence on manager6's client.
    const campaign = await one(
      `INSERT INTO campaigns (name, type, starts_on, ends_on, responsible_id, version) SELECT 'Выставка', 'exhibition', '2026-02-01', '2026-02-10', id, 1 FROM users WHERE email = 'marketing1@lider.test' RETURNING id`,
    );
    const influence = await one(`INSERT INTO campaign_influences (campaign_id, client_id, occurred_at) VALUES ($1, $2, now()) RETURNING id`, [campaign, client]);
    const mailing = await one(`INSERT INTO mailings (name, purpose, subject, body_html, body_text, version) VALUES ('Письмо', 'information', 'Тема', '<p>Текст</p>', 'Текст', 1) RETURNING id`);
    const directory = (kind: RecordKind, params: Record<string, string>): Fixture => ({ kind, params, reachedBy: EVERYONE });
    FIXTURES = {
      '/api/clients/:id': { kind: 'client', params: { id: client }, reachedBy: ALL_CLIENTS },
      '/api/clients/:clientId': { kind: 'client', params: { clientId: client }, reachedBy: ALL_CLIENTS },
      '/api/clients/:clientId/contacts/:contactId': { kind: 'contact', params: { clientId: contactClient, contactId: contact }, reachedBy: ALL_CLIENTS },
      '/api/clients/imports/:id': { kind: 'import', params: { id: nowhere }, reachedBy: ['admin', 'director', 'sales_head'] },
      '/api/deals/:id': { kind: 'deal', params: { id: deal }, reachedBy: ALL_CLIENTS },
      '/api/proposals/:id': { kind: 'proposal', params: { id: proposal }, reachedBy: ALL_CLIENTS },
      '/api/contracts/:id': { kind: 'contract', params: { id: contract }, reachedBy: ALL_CLIENTS },
      '/api/invoices/:id': { kind: 'invoice', params: { id: invoice }, reachedBy: ALL_CLIENTS },
      // Service data: the sales roles read their own clients' only; here none of theirs.
      '/api/installations/:id': { kind: 'installation', params: { id: installation }, reachedBy: ALL_CLIENTS },
      '/api/equipment/:id': { kind: 'equipment', params: { id: equipment }, reachedBy: ALL_CLIENTS },
      '/api/service-contracts/:id': { kind: 'service_contract', params: { id: serviceContract }, reachedBy: ALL_CLIENTS },
      '/api/service-visits/:id': { kind: 'service_visit', params: { id: serviceVisit }, reachedBy: ALL_CLIENTS },
      '/api/service-requests/:id': { kind: 'service_request', params: { id: serviceRequest }, reachedBy: ALL_CLIENTS },
      // Someone's own task: only the heads see every task; service and quality never.
      '/api/tasks/:id': { kind: 'task', params: { id: task }, reachedBy: ['admin', 'director', 'sales_head'] },
      '/api/plans/:id': { kind: 'plan', params: { id: plan }, reachedBy: ['admin', 'director', 'sales_head'] },
      // A private segment: nobody but its owner, not even the director.
      '/api/segments/:id': { kind: 'segment', params: { id: segment }, reachedBy: [] },
      '/api/complaints/:id': { kind: 'complaint', params: { id: complaint }, reachedBy: ['admin', 'director', 'sales_head', 'quality'] },
      '/api/complaints/:id/requests/:requestId': { kind: 'complaint', params: { id: complaint, requestId: nowhere }, reachedBy: ['admin', 'director', 'sales_head', 'quality'] },
      '/api/campaigns/:id': directory('campaign', { id: campaign }),
      '/api/mailings/:id': directory('mailing', { id: mailing }),
      '/api/influences/:id': { kind: 'influence', params: { id: influence }, reachedBy: ALL_CLIENTS },
      // Greeting settings: the marketing department's, no per-record scope.
      '/api/marketing/greetings/:code': directory('reference', { code: 'womens_day' }),
      // Questionnaires are the quality department's; the heads read them.
      '/api/surveys/:id': { kind: 'survey', params: { id: survey }, reachedBy: ['admin', 'director', 'sales_head', 'quality'] },
      '/api/users/:id': directory('user', { id: m6 }),
      '/api/departments/:id': directory('department', { id: await one(`SELECT id FROM departments LIMIT 1`) }),
      '/api/funnel/stages/:id': directory('stage', { id: ids.stage }),
      '/api/products/:id': directory('product', { id: await one(`SELECT id FROM products LIMIT 1`) }),
      '/api/reference/:kind': directory('reference', { kind: 'industry' }),
      '/api/reference/:kind/:id': directory('reference', { kind: 'industry', id: await one(`SELECT id FROM reference_items WHERE kind = 'industry' LIMIT 1`) }),
      '/api/jobs/:name': directory('job', { name: 'payment-calls' }),
      '/api/jobs/:name/runs/:runId': directory('job', { name: 'payment-calls', runId: '1' }),
      // The work queues: admin only (queues.manage), no per-record scope.
      '/api/queues/:name': directory('job', { name: 'clients.import' }),
      '/api/queues/items/:id': directory('job', { id: '1' }),
      '/api/task-templates/:code': directory('reference', { code: 'call_back' }),
      // The production calendar: every role reads it; changing a day is admin only (calendar.manage).
      '/api/calendar/:year': directory('reference', { year: '2027' }),
      '/api/calendar/days/:date': directory('reference', { date: '2027-11-13' }),
      // Integrations: admin only (integrations.manage), no per-record scope.
      '/api/api-tokens/:id': directory('job', { id: nowhere }),
      '/api/webhooks/:id': directory('job', { id: nowhere }),
      '/api/webhooks/:id/deliveries/:deliveryId': directory('job', { id: nowhere, deliveryId: nowhere }),
      // Competitors are a shared reference list; the review list of unknown senders' e-mails is the admin's.
      '/api/competitors/:id': directory('reference', { id: nowhere }),
      '/api/integrations/email/:id': directory('job', { id: nowhere }),
    };
    auditBefore = Number((await t.sql.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`))[0].id);
  });
  afterAll(() => t.close());

  /** The path up to and including its last parameter: the key of its fixture. */
  const fixtureKey = (path: string) => path.replace(/^(.*\/:\w+).*$/, '$1');

  it('has a fixture for every route with an id (add one to FIXTURES for a new kind of record)', () => {
    const missing = [...new Set(routes.map((r) => fixtureKey(r.path)))].filter((key) => !FIXTURES[key]);
    expect(missing).toEqual([]);
    for (const r of routes) {
      const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      expect({ route: r.path, missing: params.filter((p) => !(p in (FIXTURES[fixtureKey(r.path)]?.params ?? {}))) }).toEqual({ route: r.path, missing: [] });
    }
  });

  it('never answers 2xx (nor anything but 404 / 403) to a role on a record it may not touch', async () => {
    const got: string[] = [];
    const want: string[] = [];
    let calls = 0;
    for (const r of routes) {
      const fixture = FIXTURES[fixtureKey(r.path)];
      if (!fixture) continue; // reported by the test above
      const path = r.path.replace(/:(\w+)/g, (_, name: string) => fixture.params[name]);
      const body = (BODIES[`${r.method} ${r.path}`] ?? (() => ({})))({ ...ids, ...fixture.params });
      const callers = [...ROLES.map((role) => ({ role, label: role, headers: bearer(token.get(role)!) })), ...apiTokens.map((a) => ({ role: a.role, label: `${a.role} API token`, headers: { 'X-API-Key': a.token } }))];
      for (const { role, label, headers } of callers) {
        const permitted = r.permission === 'authenticated' || can(role, r.permission as Permission);
        if (permitted && fixture.reachedBy.includes(role)) continue;
        const res = await t.http[r.method.toLowerCase() as 'get'](path).set(headers).send(body);
        calls++;
        // Without the permission the guard refuses (403); with it, out of scope is 404.
        // A token never reaches its own sessions or token management (403 api_token_not_allowed).
        const expected = permitted && !(label.endsWith('API token') && /^\/api\/(auth|api-tokens)\//.test(r.path)) ? 404 : 403;
        const line = `${r.method} ${r.path} as ${label}`;
        want.push(`${line} → ${expected}`);
        got.push(`${line} → ${res.status}${res.status === expected ? '' : ` ${JSON.stringify(res.body).slice(0, 160)}`}`);
      }
    }
    expect(got).toEqual(want);
    expect(calls).toBeGreaterThan(routes.length);
    // Thousands of calls (every route × role, and the API tokens): minutes on a busy 2-core machine.
  }, 240_000);

  it('changed nothing behind the refusals', async () => {
    // The API tokens' calls are logged (action api_call); nothing else may be.
    const rows = await t.sql.query(`SELECT action, entity_type FROM audit_log WHERE id > $1 AND action <> 'api_call'`, [auditBefore]);
    expect(rows).toEqual([]);
  });
});
