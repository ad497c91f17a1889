import { callDayFor } from '../src/modules/planning/jobs/payment-calls.job';
import { JobsService } from '../src/modules/jobs/jobs.service';
import { WorkQueue } from '../src/modules/queue';
import { bearer, cloneTemplateDatabase, FixedClock, TestApp } from './setup/test-app';
import { clientOf } from './setup/clients';

/** What a task of «Мои дела» carries (DayTaskDto), sorted. */
const DAY_TASK_FIELDS = [
  'assigneeId', 'authorId', 'authorName', 'canChange', 'clientId', 'clientName', 'completedAt', 'dueAt', 'goal', 'id',
  'overdue', 'priority', 'result', 'source', 'status', 'subject', 'type', 'version',
];

describe('planning and the payment-control call job', () => {
  let t: TestApp;
  const clock = new FixedClock('2025-12-20T09:00:00+03:00');
  let admin: string;
  let manager1: string;
  let manager1Id: string;
  let clientId: string;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    admin = (await t.login('admin@lider.test')).accessToken;
    const m = await t.login('manager1@lider.test');
    manager1 = m.accessToken;
    manager1Id = m.userId;
    clientId = (await clientOf(t, 'manager1@lider.test')).id;
    // The demo invoices would add their own calls; these tests look at their own invoices only.
    await t.sql.query(`UPDATE invoices SET status = 'cancelled'`);
  });
  afterAll(() => t.close());

  async function invoiceDue(dueDate: string, amount = '1000.00') {
    const deal = await t.http.post('/api/deals').set(bearer(manager1)).send({ clientId, title: `Счёт до ${dueDate}`, amount });
    const res = await t.http.post('/api/invoices').set(bearer(manager1)).send({ dealId: deal.body.id, amount, issueDate: '2025-12-01', dueDate });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const callsFor = async (invoiceId: string) => (await t.http.get(`/api/tasks?invoiceId=${invoiceId}`).set(bearer(manager1))).body.items;
  /** Starts the job by hand (202, queued), works the queue off, and returns the finished run. */
  const run = async () => {
    const started = await t.http.post('/api/jobs/payment-calls/run').set(bearer(admin));
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', trigger: 'manual' });
    await t.app.get(WorkQueue).drain();
    return (await t.http.get(`/api/jobs/payment-calls/runs/${started.body.id}`).set(bearer(admin))).body;
  };

  it('knows the call day across the New Year holidays: 3 working days before 12.01.2026 is 26.12.2025', () => {
    expect(callDayFor('2026-01-12')).toBe('2025-12-26');
    expect(callDayFor('2025-05-12')).toBe('2025-05-05');
  });

  it('creates exactly one «проконтролировать оплату» call per unpaid invoice, three working days ahead, catching up and never twice', async () => {
    const dueJan12 = await invoiceDue('2026-01-12');
    const dueJan13 = await invoiceDue('2026-01-13');
    const dueDec29 = await invoiceDue('2025-12-29');
    const paidDec30 = await invoiceDue('2025-12-30', '500.00');
    await t.http.post(`/api/invoices/${paidDec30}/payments`).set(bearer(manager1)).send({ amount: '500.00', paidOn: '2025-12-20' });

    clock.at('2025-12-25');
    const first = await run();
    expect(first).toMatchObject({ status: 'succeeded', trigger: 'manual', counts: { tasksCreated: 1 } });
    expect(await callsFor(dueDec29)).toHaveLength(1);
    expect(await callsFor(dueJan12)).toHaveLength(0);
    expect(await callsFor(paidDec30)).toHaveLength(0);

    clock.at('2025-12-26');
    expect((await run()).counts.tasksCreated).toBe(1);
    const [call] = await callsFor(dueJan12);
    expect(call).toMatchObject({
      type: 'call',
      status: 'planned',
      priority: 'high',
      assigneeId: manager1Id,
      clientId,
      invoiceId: dueJan12,
      templateCode: 'control_payment',
      dueAt: '2025-12-26T15:00:00.000Z',
    });
    expect(call.subject).toContain('12.01.2026');
    expect(await callsFor(dueJan13)).toHaveLength(0);
    expect((await run()).counts.tasksCreated).toBe(0);
    expect(await callsFor(dueDec29)).toHaveLength(1);

    clock.at('2025-12-27'); // Saturday
    expect(await run()).toMatchObject({ status: 'skipped' });

    // The call shows on the client's timeline.
    const timeline = await t.http.get(`/api/clients/${clientId}/timeline?kind=task_planned`).set(bearer(manager1));
    expect(timeline.body.items.some((e: { subjectId: string }) => e.subjectId === call.id)).toBe(true);
  });

  it('marks unpaid invoices past their due date overdue', async () => {
    const id = await invoiceDue('2026-01-14');
    clock.at('2026-01-15');
    await run();
    const [row] = await t.sql.query(`SELECT status FROM invoices WHERE id = $1`, [id]);
    expect(row.status).toBe('overdue');
  });

  it('runs a scheduled slot once even with two API instances on one database', async () => {
    const db = await cloneTemplateDatabase();
    const slotClock = new FixedClock('2025-12-26T09:00:00+03:00');
    const a = await TestApp.startOn(db, { clock: slotClock });
    const b = await TestApp.startOn(db, { clock: slotClock });
    try {
      await a.sql.query(`UPDATE invoices SET status = 'cancelled'`);
      const [client] = await a.sql.query(`SELECT id FROM clients LIMIT 1`);
      await a.sql.query(
        `INSERT INTO invoices (client_id, number, issue_date, due_date, amount, paid_amount, status, version)
         SELECT $1, 'СЧ-TEST-' || g, '2025-12-01', '2026-01-12', 100, 0, 'issued', 1 FROM generate_series(1, 25) g`,
        [client.id],
      );
      const outcomes = await Promise.all([a.app.get(JobsService).runSlot('payment-calls', 'schedule'), b.app.get(JobsService).runSlot('payment-calls', 'schedule')]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['already_claimed', 'succeeded']);
      const [{ n }] = await a.sql.query(
        `SELECT count(*)::int AS n FROM tasks t JOIN invoices i ON i.id = t.invoice_id WHERE t.source = 'payment_call' AND i.number LIKE 'СЧ-TEST-%'`,
      );
      expect(n).toBe(25);
      const runs = await a.sql.query(`SELECT status FROM job_runs WHERE job_name = 'payment-calls' AND slot = '2025-12-26'`);
      expect(runs).toEqual([{ status: 'succeeded' }]);
      // A catch-up later the same day finds the slot taken and does nothing.
      expect((await b.app.get(JobsService).runSlot('payment-calls', 'catch_up')).status).toBe('already_claimed');
    } finally {
      await a.close({ keepDatabase: true });
      await b.close();
    }
  });

  it('lists jobs and their runs for admins only', async () => {
    const jobs = await t.http.get('/api/jobs').set(bearer(admin));
    expect(jobs.body).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'payment-calls', schedule: '0 9 * * *', timeZone: 'Europe/Moscow', lastRun: expect.objectContaining({ status: expect.any(String) }) })]));
    const runs = await t.http.get('/api/jobs/payment-calls/runs').set(bearer(admin));
    expect(runs.body.total).toBeGreaterThanOrEqual(4);
    expect((await t.http.post('/api/jobs/payment-calls/run').set(bearer(manager1))).status).toBe(403);
    expect((await t.http.get('/api/jobs/nothing/runs').set(bearer(admin))).status).toBe(404);
    expect((await t.http.get(`/api/jobs/payment-calls/runs/${runs.body.items[0].id}`).set(bearer(admin))).body).toEqual(runs.body.items[0]);
    expect((await t.http.get('/api/jobs/payment-calls/runs/999999').set(bearer(admin))).status).toBe(404);
  });

  it('plans the day: template tasks, done with a result, overdue carried over, and the head sees it', async () => {
    clock.at('2025-12-22', '08:00');
    const fromTemplate = await t.http.post('/api/task-templates/call_back/tasks').set(bearer(manager1)).send({ clientId, goal: 'Договориться о встрече' });
    expect(fromTemplate.status).toBe(201);
    expect(fromTemplate.body).toMatchObject({ subject: 'Перезвонить', type: 'call', dueAt: '2025-12-23T07:00:00.000Z', goal: 'Договориться о встрече' });
    const today = await t.http.post('/api/tasks').set(bearer(manager1)).send({ type: 'meeting', subject: 'Встреча в павильоне', clientId, dueAt: '2025-12-22T12:00:00+03:00', priority: 'high' });
    const old = await t.http.post('/api/tasks').set(bearer(manager1)).send({ type: 'email', subject: 'Отправить каталог', dueAt: '2025-12-19T12:00:00+03:00' });
    const done = await t.http.post(`/api/tasks/${today.body.id}/complete`).set(bearer(manager1)).send({ version: 1, result: 'Клиент выбрал витрину 1,8 м' });
    expect(done.body).toMatchObject({ status: 'done', result: 'Клиент выбрал витрину 1,8 м' });
    expect((await t.http.post(`/api/tasks/${today.body.id}/complete`).set(bearer(manager1)).send({ version: 2, result: 'ещё раз' })).status).toBe(422);

    const day = await t.http.get('/api/planning/my-day?date=2025-12-22').set(bearer(manager1));
    expect(day.body.done.map((x: { id: string }) => x.id)).toContain(today.body.id);
    expect(day.body.overdue.map((x: { id: string }) => x.id)).toContain(old.body.id);

    const head = (await t.login('head@lider.test')).accessToken;
    const team = await t.http.get('/api/planning/team-day?date=2025-12-22').set(bearer(head));
    const me = team.body.members.find((m: { userId: string }) => m.userId === manager1Id);
    expect(me.done).toBeGreaterThanOrEqual(1);
    expect(me.overdue).toBeGreaterThanOrEqual(1);
    // «Запланировано» is the day's plan, done or not: completing a task keeps it in the plan.
    const [dueThatDay] = await t.sql.query(
      `SELECT count(*)::int AS n FROM tasks WHERE assignee_id = $1 AND status IN ('planned', 'done') AND due_at >= '2025-12-22T00:00:00+03:00' AND due_at < '2025-12-23T00:00:00+03:00'`,
      [manager1Id],
    );
    expect(dueThatDay.n).toBeGreaterThanOrEqual(1);
    expect(me.planned).toBe(dueThatDay.n);
    expect(me.items.find((x: { id: string }) => x.id === today.body.id)).toMatchObject({ status: 'done' });
    expect((await t.http.get('/api/planning/team-day').set(bearer(manager1))).status).toBe(403);

    // A task given by the head stays visible to the head with its status.
    const given = await t.http.post('/api/tasks').set(bearer(head)).send({ type: 'call', subject: 'Позвонить ключевому клиенту', assigneeId: manager1Id, dueAt: '2025-12-23T10:00:00+03:00' });
    expect(given.body.authorName).toBe('Романова Светлана Юрьевна');
    const mine = await t.http.get(`/api/tasks?authorId=${given.body.authorId}`).set(bearer(head));
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(given.body.id);
    expect((await t.http.post('/api/tasks').set(bearer(manager1)).send({ type: 'call', subject: 'Чужая работа', assigneeId: await t.userId('manager2@lider.test'), dueAt: '2025-12-23T10:00:00+03:00' })).status).toBe(422);

    const stats = await t.http.get(`/api/planning/stats?from=2025-12-01&to=2025-12-31&userId=${manager1Id}`).set(bearer(head));
    expect(stats.body[0]).toMatchObject({ userId: manager1Id, done: expect.any(Number), overdue: expect.any(Number), planned: expect.any(Number) });
    expect(stats.body[0].done).toBeGreaterThanOrEqual(1);
  });

  it('keeps other managers’ tasks out of scope (404)', async () => {
    const manager2 = (await t.login('manager2@lider.test')).accessToken;
    const { id: c2 } = await clientOf(t, 'manager2@lider.test');
    const task = await t.http.post('/api/tasks').set(bearer(manager2)).send({ type: 'call', subject: 'Мой звонок', clientId: c2, dueAt: '2025-12-23T10:00:00+03:00' });
    expect((await t.http.get(`/api/tasks/${task.body.id}`).set(bearer(manager1))).status).toBe(404);
    expect((await t.http.post(`/api/tasks/${task.body.id}/complete`).set(bearer(manager1)).send({ version: 1, result: 'не моё' })).status).toBe(404);
    expect((await t.http.post('/api/tasks').set(bearer(manager1)).send({ type: 'call', subject: 'Звонок чужому', clientId: c2, dueAt: '2025-12-23T10:00:00+03:00' })).status).toBe(404);
  });

  it('moves open tasks with the client when it is reassigned', async () => {
    const head = (await t.login('head@lider.test')).accessToken;
    const { id } = await clientOf(t, 'manager3@lider.test');
    const manager3 = (await t.login('manager3@lider.test')).accessToken;
    const task = await t.http.post('/api/tasks').set(bearer(manager3)).send({ type: 'call', subject: 'Согласовать монтаж', clientId: id, dueAt: '2025-12-24T10:00:00+03:00' });
    const m4 = await t.userId('manager4@lider.test');
    await t.http.post(`/api/clients/${id}/reassign`).set(bearer(head)).send({ managerId: m4, reason: 'Отпуск менеджера' });
    const [row] = await t.sql.query(`SELECT assignee_id FROM tasks WHERE id = $1`, [task.body.id]);
    expect(row.assignee_id).toBe(m4);
  });

  it('sets monthly plans and computes progress from payments, won deals and done tasks', async () => {
    const head = (await t.login('head@lider.test')).accessToken;
    const plan = await t.http.post('/api/plans').set(bearer(head)).send({ managerId: manager1Id, month: '2025-12', revenueTarget: '2000.00', wonDealsTarget: 2, callsTarget: 10, meetingsTarget: 4 });
    expect(plan.status).toBe(201);
    expect((await t.http.post('/api/plans').set(bearer(manager1)).send({ managerId: manager1Id, month: '2026-01', revenueTarget: '1.00', wonDealsTarget: 1, callsTarget: 1, meetingsTarget: 1 })).status).toBe(403);
    const progress = await t.http.get(`/api/plans/${plan.body.id}/progress`).set(bearer(manager1));
    expect(progress.status).toBe(200);
    // 500.00 paid on 20.12.2025 against a 2 000.00 target; one meeting done on 22.12.2025.
    expect(progress.body.revenue).toEqual({ target: '2000.00', actual: '500.00', percent: 25 });
    expect(progress.body.meetings).toMatchObject({ target: '4', actual: '1', percent: 25 });
  });
  it('gives the progress of many plans in one request, in scope only (another manager\'s plan makes it a 404)', async () => {
    const head = (await t.login('head@lider.test')).accessToken;
    const m2 = await t.login('manager2@lider.test');
    const mine = (await t.http.get('/api/plans?month=2025-12').set(bearer(manager1))).body.items[0];
    const other = await t.http.post('/api/plans').set(bearer(head)).send({ managerId: m2.userId, month: '2025-12', revenueTarget: '100.00', wonDealsTarget: 1, callsTarget: 1, meetingsTarget: 1 });
    expect(other.status).toBe(201);
    const both = await t.http.get(`/api/plans/progress?ids=${mine.id},${other.body.id}`).set(bearer(head));
    expect(both.status).toBe(200);
    expect(both.body.map((p: { plan: { id: string } }) => p.plan.id)).toEqual([mine.id, other.body.id]);
    expect(both.body[0].revenue).toEqual({ target: '2000.00', actual: '500.00', percent: 25 });
    expect((await t.http.get(`/api/plans/progress?ids=${mine.id}`).set(bearer(manager1))).status).toBe(200);
    expect((await t.http.get(`/api/plans/progress?ids=${mine.id},${other.body.id}`).set(bearer(manager1))).status).toBe(404);
    const bad = await t.http.get('/api/plans/progress?ids=nope').set(bearer(head));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('ids');
  });

  it('refuses a negative revenue target with a 400 naming the field', async () => {
    const head = (await t.login('head@lider.test')).accessToken;
    const res = await t.http.post('/api/plans').set(bearer(head)).send({ managerId: manager1Id, month: '2026-03', revenueTarget: '-5', wonDealsTarget: 1, callsTarget: 1, meetingsTarget: 1 });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'revenueTarget', message: 'revenueTarget cannot be negative' }]);
    const plan = (await t.http.get('/api/plans?month=2025-12').set(bearer(manager1))).body.items[0];
    const patch = await t.http.patch(`/api/plans/${plan.id}`).set(bearer(head)).send({ version: plan.version, revenueTarget: '-1.00' });
    expect(patch.status).toBe(400);
    expect(patch.body.details[0].field).toBe('revenueTarget');
  });

  it('copies last month\'s team plans in one step: counts first, creates the missing ones once, audits them; a manager may not', async () => {
    const head = (await t.login('head@lider.test')).accessToken;
    const m3 = await t.login('manager3@lider.test');
    // manager3 already has a January plan of their own: it is kept, not overwritten.
    await t.http.post('/api/plans').set(bearer(head)).send({ managerId: m3.userId, month: '2025-12', revenueTarget: '700.00', wonDealsTarget: 1, callsTarget: 5, meetingsTarget: 1 });
    await t.http.post('/api/plans').set(bearer(head)).send({ managerId: m3.userId, month: '2026-01', revenueTarget: '999.00', wonDealsTarget: 9, callsTarget: 9, meetingsTarget: 9 });
    const december = (await t.http.get('/api/plans?month=2025-12&pageSize=100').set(bearer(head))).body.total as number;
    expect(december).toBeGreaterThanOrEqual(3);

    expect((await t.http.post('/api/plans/copy-previous').set(bearer(manager1)).send({ month: '2026-01' })).status).toBe(403);
    const preview = await t.http.post('/api/plans/copy-previous').set(bearer(head)).send({ month: '2026-01', dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ month: '2026-01', fromMonth: '2025-12', created: december - 1, skipped: 1, items: [] });
    expect((await t.http.get('/api/plans?month=2026-01').set(bearer(head))).body.total).toBe(1);

    const [first, second] = await Promise.all([
      t.http.post('/api/plans/copy-previous').set(bearer(head)).send({ month: '2026-01' }),
      t.http.post('/api/plans/copy-previous').set(bearer(head)).send({ month: '2026-01' }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.created + second.body.created).toBe(december - 1);
    const january = (await t.http.get('/api/plans?month=2026-01&pageSize=100').set(bearer(head))).body.items;
    expect(january).toHaveLength(december);
    const m1Jan = january.find((p: { managerId: string }) => p.managerId === manager1Id);
    expect(m1Jan).toMatchObject({ revenueTarget: '2000.00', wonDealsTarget: 2, callsTarget: 10, meetingsTarget: 4, version: 1 });
    expect(january.find((p: { managerId: string }) => p.managerId === m3.userId)).toMatchObject({ revenueTarget: '999.00' });

    const again = await t.http.post('/api/plans/copy-previous').set(bearer(head)).send({ month: '2026-01' });
    expect(again.body).toMatchObject({ created: 0, skipped: december });
    const audit = await t.sql.query(`SELECT changes FROM audit_log WHERE entity_type = 'monthly_plan' AND entity_id = $1`, [m1Jan.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0].changes).toMatchObject({ copiedFrom: { to: '2025-12' }, revenueTarget: { to: '2000.00' } });
  });
  it('answers in «Мои дела» exactly the tasks of each list, each one equal to its own page, for a manager and an assistant', async () => {
    clock.at('2026-02-10', '11:00');
    const DAY = '2026-02-10';
    const head = (await t.login('head@lider.test')).accessToken;
    const assistant = await t.login('assistant1@lider.test');
    const task = async (token: string, body: Record<string, unknown>) => {
      const res = await t.http.post('/api/tasks').set(bearer(token)).send({ type: 'call', ...body });
      expect(res.status).toBe(201);
      return res.body as { id: string; version: number };
    };
    const complete = async (token: string, x: { id: string; version: number }, result: string) =>
      expect((await t.http.post(`/api/tasks/${x.id}/complete`).set(bearer(token)).send({ version: x.version, result })).status).toBe(200);
    // manager1: the day's plan in mixed priorities (one already past due at 11:00), on a
    // client with a goal and a description, one given by the head and one by the assistant;
    // carried over from before; done today with a result; a cancelled one (in no list).
    await task(manager1, { subject: 'Утренний звонок', clientId, dueAt: `${DAY}T09:00:00+03:00`, priority: 'low', goal: 'Уточнить заказ', description: 'Длинное описание' });
    await task(manager1, { subject: 'Встреча', type: 'meeting', clientId, dueAt: `${DAY}T15:00:00+03:00`, priority: 'high' });
    await task(head, { subject: 'От руководителя', assigneeId: manager1Id, dueAt: `${DAY}T12:00:00+03:00` });
    await task(assistant.accessToken, { subject: 'От помощника', assigneeId: manager1Id, clientId, dueAt: `${DAY}T13:00:00+03:00`, priority: 'high' });
    await task(manager1, { subject: 'Старый хвост', dueAt: '2026-02-05T10:00:00+03:00' });
    await complete(manager1, await task(manager1, { subject: 'Сделано', clientId, dueAt: `${DAY}T10:00:00+03:00` }), 'Договорились');
    await complete(manager1, await task(manager1, { subject: 'Сделано вчерашнее', dueAt: '2026-02-09T10:00:00+03:00' }), 'С опозданием');
    const cancelled = await task(manager1, { subject: 'Отменено', dueAt: `${DAY}T16:00:00+03:00` });
    expect((await t.http.post(`/api/tasks/${cancelled.id}/cancel`).set(bearer(manager1)).send({ version: cancelled.version })).status).toBe(200);
    // The assistant: its own plan on an assisted manager's client, one done, one overdue.
    await task(assistant.accessToken, { subject: 'Помощник: звонок', clientId, dueAt: `${DAY}T14:00:00+03:00` });
    await complete(assistant.accessToken, await task(assistant.accessToken, { subject: 'Помощник: сделано', dueAt: `${DAY}T09:30:00+03:00` }), 'Готово');
    await task(assistant.accessToken, { subject: 'Помощник: хвост', dueAt: '2026-02-01T10:00:00+03:00' });

    const [start, end] = [`${DAY}T00:00:00+03:00`, `${DAY}T24:00:00+03:00`];
    for (const [token, userId] of [
      [manager1, manager1Id],
      [assistant.accessToken, assistant.userId],
    ]) {
      const day = await t.http.get(`/api/planning/my-day?date=${DAY}`).set(bearer(token));
      expect(day.status).toBe(200);
      const ids = async (sql: string) => ((await t.sql.query(sql, [userId, start, end])) as Array<{ id: string }>).map((r) => r.id);
      const expected = {
        planned: await ids(`SELECT id FROM tasks WHERE assignee_id = $1 AND status = 'planned' AND due_at >= $2 AND due_at < $3 ORDER BY CASE priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, due_at, id`),
        done: await ids(`SELECT id FROM tasks WHERE assignee_id = $1 AND status = 'done' AND completed_at >= $2 AND completed_at < $3 AND $3::timestamptz IS NOT NULL ORDER BY completed_at, id`),
        overdue: await ids(`SELECT id FROM tasks WHERE assignee_id = $1 AND status = 'planned' AND due_at < $2 AND $3::timestamptz IS NOT NULL ORDER BY due_at, id`),
      };
      expect(expected.planned.length).toBeGreaterThan(0);
      expect(expected.done.length).toBeGreaterThan(0);
      expect(expected.overdue.length).toBeGreaterThan(0);
      expect(day.body.totals).toEqual({ planned: expected.planned.length, done: expected.done.length, overdue: expected.overdue.length });
      for (const list of ['planned', 'done', 'overdue'] as const) {
        expect({ list, ids: day.body[list].map((x: { id: string }) => x.id) }).toEqual({ list, ids: expected[list] });
        // Field by field what the task's own page answers (names, ISO instants, overdue mark,
        // canChange), for the fields the day's row carries (DayTaskDto).
        for (const item of day.body[list]) {
          const page = (await t.http.get(`/api/tasks/${item.id}`).set(bearer(token))).body;
          expect(item).toEqual(Object.fromEntries(Object.keys(item).map((k) => [k, page[k]])));
          expect(Object.keys(item).sort()).toEqual(DAY_TASK_FIELDS);
        }
      }
    }
  });
});
