import { DataSource } from 'typeorm';
import { seedDemo } from '../src/database/seed';
import { WorkQueue } from '../src/modules/queue';
import { bearer, FixedClock, TestApp } from './setup/test-app';
import { clientOf } from './setup/clients';
import { SmtpSink } from './setup/smtp-sink';

/**
 * Quality (issue 13): complaints answered within 3 working days with a call back, requests
 * to legal, service and sales, the deadline watchdog, statistics and scope.
 */
describe('quality: complaints', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-05-20T10:00:00+03:00');
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  let clientM1: string;
  let clientM6: string;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    for (const [name, email] of Object.entries({
      quality: 'quality@lider.test',
      legal: 'legal@lider.test',
      manager1: 'manager1@lider.test',
      manager2: 'manager2@lider.test',
      service1: 'service1@lider.test',
      director: 'director@lider.test',
      head: 'head@lider.test',
      admin: 'admin@lider.test',
      marketing: 'marketing1@lider.test',
    })) {
      const s = await t.login(email);
      token[name] = s.accessToken;
      id[name] = s.userId;
    }
    clientM1 = (await clientOf(t, 'manager1@lider.test')).id;
    clientM6 = (await clientOf(t, 'manager6@lider.test')).id;
    // The demo complaints would take part in the watchdog's runs; these tests look at their own.
    await t.sql.query(`UPDATE complaints SET status = 'closed', closed_at = received_at, escalated_at = received_at WHERE status IN ('new', 'in_progress', 'answered')`);
    await t.sql.query(`UPDATE complaint_requests SET status = 'answered', escalated_at = created_at WHERE status = 'open'`);
  });
  afterAll(() => t.close());

  const as = (who: string) => bearer(token[who]);
  const complaint = async (body: Record<string, unknown>) => {
    const res = await t.http
      .post('/api/complaints')
      .set(as('quality'))
      .send({ clientId: clientM1, subjectKind: 'other', subjectText: 'Грубость на складе', description: 'Клиент недоволен отгрузкой', channel: 'phone', ...body });
    expect(res.status).toBe(201);
    return res.body;
  };
  const runJob = async (name: string) => {
    const started = await t.http.post(`/api/jobs/${name}/run`).set(as('admin'));
    expect(started.status).toBe(202);
    await t.app.get(WorkQueue).drain();
    return (await t.http.get(`/api/jobs/${name}/runs/${started.body.id}`).set(as('admin'))).body;
  };

  it('sets the deadline 3 working days after arrival across the New Year and May holidays and a working Saturday', async () => {
    const newYear = await complaint({ receivedAt: '2025-12-30T10:00:00+03:00' });
    expect(newYear).toMatchObject({ deadlineDay: '2026-01-14', deadlineAt: '2026-01-14T15:00:00.000Z', deadlineDays: 3, status: 'new' });
    const may = await complaint({ receivedAt: '2026-04-30T16:00:00+03:00' });
    expect(may.deadlineDay).toBe('2026-05-06');
    // 01.11.2025 was a working (short) Saturday: Fri 31.10, Sat 01.11, then Wed 05.11 after the 3–4 November holidays.
    const saturday = await complaint({ receivedAt: '2025-10-30T11:00:00+03:00' });
    expect(saturday.deadlineDay).toBe('2025-11-05');
    // Arriving in the evening of a working day counts from that day.
    const friday = await complaint({ receivedAt: '2026-05-15T20:30:00+03:00' });
    expect(friday.deadlineDay).toBe('2026-05-20');
    expect(friday.workingDaysLeft).toBe(0);
    expect(newYear.breached).toBe(true);
    expect(newYear.workingDaysLeft).toBeLessThan(0);
  });

  it('refuses a complaint whose subject is missing, naming the field', async () => {
    const res = await t.http.post('/api/complaints').set(as('quality')).send({ clientId: clientM1, subjectKind: 'employee', description: 'Менеджер нагрубил', channel: 'email' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('subjectEmployeeId');
  });

  it('closes only after the call back and with a decision, and stores the processing time in working and calendar hours', async () => {
    clock.at('2026-05-18', '10:00');
    const k = await complaint({ subjectKind: 'employee', subjectEmployeeId: id.manager1, subjectText: undefined, receivedAt: '2026-05-18T09:00:00+03:00' });
    const started = await t.http.post(`/api/complaints/${k.id}/start`).set(as('quality')).send({ version: k.version });
    expect(started.body.status).toBe('in_progress');
    const answered = await t.http.post(`/api/complaints/${k.id}/answer`).set(as('quality')).send({ version: started.body.version, answer: 'Провели беседу с менеджером, принесли извинения' });
    expect(answered.body.status).toBe('answered');

    clock.at('2026-05-19', '11:00');
    const noDecision = await t.http.post(`/api/complaints/${k.id}/close`).set(as('quality')).send({ version: answered.body.version });
    expect(noDecision.status).toBe(400);
    expect(noDecision.body.details.map((d: { field: string }) => d.field)).toContain('decision');
    const noCallback = await t.http.post(`/api/complaints/${k.id}/close`).set(as('quality')).send({ version: answered.body.version, decision: 'upheld' });
    expect(noCallback.status).toBe(422);
    expect(noCallback.body.code).toBe('callback_required');
    expect(noCallback.body.details).toEqual([expect.objectContaining({ field: 'callback' })]);

    const called = await t.http.post(`/api/complaints/${k.id}/callback`).set(as('quality')).send({ version: answered.body.version, at: '2026-05-19T10:30:00+03:00', outcome: 'Клиент принял извинения' });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ callbackBy: id.quality, callbackAt: '2026-05-19T07:30:00.000Z', callbackOutcome: 'Клиент принял извинения' });
    // Someone else's edit in between: the stale version is refused.
    const stale = await t.http.post(`/api/complaints/${k.id}/close`).set(as('quality')).send({ version: answered.body.version, decision: 'upheld' });
    expect(stale.status).toBe(409);

    const closed = await t.http.post(`/api/complaints/${k.id}/close`).set(as('quality')).send({ version: called.body.version, decision: 'upheld', decisionNote: 'Менеджеру сделано замечание' });
    expect(closed.status).toBe(200);
    // 18.05 09:00 → 19.05 11:00: 9 working hours on Monday + 2 on Tuesday; 26 calendar hours.
    expect(closed.body).toMatchObject({ status: 'closed', decision: 'upheld', workingHours: 11, calendarHours: 26, breached: false });
    const again = await t.http.post(`/api/complaints/${k.id}/reject`).set(as('quality')).send({ version: closed.body.version, reason: 'Повторная попытка' });
    expect(again.status).toBe(422);
    // The client's history (its manager reads it): received, then closed with the decision.
    const history = async (kind: string) =>
      (await t.http.get(`/api/clients/${clientM1}/timeline?kind=${kind}&pageSize=100`).set(as('manager1'))).body.items.filter((e: { subjectId: string }) => e.subjectId === k.id);
    expect(await history('complaint_received')).toEqual([
      expect.objectContaining({ subjectType: 'complaint', payload: { complaintId: k.id, number: k.number, subjectKind: 'employee', channel: 'phone', deadlineAt: k.deadlineAt } }),
    ]);
    expect(await history('complaint_closed')).toEqual([
      expect.objectContaining({ payload: { complaintId: k.id, number: k.number, outcome: 'closed', decision: 'upheld', breached: false } }),
    ]);
  });

  it('asks a department with its own deadline: the addressee sees the request in «Мои дела» and answers it', async () => {
    clock.at('2026-05-18', '10:00');
    const k = await complaint({ clientId: clientM6, receivedAt: '2026-05-18T09:30:00+03:00' });
    // Legal is not asked yet: the complaint does not exist for them.
    expect((await t.http.get(`/api/complaints/${k.id}`).set(as('legal'))).status).toBe(404);
    const wrong = await t.http.post(`/api/complaints/${k.id}/requests`).set(as('quality')).send({ department: 'legal', addresseeId: id.manager1, question: 'Нужна правовая оценка' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details[0].field).toBe('addresseeId');
    const asked = await t.http.post(`/api/complaints/${k.id}/requests`).set(as('quality')).send({ department: 'legal', addresseeId: id.legal, question: 'Нужна правовая оценка претензии', deadlineDay: '2026-05-19' });
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('in_progress');
    const [request] = asked.body.requests;
    expect(request).toMatchObject({ department: 'legal', addresseeId: id.legal, deadlineDay: '2026-05-19', status: 'open' });

    const day = await t.http.get('/api/planning/my-day?date=2026-05-19').set(as('legal'));
    expect(day.status).toBe(200);
    expect(day.body.planned.map((x: { subject: string }) => x.subject)).toContain(`Запрос отдела качества по жалобе №${k.number}`);
    expect((await t.http.get(`/api/complaints/${k.id}`).set(as('legal'))).status).toBe(200);
    expect((await t.http.get('/api/complaints/requests/mine').set(as('legal'))).body.map((r: { id: string }) => r.id)).toContain(request.id);

    const notMine = await t.http.post(`/api/complaints/${k.id}/requests/${request.id}/answer`).set(as('manager1')).send({ version: 1, answer: 'Не моё' });
    expect(notMine.status).toBe(404);
    const answered = await t.http.post(`/api/complaints/${k.id}/requests/${request.id}/answer`).set(as('legal')).send({ version: 1, answer: 'Претензия необоснованна, договор соблюдён' });
    expect(answered.status).toBe(200);
    expect(answered.body.requests[0]).toMatchObject({ status: 'answered', answer: 'Претензия необоснованна, договор соблюдён', breached: false });
    const task = await t.http.get(`/api/tasks/${request.taskId}`).set(as('legal'));
    expect(task.body.status).toBe('done');
    // Closed like any task: the client's timeline shows it done with the answer.
    const timeline = await t.http.get(`/api/clients/${clientM6}/timeline?kind=task_done&pageSize=100`).set(as('director'));
    expect(timeline.body.items.filter((e: { subjectId: string }) => e.subjectId === request.taskId)).toEqual([
      expect.objectContaining({ kind: 'task_done', payload: expect.objectContaining({ result: 'Претензия необоснованна, договор соблюдён' }) }),
    ]);
  });

  it('escalates a breached complaint once, never at night or on a day off, and the breach stays after closing', async () => {
    clock.at('2026-05-12', '09:00');
    const k = await complaint({ receivedAt: '2026-05-12T09:00:00+03:00' });
    expect(k.deadlineDay).toBe('2026-05-15');
    const escalations = async () =>
      (await t.sql.query(`SELECT e.recipient_id, e.reason, e.task_id FROM quality_escalations e WHERE e.item_id = $1 ORDER BY e.reason`, [k.id])) as Array<{ recipient_id: string; reason: string; task_id: string }>;

    clock.at('2026-05-15', '23:00'); // past the deadline, at night
    expect((await runJob('complaint-watchdog')).status).toBe('skipped');
    clock.at('2026-05-16', '11:00'); // Saturday
    expect((await runJob('complaint-watchdog')).status).toBe('skipped');
    expect(await escalations()).toEqual([]);

    clock.at('2026-05-18', '09:30'); // Monday morning
    const run = await runJob('complaint-watchdog');
    expect(run.status).toBe('succeeded');
    const sent = await escalations();
    const [director] = await t.sql.query(`SELECT id FROM users WHERE role = 'director' AND is_active ORDER BY created_at, email LIMIT 1`);
    expect(sent.map((e) => e.reason).sort()).toEqual(['director', 'officer']);
    expect(sent.map((e) => e.recipient_id)).toEqual(expect.arrayContaining([id.quality, director.id]));
    const tasks = await t.sql.query(`SELECT assignee_id, subject, source FROM tasks WHERE id = ANY($1::uuid[])`, [sent.map((e) => e.task_id)]);
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({ source: 'quality_escalation', subject: `Просрочен срок: жалоба №${k.number}` });
    expect((await t.http.get('/api/complaints/notices/mine').set(as('quality'))).body.map((n: { complaintId: string }) => n.complaintId)).toContain(k.id);

    clock.at('2026-05-18', '15:00');
    const second = await runJob('complaint-watchdog');
    expect(second.counts.complaints ?? 0).toBe(0);
    expect(await escalations()).toHaveLength(2);

    // Closed late: still breached.
    let cur = (await t.http.get(`/api/complaints/${k.id}`).set(as('quality'))).body;
    cur = (await t.http.post(`/api/complaints/${k.id}/answer`).set(as('quality')).send({ version: cur.version, answer: 'Ответ клиенту дан' })).body;
    cur = (await t.http.post(`/api/complaints/${k.id}/callback`).set(as('quality')).send({ version: cur.version, at: '2026-05-18T14:00:00+03:00', outcome: 'Дозвонились' })).body;
    cur = (await t.http.post(`/api/complaints/${k.id}/close`).set(as('quality')).send({ version: cur.version, decision: 'explained' })).body;
    expect(cur).toMatchObject({ status: 'closed', breached: true });
  });

  it('escalates a breached department request to the officer and the addressee’s head', async () => {
    clock.at('2026-05-18', '10:00');
    const k = await complaint({ receivedAt: '2026-05-18T09:45:00+03:00' });
    const asked = await t.http.post(`/api/complaints/${k.id}/requests`).set(as('quality')).send({ department: 'sales', addresseeId: id.manager1, question: 'Что обещали клиенту по срокам?' });
    expect(asked.body.requests[0].deadlineDay).toBe('2026-05-19');
    clock.at('2026-05-20', '10:00');
    await runJob('complaint-watchdog');
    const sent = await t.sql.query(`SELECT recipient_id, reason FROM quality_escalations WHERE item_id = $1 ORDER BY reason`, [asked.body.requests[0].id]);
    expect(sent).toEqual([
      { recipient_id: id.head, reason: 'head' },
      { recipient_id: id.quality, reason: 'officer' },
    ]);
  });

  /** A unit registered by hand in the service registry, at the given client. */
  const unitAt = async (clientId: string, serialNumber: string) => {
    const [product] = await t.sql.query(`SELECT p.id, p.name FROM products p JOIN product_groups g ON g.id = p.group_id WHERE g.code = 'equipment' ORDER BY p.sku LIMIT 1`);
    const res = await t.http.post('/api/equipment').set(as('admin')).send({ clientId, productId: product.id, serialNumber });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, productId: product.id as string, model: product.name as string };
  };

  it('takes an equipment unit of the service registry as the subject, lists the unit’s complaints and counts them by model', async () => {
    clock.at('2026-05-20', '10:00');
    const unit = await unitAt(clientM6, 'QA-COMPLAINT-0001');
    const body = { clientId: clientM6, subjectKind: 'equipment', description: 'Витрина не держит температуру после ремонта', channel: 'phone' };
    const unknown = await t.http.post('/api/complaints').set(as('quality')).send({ ...body, subjectEquipmentId: '6f1d2c3b-4a59-4e8f-9a7b-1c2d3e4f5a6b' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'subjectEquipmentId' })]);
    const elsewhere = await t.http.post('/api/complaints').set(as('quality')).send({ ...body, clientId: clientM1, subjectEquipmentId: unit.id });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body).toMatchObject({ code: 'equipment_of_other_client', details: [expect.objectContaining({ field: 'subjectEquipmentId' })] });
    const before = await t.sql.query(`SELECT count(*)::int AS n FROM complaints`);
    const statsOf = async () => (await t.http.get('/api/complaints/stats?from=2026-05-01&to=2026-05-31').set(as('director'))).body;
    const modelBefore = (await statsOf()).byEquipmentModel.find((b: { key: string }) => b.key === unit.productId)?.received ?? 0;

    const k = await complaint({ ...body, subjectEquipmentId: unit.id, subjectText: undefined });
    expect(k).toMatchObject({ subjectEquipmentId: unit.id, subjectEquipmentModelId: unit.productId, subjectEquipmentLabel: `${unit.model} № QA-COMPLAINT-0001` });
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM complaints`))[0].n).toBe(before[0].n + 1);
    // The unit card's list: this unit's complaints only.
    const ofUnit = await t.http.get(`/api/complaints?equipmentUnitId=${unit.id}`).set(as('quality'));
    expect(ofUnit.body.items.map((x: { id: string }) => x.id)).toEqual([k.id]);
    expect((await t.http.get(`/api/complaints?equipmentUnitId=${unit.id}`).set(as('manager1'))).body.items).toEqual([]);
    expect((await t.http.get(`/api/complaints?equipmentUnitId=not-a-uuid`).set(as('quality'))).status).toBe(400);

    const stats = await statsOf();
    expect(stats.byEquipmentModel.find((b: { key: string }) => b.key === unit.productId)).toMatchObject({ label: unit.model, received: modelBefore + 1 });
    expect(stats.byEquipment.find((b: { key: string }) => b.key === unit.id)).toMatchObject({ label: `${unit.model} № QA-COMPLAINT-0001`, received: 1 });
  });

  it('shows each role only the complaints in its reach (404 outside), lists included', async () => {
    clock.at('2026-05-20', '10:00');
    const ofM6 = await complaint({ clientId: clientM6, subjectKind: 'employee', subjectEmployeeId: id.manager2, subjectText: undefined });
    const unit = await unitAt(clientM6, 'QA-COMPLAINT-0002');
    const equipment = await complaint({ clientId: clientM6, subjectKind: 'equipment', subjectEquipmentId: unit.id, subjectText: undefined });
    const ofM1 = await complaint({ clientId: clientM1 });
    const get = async (who: string, complaintId: string) => (await t.http.get(`/api/complaints/${complaintId}`).set(as(who))).status;
    expect(await get('manager1', ofM1.id)).toBe(200);
    expect(await get('manager1', ofM6.id)).toBe(404);
    expect(await get('service1', equipment.id)).toBe(200);
    expect(await get('service1', ofM6.id)).toBe(404);
    expect(await get('legal', ofM6.id)).toBe(404);
    expect(await get('director', ofM6.id)).toBe(200);
    expect(await get('marketing', ofM6.id)).toBe(403);
    const listed = async (who: string) => {
      const res = await t.http.get('/api/complaints?pageSize=200').set(as(who));
      expect(res.body).toHaveProperty('items');
      return res.body.items.map((x: { id: string }) => x.id);
    };
    expect(await listed('manager1')).toEqual(expect.arrayContaining([ofM1.id]));
    expect(await listed('manager1')).not.toContain(ofM6.id);
    expect(await listed('service1')).toContain(equipment.id);
    expect(await listed('service1')).not.toContain(ofM1.id);
    // Only the quality department changes complaints.
    expect((await t.http.post(`/api/complaints/${ofM1.id}/start`).set(as('manager1')).send({ version: ofM1.version })).status).toBe(403);
  });

  it('reports received, closed in time, breached and processing time by subject kind, employee and decision', async () => {
    clock.at('2026-05-20', '10:00');
    const res = await t.http.get('/api/complaints/stats?from=2026-05-01&to=2026-05-31').set(as('director'));
    expect(res.status).toBe(200);
    expect(res.body.received).toBeGreaterThanOrEqual(6);
    expect(res.body.closedInTime).toBeGreaterThanOrEqual(1);
    expect(res.body.breached).toBeGreaterThanOrEqual(1);
    expect(res.body.medianWorkingHours).not.toBeNull();
    expect(res.body.bySubjectKind.map((b: { key: string }) => b.key)).toEqual(expect.arrayContaining(['employee', 'other', 'equipment']));
    expect(res.body.byEmployee.find((b: { key: string }) => b.key === id.manager1)).toMatchObject({ received: 1, closedInTime: 1, medianWorkingHours: 11 });
    expect(res.body.byDecision.find((b: { key: string }) => b.key === 'upheld')).toMatchObject({ closedInTime: 1 });
    const mine = await t.http.get('/api/complaints/stats?from=2026-05-01&to=2026-05-31').set(as('manager1'));
    expect(mine.body.received).toBeLessThan(res.body.received);
    expect((await t.http.get('/api/complaints/stats?from=2026-05-31&to=2026-05-01').set(as('director'))).status).toBe(422);
  });
});

describe('quality: surveys', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-05-20T10:00:00+03:00');
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  let surveyId: string;

  const QUESTIONS = [
    { id: 'q1', kind: 'rating', text: 'Оцените работу менеджера', required: true, about: 'employee' },
    { id: 'q2', kind: 'nps', text: 'Порекомендуете ли вы нас коллегам?', required: true },
    { id: 'q3', kind: 'single', text: 'Монтаж выполнен в срок?', options: ['Да', 'Нет'], required: false },
    { id: 'q4', kind: 'multiple', text: 'Что понравилось?', options: ['Цена', 'Сервис', 'Монтаж'], required: false },
    { id: 'q5', kind: 'text', text: 'Что улучшить?', required: false },
  ];

  const sink = new SmtpSink();

  beforeAll(async () => {
    await sink.start();
    t = await TestApp.start({ clock, env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), MAIL_PER_MINUTE: '10000' } });
    for (const [name, email] of Object.entries({ quality: 'quality@lider.test', manager1: 'manager1@lider.test', admin: 'admin@lider.test', legal: 'legal@lider.test', director: 'director@lider.test' })) {
      const s = await t.login(email);
      token[name] = s.accessToken;
      id[name] = s.userId;
    }
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  const as = (who: string) => bearer(token[who]);
  const clientWithEmail = async (skip = 0): Promise<string> =>
    (
      await t.sql.query(
        `SELECT c.id FROM clients c WHERE c.archived_at IS NULL AND (cardinality(c.emails) > 0 OR EXISTS (SELECT 1 FROM client_contacts x WHERE x.client_id = c.id AND cardinality(x.emails) > 0))
          ORDER BY c.name OFFSET $1 LIMIT 1`,
        [skip],
      )
    )[0].id;

  it('ships the «Лидер» demo: complaints in every state (one open past its deadline), answered department requests, a survey with answers; seeding again adds nothing', async () => {
    const all = (await t.http.get('/api/complaints?pageSize=100').set(as('quality'))).body.items as Array<{ id: string; status: string; breached: boolean; subjectKind: string; subjectEquipmentLabel: string | null }>;
    expect(new Set(all.map((k) => k.status))).toEqual(new Set(['draft', 'new', 'in_progress', 'answered', 'closed', 'rejected']));
    expect(all.some((k) => k.breached && ['new', 'in_progress', 'answered'].includes(k.status))).toBe(true);
    expect(all.some((k) => k.breached && k.status === 'closed')).toBe(true);
    expect(all.find((k) => k.subjectKind === 'equipment')?.subjectEquipmentLabel).toEqual(expect.stringContaining('№'));
    const details = await Promise.all(all.map(async (k) => (await t.http.get(`/api/complaints/${k.id}`).set(as('quality'))).body));
    const requests = details.flatMap((k: { requests: Array<{ status: string; answer: string | null; addresseeName: string }> }) => k.requests);
    expect(requests.filter((r) => r.status === 'answered' && r.answer)).not.toHaveLength(0);
    expect(requests.filter((r) => r.status === 'open')).not.toHaveLength(0);
    // The legal service sees its request in its list.
    expect((await t.http.get('/api/complaints/requests/mine').set(as('legal'))).body).not.toHaveLength(0);
    const [demo] = (await t.http.get('/api/surveys').set(as('quality'))).body as Array<{ id: string; title: string }>;
    const results = (await t.http.get(`/api/surveys/${demo.id}/results`).set(as('director'))).body;
    expect(results.responses).toBe(5);
    expect(results.nps).toEqual(expect.any(Number));
    const count = async () => (await t.sql.query(`SELECT (SELECT count(*) FROM complaints)::int AS k, (SELECT count(*) FROM survey_responses)::int AS r`))[0];
    const before = await count();
    await seedDemo(t.app.get(DataSource));
    expect(await count()).toEqual(before);
  });

  it('builds a questionnaire of every question kind and refuses an inconsistent one, naming the field', async () => {
    const bad = await t.http.post('/api/surveys').set(as('quality')).send({ title: 'Плохая анкета', questions: [{ id: 'q1', kind: 'single', text: 'Без вариантов', required: true }] });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('questions.0.options');
    const res = await t.http.post('/api/surveys').set(as('quality')).send({ title: 'Качество обслуживания', questions: QUESTIONS });
    expect(res.status).toBe(201);
    const active = await t.http.patch(`/api/surveys/${res.body.id}`).set(as('quality')).send({ version: res.body.version, status: 'active' });
    expect(active.body.status).toBe('active');
    surveyId = res.body.id;
    expect((await t.http.get(`/api/surveys/${surveyId}`).set(as('legal'))).status).toBe(404);
    expect((await t.http.get(`/api/surveys/${surveyId}`).set(as('manager1'))).status).toBe(403);
  });

  it('answers a personal e-mail link once, without signing in, and never after it expires', async () => {
    const invited = await t.http.post(`/api/surveys/${surveyId}/invitations`).set(as('quality')).send({ clientIds: [await clientWithEmail(0), await clientWithEmail(1)] });
    expect(invited.status).toBe(201);
    expect(invited.body.emailed).toBe(true);
    const [first, second] = invited.body.created;
    const tokenOf = (link: string) => link.split('/survey/')[1];
    const open = await t.http.get(`/api/public/survey?token=${tokenOf(first.link)}`);
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ title: 'Качество обслуживания', state: 'open' });

    const invalid = await t.http.post('/api/public/survey').send({ token: tokenOf(first.link), answers: { q1: 7, q2: 9 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field)).toEqual(['answers.q1']);
    const ok = await t.http.post('/api/public/survey').send({ token: tokenOf(first.link), answers: { q1: 5, q2: 9, q3: 'Да', q4: ['Цена', 'Сервис'], q5: 'Всё хорошо' } });
    expect(ok.status).toBe(201);
    const twice = await t.http.post('/api/public/survey').send({ token: tokenOf(first.link), answers: { q1: 4, q2: 8 } });
    expect(twice.status).toBe(409);
    expect((await t.http.get(`/api/public/survey?token=${tokenOf(first.link)}`)).body.state).toBe('answered');

    clock.at('2026-06-04', '10:00'); // 15 days later: the 14-day link has expired
    expect((await t.http.get(`/api/public/survey?token=${tokenOf(second.link)}`)).body.state).toBe('expired');
    const late = await t.http.post('/api/public/survey').send({ token: tokenOf(second.link), answers: { q1: 5, q2: 10 } });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('link_expired');
    expect((await t.http.get('/api/public/survey?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    clock.at('2026-05-20', '10:00');
  });

  it('mails the personal links through marketing’s SMTP transport, and none to an address on the suppression list', async () => {
    const invited = await t.http.post(`/api/surveys/${surveyId}/invitations`).set(as('quality')).send({ clientIds: [await clientWithEmail(2), await clientWithEmail(3)] });
    const [mailed, suppressed] = invited.body.created as Array<{ id: string; email: string; link: string; mailState: string }>;
    expect([mailed.mailState, suppressed.mailState]).toEqual(['queued', 'queued']);
    // Unsubscribed before the queue got to it: the send-time check counts.
    expect((await t.http.post('/api/marketing/suppressions').set(as('admin')).send({ address: suppressed.email.toUpperCase() })).status).toBeLessThan(300);
    await t.app.get(WorkQueue).drain();

    const [mail] = sink.to(mailed.email);
    expect(sink.to(mailed.email)).toHaveLength(1);
    expect(mail.subject).toBe('Опрос «Качество обслуживания»');
    expect(mail.text).toContain(mailed.link);
    expect(mail.html).toContain(`href="${mailed.link}"`);
    expect(sink.to(suppressed.email)).toHaveLength(0);
    const states = Object.fromEntries(
      ((await t.http.get(`/api/surveys/${surveyId}/invitations`).set(as('quality'))).body as Array<{ id: string; mailState: string }>).map((i) => [i.id, i.mailState]),
    );
    expect([states[mailed.id], states[suppressed.id]]).toEqual(['sent', 'suppressed']);
  });

  it('opens a complaint draft on a low phone rating and shows results per question and employee with NPS', async () => {
    const client = await clientOf(t, 'manager1@lider.test');
    const res = await t.http.post(`/api/surveys/${surveyId}/responses`).set(as('quality')).send({ clientId: client.id, employeeId: id.manager1, answers: { q1: 1, q2: 3, q5: 'Менеджер не перезвонил' } });
    expect(res.status).toBe(201);
    expect(res.body.complaintId).toEqual(expect.any(String));
    const draft = await t.http.get(`/api/complaints/${res.body.complaintId}`).set(as('quality'));
    expect(draft.body).toMatchObject({ status: 'draft', channel: 'survey', subjectKind: 'employee', subjectEmployeeId: id.manager1, clientId: client.id });
    expect(draft.body.description).toContain('Менеджер не перезвонил');
    // A draft is not a complaint yet: the client's history gets it when the officer registers it.
    const received = async () =>
      (await t.http.get(`/api/clients/${client.id}/timeline?kind=complaint_received&pageSize=100`).set(as('quality'))).body.items.filter((e: { subjectId: string }) => e.subjectId === draft.body.id);
    expect(await received()).toEqual([]);
    const registered = await t.http.post(`/api/complaints/${draft.body.id}/register`).set(as('quality')).send({ version: draft.body.version });
    expect(registered.body.status).toBe('new');
    expect(await received()).toEqual([expect.objectContaining({ payload: expect.objectContaining({ number: draft.body.number, channel: 'survey', subjectKind: 'employee' }) })]);

    const results = await t.http.get(`/api/surveys/${surveyId}/results`).set(as('director'));
    expect(results.status).toBe(200);
    expect(results.body.responses).toBe(2);
    // One promoter (9) and one detractor (3): NPS 0.
    expect(results.body.nps).toBe(0);
    const q1 = results.body.questions.find((q: { id: string }) => q.id === 'q1');
    expect(q1).toMatchObject({ answers: 2, average: 3 });
    expect(q1.distribution).toEqual(expect.arrayContaining([{ value: '1', count: 1 }, { value: '5', count: 1 }]));
    const q4 = results.body.questions.find((q: { id: string }) => q.id === 'q4');
    expect(q4.distribution).toEqual([{ value: 'Цена', count: 1 }, { value: 'Сервис', count: 1 }, { value: 'Монтаж', count: 0 }]);
    expect(results.body.byEmployee).toEqual([expect.objectContaining({ key: id.manager1, responses: 1, averageRating: 1, nps: -100 })]);
    // Questions are fixed once answered.
    const survey = (await t.http.get(`/api/surveys/${surveyId}`).set(as('quality'))).body;
    const change = await t.http.patch(`/api/surveys/${surveyId}`).set(as('quality')).send({ version: survey.version, questions: QUESTIONS.slice(0, 2) });
    expect(change.status).toBe(422);
  });

  it('gives the quality officer a phone-survey call for exactly the clients with one paid invoice, once, on the first working day of the month', async () => {
    const m1 = token.manager1;
    const fresh = async (name: string, inn: string, invoices: Array<{ amount: string; paid: boolean }>) => {
      const client = await t.http.post('/api/clients').set(bearer(m1)).send({ kind: 'legal_entity', name, inn });
      expect(client.status).toBe(201);
      for (const inv of invoices) {
        const deal = await t.http.post('/api/deals').set(bearer(m1)).send({ clientId: client.body.id, title: `Поставка ${name}`, amount: inv.amount });
        const invoice = await t.http.post('/api/invoices').set(bearer(m1)).send({ dealId: deal.body.id, amount: inv.amount, issueDate: '2026-05-05', dueDate: '2026-05-25' });
        expect(invoice.status).toBe(201);
        if (inv.paid) expect((await t.http.post(`/api/invoices/${invoice.body.id}/payments`).set(bearer(m1)).send({ amount: inv.amount, paidOn: '2026-05-15' })).status).toBe(201);
      }
      return client.body.id as string;
    };
    const once = await fresh('ООО «Одна покупка»', '7736050003', [{ amount: '1000.00', paid: true }]);
    const twice = await fresh('ООО «Две покупки»', '7707083893', [{ amount: '1000.00', paid: true }, { amount: '2000.00', paid: true }]);
    const unpaid = await fresh('ООО «Не оплатили»', '7702070139', [{ amount: '500.00', paid: false }]);

    const run = async () => {
      const started = await t.http.post('/api/jobs/survey-calls/run').set(as('admin'));
      expect(started.status).toBe(202);
      await t.app.get(WorkQueue).drain();
      return (await t.http.get(`/api/jobs/survey-calls/runs/${started.body.id}`).set(as('admin'))).body;
    };
    clock.at('2026-06-02', '10:00'); // not the first working day of June
    expect((await run()).status).toBe('skipped');

    clock.at('2026-06-01', '10:00');
    const first = await run();
    expect(first.status).toBe('succeeded');
    const expected = (
      await t.sql.query(
        `SELECT i.client_id FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.status = 'paid' AND c.archived_at IS NULL GROUP BY i.client_id HAVING count(*) = 1 ORDER BY 1`,
      )
    ).map((r: { client_id: string }) => r.client_id);
    const surveyed = (await t.sql.query(`SELECT client_id FROM survey_invitations WHERE channel = 'phone' ORDER BY 1`)).map((r: { client_id: string }) => r.client_id);
    expect(surveyed).toEqual(expected);
    expect(surveyed).toContain(once);
    expect(surveyed).not.toContain(twice);
    expect(surveyed).not.toContain(unpaid);
    expect(first.counts.tasksCreated).toBe(expected.length);
    const calls = await t.http.get(`/api/tasks?clientId=${once}`).set(as('quality'));
    expect(calls.body.items).toEqual([expect.objectContaining({ type: 'call', assigneeId: id.quality, source: 'survey_call', subject: 'Телефонный опрос нового клиента: ООО «Одна покупка»' })]);
    expect(calls.body.items[0].description).toContain('Оцените работу менеджера');

    const again = await run();
    expect(again.counts.tasksCreated).toBe(0);
  });
  it('takes a phone answer about an equipment unit of the client and shows the results per unit and per model', async () => {
    const client = await clientOf(t, 'manager1@lider.test');
    const [product] = await t.sql.query(`SELECT p.id, p.name FROM products p JOIN product_groups g ON g.id = p.group_id WHERE g.code = 'equipment' ORDER BY p.sku DESC LIMIT 1`);
    const unit = await t.http.post('/api/equipment').set(as('admin')).send({ clientId: client.id, productId: product.id, serialNumber: 'QA-SURVEY-0001' });
    expect(unit.status).toBe(201);
    const other = await clientOf(t, 'manager2@lider.test');
    const elsewhere = await t.http.post(`/api/surveys/${surveyId}/responses`).set(as('quality')).send({ clientId: other.id, equipmentId: unit.body.id, answers: { q1: 4, q2: 8 } });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.details).toEqual([expect.objectContaining({ field: 'equipmentId' })]);
    const res = await t.http.post(`/api/surveys/${surveyId}/responses`).set(as('quality')).send({ clientId: client.id, equipmentId: unit.body.id, answers: { q1: 4, q2: 8 } });
    expect(res.status).toBe(201);
    const results = (await t.http.get(`/api/surveys/${surveyId}/results`).set(as('director'))).body;
    expect(results.byEquipment).toEqual([expect.objectContaining({ key: unit.body.id, label: `${product.name} № QA-SURVEY-0001`, responses: 1 })]);
    expect(results.byEquipmentModel).toEqual([expect.objectContaining({ key: product.id, label: product.name, responses: 1, averageRating: 4 })]);
  });

  it('limits the public survey API per address: 429 with Retry-After once the bucket is empty, open again a minute later', async () => {
    // Later than any other test's clock (a full bucket); then the clock stands still, so it does not refill between the calls.
    clock.at('2026-12-01', '10:00');
    const statuses: number[] = [];
    let refused: { status: number; headers: Record<string, string>; body: { code: string } } | null = null;
    for (let i = 0; i < 30 && !refused; i++) {
      const res = await t.http.get('/api/public/survey?token=no-such-token-000000000000');
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(refused).not.toBeNull();
    expect(refused!.body.code).toBe('too_many_requests');
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Every call before the refusal was answered normally (an unknown link: 404).
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set([404]));
    // Answering is limited by the same bucket.
    expect((await t.http.post('/api/public/survey').send({ token: 'no-such-token-000000000000', answers: {} })).status).toBe(429);
    clock.at('2026-12-31', '23:59');
    expect((await t.http.get('/api/public/survey?token=no-such-token-000000000000')).status).toBe(404);
  });
});
