import { WorkQueue } from '../src/modules/queue';
import { clientOf } from './setup/clients';
import { bearer, FixedClock, TestApp } from './setup/test-app';

/**
 * The service department, end to end over HTTP on the real database: a hand-over
 * becomes an installation job due by the contract's deadline, finishing it late needs
 * the reason and puts the units into the registry; service contracts plan their visits
 * on working days of the production calendar (pinned clock around the New Year and May
 * holidays and a working Saturday) without ever doubling one; overdue visits, requests
 * with working-hour deadlines, the engineers' calendar, and who sees what.
 */
describe('service and equipment', () => {
  const clock = new FixedClock('2026-12-01T10:00:00+03:00');
  let t: TestApp;
  let manager1: string;
  let manager2: string;
  let service: string;
  let admin: string;
  let engineerId: string;
  let client: { id: string };
  let models: Array<{ id: string; sku: string }>;
  let job: { id: string; version: number };
  let units: Array<{ id: string; serialNumber: string; productId: string }>;

  const drain = () => t.app.get(WorkQueue).drain();
  const runPlanJob = async () => {
    const started = await t.http.post('/api/jobs/service-visit-plan/run').set(bearer(admin));
    expect(started.status).toBe(202);
    await drain();
    const run = await t.http.get(`/api/jobs/service-visit-plan/runs/${started.body.id}`).set(bearer(admin));
    expect({ status: run.body.status, error: run.body.error ?? null }).toEqual({ status: 'succeeded', error: null });
  };
  const visitsOf = async (contractId: string) =>
    (await t.http.get(`/api/service-visits?serviceContractId=${contractId}&pageSize=100`).set(bearer(service))).body.items as Array<{
      id: string;
      equipmentUnitId: string;
      periodStart: string;
      plannedOn: string;
      status: string;
      overdue: boolean;
      version: number;
    }>;
  const planned = async (contractId: string, unitId: string) =>
    (await visitsOf(contractId)).filter((v) => v.equipmentUnitId === unitId && v.status === 'planned').map((v) => v.plannedOn);

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    manager2 = (await t.login('manager2@lider.test')).accessToken;
    const engineer = await t.login('service1@lider.test');
    service = engineer.accessToken;
    engineerId = engineer.userId;
    admin = (await t.login('admin@lider.test')).accessToken;
    client = await clientOf(t, 'manager1@lider.test');
    models = await t.sql.query(`SELECT p.id, p.sku FROM products p JOIN product_groups g ON g.id = p.group_id WHERE g.code = 'equipment' ORDER BY p.sku LIMIT 3`);
  });
  afterAll(() => t.close());
  const clientName = async () => ((await t.http.get(`/api/clients/${client.id}`).set(bearer(service))).body.name as string);

  it('turns a hand-over into a job due by the contract deadline and flags the late hand-over', async () => {
    const stages: Array<{ id: string; code: string }> = (await t.http.get('/api/funnel/stages').set(bearer(manager1))).body;
    const stage = (code: string) => stages.find((s) => s.code === code)!.id;
    let deal = (await t.http.post('/api/deals').set(bearer(manager1)).send({ clientId: client.id, title: 'Витрины для павильона', amount: '300000.00' })).body;
    for (const code of ['decision', 'contract']) deal = (await t.http.post(`/api/deals/${deal.id}/move`).set(bearer(manager1)).send({ version: deal.version, stageId: stage(code) })).body;
    // Tuesday 1 Dec; the deadline Friday 4 Dec is 3 working days ahead: less than the rule's 10.
    const contract = (await t.http.post('/api/contracts').set(bearer(manager1)).send({ dealId: deal.id, installationDeadline: '2026-12-04' })).body;
    expect((await t.http.post(`/api/contracts/${contract.id}/sign`).set(bearer(manager1)).send({ version: 1, signedOn: '2026-12-01' })).status).toBe(200);
    deal = (await t.http.post(`/api/deals/${deal.id}/move`).set(bearer(manager1)).send({ version: deal.version, stageId: stage('handover') })).body;

    const list = await t.http.get(`/api/installations?dealId=${deal.id}`).set(bearer(service));
    expect(list.body.items).toEqual([
      expect.objectContaining({ deadline: '2026-12-04', plannedOn: '2026-12-04', handedOverOn: '2026-12-01', handoverWorkingDays: 3, lateHandover: true, status: 'planned', late: false }),
    ]);
    job = list.body.items[0];
    // The sales manager sees the job of their client, read-only.
    expect((await t.http.get(`/api/installations/${job.id}`).set(bearer(manager1))).body.lateHandover).toBe(true);
    expect((await t.http.patch(`/api/installations/${job.id}`).set(bearer(manager1)).send({ version: job.version, plannedOn: '2026-12-03' })).status).toBe(403);
    expect((await t.http.get(`/api/installations/${job.id}`).set(bearer(manager2))).status).toBe(404);

    const notEngineer = await t.http.patch(`/api/installations/${job.id}`).set(bearer(service)).send({ version: job.version, engineerIds: [await t.userId('manager1@lider.test')] });
    expect(notEngineer.status).toBe(422);
    expect(notEngineer.body.details).toEqual([expect.objectContaining({ field: 'engineerIds' })]);
    const planned = await t.http.patch(`/api/installations/${job.id}`).set(bearer(service)).send({ version: job.version, plannedOn: '2026-12-03', engineerIds: [engineerId] });
    expect(planned.body).toMatchObject({ plannedOn: '2026-12-03', engineers: [{ id: engineerId, fullName: expect.any(String) }] });
    const started = await t.http.post(`/api/installations/${job.id}/start`).set(bearer(service)).send({ version: planned.body.version });
    expect(started.body).toMatchObject({ status: 'in_progress', startedOn: '2026-12-01' });
    job = started.body;
  });

  it('refuses to finish after the deadline without a reason, then puts the units into the registry', async () => {
    clock.at('2026-12-08', '17:00');
    units = [];
    const body = {
      version: job.version,
      units: [
        { productId: models[0].id, serialNumber: 'SRV-TEST-0001' },
        { productId: models[1].id, serialNumber: 'SRV-TEST-0002', warrantyMonths: 24 },
      ],
    };
    const noReason = await t.http.post(`/api/installations/${job.id}/finish`).set(bearer(service)).send(body);
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({ code: 'slip_reason_required', details: [{ field: 'slipCode' }] });
    const otherWithoutText = await t.http.post(`/api/installations/${job.id}/finish`).set(bearer(service)).send({ ...body, slipCode: 'other' });
    expect(otherWithoutText.body.details).toEqual([expect.objectContaining({ field: 'slipReason' })]);
    const badCode = await t.http.post(`/api/installations/${job.id}/finish`).set(bearer(service)).send({ ...body, slipCode: 'weather' });
    expect(badCode.status).toBe(400);
    // Nothing was registered by the refusals.
    expect((await t.http.get('/api/equipment?serial=SRV-TEST').set(bearer(service))).body.total).toBe(0);

    const done = await t.http
      .post(`/api/installations/${job.id}/finish`)
      .set(bearer(service))
      .send({ ...body, slipCode: 'late_handover', slipReason: 'Сделку передали за три дня до срока' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', finishedOn: '2026-12-08', late: true, slipCode: 'late_handover', unitsInstalled: 2 });
    const late = await t.http.get('/api/installations?late=true&pageSize=200').set(bearer(service));
    expect(late.body.items.map((j: { id: string }) => j.id)).toContain(job.id);

    const found = await t.http.get('/api/equipment?serial=srv-test').set(bearer(service));
    expect(found.body.items).toEqual([
      expect.objectContaining({ serialNumber: 'SRV-TEST-0001', clientId: client.id, installedOn: '2026-12-08', warrantyUntil: '2027-12-08', installationJobId: job.id, status: 'in_service', underWarranty: true }),
      expect.objectContaining({ serialNumber: 'SRV-TEST-0002', warrantyUntil: '2028-12-08' }),
    ]);
    units = found.body.items;
    // The job's own units, for its card.
    const ofJob = await t.http.get(`/api/equipment?installationJobId=${job.id}`).set(bearer(service));
    expect(ofJob.body.items.map((u: { serialNumber: string }) => u.serialNumber)).toEqual(['SRV-TEST-0001', 'SRV-TEST-0002']);
    const otherJob = (await t.http.get('/api/installations?status=planned&pageSize=1').set(bearer(service))).body.items[0];
    expect((await t.http.get(`/api/equipment?installationJobId=${otherJob.id}`).set(bearer(service))).body.total).toBe(0);
    expect((await t.http.get('/api/equipment?installationJobId=nope').set(bearer(service))).body.details).toEqual([expect.objectContaining({ field: 'installationJobId' })]);
    const history = await t.http.get(`/api/equipment/${units[0].id}/history`).set(bearer(service));
    expect(history.body).toEqual([expect.objectContaining({ kind: 'installation', id: job.id, date: '2026-12-08', status: 'done' })]);
    const timeline = await t.http.get(`/api/clients/${client.id}/timeline?pageSize=50`).set(bearer(manager1));
    expect(timeline.body.items).toContainEqual(expect.objectContaining({ kind: 'installation_done', payload: expect.objectContaining({ late: true, units: 2, slipCode: 'late_handover' }) }));
    // A finished job stays finished.
    expect((await t.http.post(`/api/installations/${job.id}/cancel`).set(bearer(service)).send({ version: done.body.version, reason: 'Ошибка' })).body.code).toBe('installation_closed');
  });

  it('keeps serial numbers unique per model and names the field', async () => {
    const dup = await t.http.post('/api/equipment').set(bearer(service)).send({ productId: models[0].id, serialNumber: 'SRV-TEST-0001', clientId: client.id });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'serial_taken', details: [{ field: 'serialNumber' }] });
    const otherModel = await t.http.post('/api/equipment').set(bearer(service)).send({ productId: models[2].id, serialNumber: 'SRV-TEST-0001', clientId: client.id, installedOn: '2025-05-12' });
    expect(otherModel.status).toBe(201);
    const rename = await t.http.patch(`/api/equipment/${otherModel.body.id}`).set(bearer(service)).send({ version: otherModel.body.version, serialNumber: 'SRV-TEST-0003' });
    expect(rename.body.serialNumber).toBe('SRV-TEST-0003');
    units.push(rename.body);
    // The sales manager reads the registry of their client, never changes it; another manager sees nothing.
    expect((await t.http.get(`/api/equipment/${units[0].id}`).set(bearer(manager1))).status).toBe(200);
    expect((await t.http.patch(`/api/equipment/${units[0].id}`).set(bearer(manager1)).send({ version: 1, status: 'under_repair' })).status).toBe(403);
    expect((await t.http.get(`/api/equipment/${units[0].id}`).set(bearer(manager2))).status).toBe(404);
    expect((await t.http.get('/api/equipment?serial=SRV-TEST').set(bearer(manager2))).body.total).toBe(0);
  });

  let contractA: { id: string; number: string; version: number };
  let contractB: { id: string; number: string; version: number };

  it('plans visits on working days: past the New Year holidays and on a working Saturday', async () => {
    clock.at('2026-12-20', '10:00');
    const create = (startsOn: string, unitIds: string[]) =>
      t.http.post('/api/service-contracts').set(bearer(service)).send({ clientId: client.id, startsOn, endsOn: '2027-12-31', frequency: 'monthly', price: '9800.10', engineerId, unitIds });
    const a = await create('2027-01-01', [units[0].id]);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ price: '9800.10', status: 'active', unitIds: [units[0].id], engineer: { id: engineerId } });
    contractA = a.body;
    contractB = (await create('2027-01-20', [units[1].id])).body;
    await drain();
    // 1–10 January 2027 are holidays: the January visit is on Monday the 11th.
    expect(await planned(contractA.id, units[0].id)).toEqual(['2027-01-11', '2027-02-01', '2027-03-01']);
    // Saturday 20 February 2027 is a working day (transferred); Saturday 20 March is not.
    expect(await planned(contractB.id, units[1].id)).toEqual(['2027-01-20', '2027-02-20', '2027-03-22']);
    expect((await t.http.get(`/api/equipment/${units[0].id}`).set(bearer(service))).body).toMatchObject({ serviceContractId: contractA.id, serviceContractNumber: contractA.number });
  });

  it('numbers service contracts by the year without gaps: a refused contract takes no number', async () => {
    const seq = (number: string) => Number(/^СО-2026-(\d{5})$/.exec(number)?.[1]);
    expect(seq(contractA.number)).toBeGreaterThan(0);
    expect(seq(contractB.number)).toBe(seq(contractA.number) + 1);
    const refused = await t.http
      .post('/api/service-contracts')
      .set(bearer(service))
      .send({ clientId: client.id, startsOn: '2027-01-01', endsOn: '2027-12-31', frequency: 'monthly', price: '1.00', unitIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(refused.body).toMatchObject({ code: 'unit_not_of_client', details: [{ field: 'unitIds' }] });
    const next = await t.http.post('/api/service-contracts').set(bearer(service)).send({ clientId: client.id, startsOn: '2027-01-01', endsOn: '2027-01-31', frequency: 'monthly', price: '1.00', unitIds: [] });
    expect(next.status).toBe(201);
    expect(seq(next.body.number)).toBe(seq(contractB.number) + 1);
    // The number is the CRM's, not the caller's.
    const own = await t.http.post('/api/service-contracts').set(bearer(service)).send({ number: 'СО-1', clientId: client.id, startsOn: '2027-01-01', endsOn: '2027-01-31', frequency: 'monthly', price: '1.00', unitIds: [] });
    expect(own.status).toBe(400);
  });

  it('never plans a second visit for a unit and period, however often the plan is regenerated', async () => {
    await runPlanJob();
    await runPlanJob();
    const changed = await t.http.patch(`/api/service-contracts/${contractA.id}`).set(bearer(service)).send({ version: contractA.version, price: '10000.00' });
    expect(changed.body.price).toBe('10000.00');
    await drain();
    expect(await planned(contractA.id, units[0].id)).toEqual(['2027-01-11', '2027-02-01', '2027-03-01']);
    // The database refuses a duplicate even from outside the generator.
    const [first] = await visitsOf(contractA.id);
    await expect(
      t.sql.query(
        `INSERT INTO service_visits (client_id, service_contract_id, equipment_unit_id, period_start, planned_on, status, engineer_ids, version) VALUES ($1, $2, $3, $4, $4, 'planned', '{}', 1)`,
        [client.id, contractA.id, units[0].id, first.periodStart],
      ),
    ).rejects.toThrow(/service_visits_unit_period_key|duplicate key/);
    // A quarterly contract drops the months in between.
    const quarterly = await t.http.patch(`/api/service-contracts/${contractA.id}`).set(bearer(service)).send({ version: changed.body.version, frequency: 'quarterly' });
    contractA = quarterly.body;
    await drain();
    expect(await planned(contractA.id, units[0].id)).toEqual(['2027-01-11']);
    contractA = (await t.http.patch(`/api/service-contracts/${contractA.id}`).set(bearer(service)).send({ version: contractA.version, frequency: 'monthly' })).body;
    await drain();
    expect(await planned(contractA.id, units[0].id)).toEqual(['2027-01-11', '2027-02-01', '2027-03-01']);
  });

  it('flags visits past their day without a report and plans past the May holidays', async () => {
    clock.at('2027-04-15', '10:00');
    await runPlanJob();
    const a = await visitsOf(contractA.id);
    const march = a.find((v) => v.plannedOn === '2027-03-01')!;
    expect(march).toMatchObject({ status: 'planned', overdue: true });
    // 1–3 May 2027 are holidays: the May visit is on Tuesday the 4th.
    expect(a.filter((v) => v.status === 'planned' && !v.overdue).map((v) => v.plannedOn)).toEqual(['2027-04-15', '2027-05-04', '2027-06-01', '2027-07-01']);
    // B's unreported visits up to 22 March stay overdue: their periods get no second one.
    expect(await planned(contractB.id, units[1].id)).toEqual(['2027-01-20', '2027-02-20', '2027-03-22', '2027-04-20', '2027-05-20', '2027-06-21']);
    const overdue = await t.http.get(`/api/service-visits?overdue=true&clientId=${client.id}`).set(bearer(service));
    expect(overdue.body.items.map((v: { id: string }) => v.id)).toContain(march.id);

    // The report (phone-sized form): work done, parts, signatory; on the client's timeline.
    const missing = await t.http.post(`/api/service-visits/${march.id}/report`).set(bearer(service)).send({ version: march.version, outcome: 'done' });
    expect(missing.status).toBe(400);
    expect([...new Set(missing.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['signatoryName', 'workDone']);
    const report = await t.http
      .post(`/api/service-visits/${march.id}/report`)
      .set(bearer(service))
      .send({ version: march.version, outcome: 'done', doneOn: '2027-04-15', workDone: 'Чистка конденсатора', partsUsed: [{ description: 'Фильтр-осушитель', quantity: '1' }], signatoryName: 'Ковалёва И. П.' });
    expect(report.body).toMatchObject({ status: 'done', overdue: false, doneOn: '2027-04-15', partsUsed: [{ productId: null, description: 'Фильтр-осушитель', quantity: '1' }] });
    const timeline = await t.http.get(`/api/clients/${client.id}/timeline?pageSize=50`).set(bearer(manager1));
    expect(timeline.body.items).toContainEqual(expect.objectContaining({ kind: 'service_visit_done', payload: expect.objectContaining({ workDone: 'Чистка конденсатора', signatoryName: 'Ковалёва И. П.' }) }));

    // Rescheduled: the reason stays on the old visit, the period keeps one planned visit.
    const april = (await visitsOf(contractA.id)).find((v) => v.plannedOn === '2027-04-15')!;
    const moved = await t.http.post(`/api/service-visits/${april.id}/report`).set(bearer(service)).send({ version: april.version, outcome: 'rescheduled', reason: 'Клиент попросил перенести', newDate: '2027-04-19' });
    expect(moved.body).toMatchObject({ status: 'planned', plannedOn: '2027-04-19', periodStart: '2027-04-01' });
    await runPlanJob();
    // January and February were never reported: still overdue, still one each.
    expect(await planned(contractA.id, units[0].id)).toEqual(['2027-01-11', '2027-02-01', '2027-04-19', '2027-05-04', '2027-06-01', '2027-07-01']);
    const history = await t.http.get(`/api/equipment/${units[0].id}/history`).set(bearer(service));
    expect(history.body.map((h: { kind: string; status: string }) => `${h.kind}:${h.status}`)).toEqual(expect.arrayContaining(['visit:done', 'visit:rescheduled', 'installation:done']));
  });

  it('takes requests with a deadline in working hours and escalates one to a visit in one step', async () => {
    // Friday 16 April 2027, 17:00: a malfunction gets 4 working hours — 1 on Friday, 3 on Monday.
    clock.at('2027-04-16', '17:00');
    const created = await t.http.post('/api/service-requests').set(bearer(service)).send({ clientId: client.id, equipmentUnitId: units[0].id, kind: 'malfunction', channel: 'phone', description: 'Витрина не холодит' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', respondBy: '2027-04-19T09:00:00.000Z', overdue: false });
    const foreign = await t.http.post('/api/service-requests').set(bearer(service)).send({ clientId: client.id, equipmentUnitId: '00000000-0000-4000-8000-000000000000', kind: 'consultation', channel: 'phone', description: '?' });
    expect(foreign.status).toBe(422);
    clock.at('2027-04-19', '12:30');
    expect((await t.http.get(`/api/service-requests/${created.body.id}`).set(bearer(service))).body.overdue).toBe(true);
    const escalated = await t.http.post(`/api/service-requests/${created.body.id}/escalate`).set(bearer(service)).send({ version: created.body.version, plannedOn: '2027-04-20', engineerIds: [engineerId] });
    expect(escalated.body).toMatchObject({ status: 'escalated', serviceVisitId: expect.any(String) });
    const visit = await t.http.get(`/api/service-visits/${escalated.body.serviceVisitId}`).set(bearer(service));
    expect(visit.body).toMatchObject({ serviceRequestId: created.body.id, plannedOn: '2027-04-20', equipmentUnitId: units[0].id, status: 'planned' });
    expect((await t.http.post(`/api/service-requests/${created.body.id}/resolve`).set(bearer(service)).send({ version: escalated.body.version, outcome: 'x' })).body.code).toBe('request_closed');
    // The sales manager reads it; another manager does not.
    expect((await t.http.get(`/api/service-requests/${created.body.id}`).set(bearer(manager1))).status).toBe(200);
    expect((await t.http.get(`/api/service-requests/${created.body.id}`).set(bearer(manager2))).status).toBe(404);
    expect((await t.http.post('/api/service-requests').set(bearer(manager1)).send({ clientId: client.id, kind: 'consultation', channel: 'phone', description: '?' })).status).toBe(403);
  });

  it('shows each engineer’s week with the load', async () => {
    const week = await t.http.get(`/api/service/calendar?from=2027-04-19&to=2027-04-25&engineerId=${engineerId}`).set(bearer(service));
    expect(week.status).toBe(200);
    const [me] = week.body.engineers;
    expect(me.id).toBe(engineerId);
    expect(me.days).toHaveLength(7);
    expect(me.days.find((d: { date: string }) => d.date === '2027-04-24').working).toBe(false);
    const tuesday = me.days.find((d: { date: string }) => d.date === '2027-04-20').items;
    expect(tuesday.map((i: { kind: string }) => i.kind)).toContain('visit');
    expect(me.load).toBeGreaterThanOrEqual(3);
    expect((await t.http.get('/api/service/calendar?from=2027-04-19&to=2027-09-01').set(bearer(service))).body.details).toEqual([expect.objectContaining({ field: 'to' })]);
    // A sales manager's calendar holds only their own clients' work.
    const theirs = await t.http.get('/api/service/calendar?from=2027-04-19&to=2027-04-25').set(bearer(manager2));
    const clients = new Set(theirs.body.engineers.flatMap((e: { days: Array<{ items: Array<{ clientId: string }> }> }) => e.days.flatMap((d) => d.items.map((i) => i.clientId))));
    expect(clients.has(client.id)).toBe(false);
  });

  it('reminds the engineer two working days before a planned visit, once', async () => {
    // Friday 28 May 2027: Monday 31 May and Tuesday 1 June are the next two working days.
    clock.at('2027-05-28', '10:00');
    await runPlanJob();
    await runPlanJob();
    const name = await clientName();
    const tasks = await t.http.get(`/api/tasks?clientId=${client.id}&pageSize=100`).set(bearer(service));
    const reminders = tasks.body.items.filter((x: { subject: string }) => x.subject.startsWith('Сервисный визит'));
    // Every run of the job since April reminded of what was near then; none twice.
    const subjects = reminders.map((x: { subject: string }) => x.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    const june = reminders.filter((x: { subject: string }) => x.subject.includes('01.06.2027'));
    expect(june).toEqual([expect.objectContaining({ subject: `Сервисный визит 01.06.2027: ${name}`, type: 'visit', assigneeId: engineerId, dueAt: '2027-05-28T09:00:00.000Z' })]);
    expect(june[0].description).toContain('SRV-TEST-0001');
    // B's visit on 21 June is too far ahead for a reminder yet.
    expect(reminders.some((x: { subject: string }) => x.subject.includes('21.06.2027'))).toBe(false);
  });

  it('gives the client’s manager a renewal task when the contract nears its end, once', async () => {
    clock.at('2027-12-06', '08:00');
    await runPlanJob();
    await runPlanJob();
    const tasks = await t.http.get(`/api/tasks?clientId=${client.id}&pageSize=100`).set(bearer(manager1));
    const mine = [contractA.number, contractB.number].map((n) => `Продлить договор обслуживания № ${n} (действует до 31.12.2027)`);
    const renewals = tasks.body.items.filter((x: { subject: string }) => mine.includes(x.subject));
    expect(renewals.map((x: { subject: string }) => x.subject).sort()).toEqual(mine.sort());
    expect((await t.http.get(`/api/service-contracts/${contractA.id}`).set(bearer(manager1))).body).toMatchObject({ endingSoon: true, renewalRequestedAt: expect.any(String) });
  });
});
