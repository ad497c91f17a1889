import { bearer, FixedClock, TestApp } from './setup/test-app';
import { clientOf } from './setup/clients';
import { WorkQueue } from '../src/modules/queue';

/**
 * The production calendar: the shipped data, the provisional 2027, and days an admin
 * sets over it — audited, validated, seen by a job run at once (even when another
 * instance made the change: the revision in the database is what is compared).
 */
describe('production calendar overrides', () => {
  let t: TestApp;
  // Wednesday 10 November 2027, 09:00 Moscow.
  const clock = new FixedClock('2027-11-10T09:00:00+03:00');
  let admin: string;
  let manager1: string;
  let clientId: string;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    admin = (await t.login('admin@lider.test')).accessToken;
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    clientId = (await clientOf(t, 'manager1@lider.test')).id;
    // The demo invoices would add their own calls; these tests look at their own invoices only.
    await t.sql.query(`UPDATE invoices SET status = 'cancelled'`);
  });
  afterAll(() => t.close());

  const put = (date: string, body: object, token = admin) => t.http.put(`/api/calendar/days/${date}`).set(bearer(token)).send(body);

  it('shows a year with every day, and 2027 as provisional', async () => {
    const res = await t.http.get('/api/calendar/2027').set(bearer(manager1));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, provisional: true, workingDays: 247, overrides: [] });
    expect(res.body.days).toHaveLength(365);
    expect(res.body.days.find((d: { date: string }) => d.date === '2027-11-13')).toEqual({ date: '2027-11-13', kind: 'day_off', shippedKind: 'day_off', overridden: false });
    expect((await t.http.get('/api/calendar/2026').set(bearer(manager1))).body.provisional).toBe(false);
    expect((await t.http.get('/api/calendar').set(bearer(manager1))).body).toEqual({ years: [2024, 2025, 2026, 2027], provisionalYears: [2027] });
    expect((await t.http.get('/api/calendar/2031').set(bearer(manager1))).status).toBe(404);
    expect((await t.http.get('/api/calendar/20x7').set(bearer(manager1))).status).toBe(400);
  });

  it('lets only an admin change a day, and refuses bad input naming the field', async () => {
    expect((await put('2027-11-13', { kind: 'working' }, manager1)).status).toBe(403);
    const badKind = await put('2027-11-13', { kind: 'holiday' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.details).toEqual([expect.objectContaining({ field: 'kind' })]);
    const badDate = await put('2027-02-30', { kind: 'working' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.details).toEqual([expect.objectContaining({ field: 'date' })]);
    const outside = await put('2031-01-09', { kind: 'working' });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ code: 'calendar_year_not_supported', details: [expect.objectContaining({ field: 'date' })] });
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM calendar_overrides`))[0].n).toBe(0);
  });

  async function invoiceDue(dueDate: string) {
    const deal = await t.http.post('/api/deals').set(bearer(manager1)).send({ clientId, title: `Счёт до ${dueDate}`, amount: '1000.00' });
    const res = await t.http.post('/api/invoices').set(bearer(manager1)).send({ dealId: deal.body.id, amount: '1000.00', issueDate: '2027-11-01', dueDate });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const callsFor = async (invoiceId: string) => (await t.http.get(`/api/tasks?invoiceId=${invoiceId}`).set(bearer(manager1))).body.items;
  /** Starts the job by hand (202, queued) and works the queue off, as an admin's click would. */
  const runCallsJob = async () => {
    const started = await t.http.post('/api/jobs/payment-calls/run').set(bearer(admin));
    await t.app.get(WorkQueue).drain();
    return started;
  };

  it('moves the payment-call window at once when Saturday 13 Nov 2027 becomes a working day', async () => {
    // Due Monday 15 Nov. By the shipped calendar its call day is Wed 10 Nov (Fri 12, Thu 11, Wed 10).
    const before = await invoiceDue('2027-11-15');
    clock.at('2027-11-10');
    expect((await runCallsJob()).status).toBeLessThan(300);
    expect(await callsFor(before)).toHaveLength(1);

    // The decree: Saturday 13 November is a working day. Now 3 working days before the 15th end on Thu 11.
    const set = await put('2027-11-13', { kind: 'working', reason: 'Постановление о переносе выходных дней в 2027 году' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ date: '2027-11-13', kind: 'working', shippedKind: 'day_off', overridden: true });
    const after = await invoiceDue('2027-11-15');
    expect((await runCallsJob()).status).toBeLessThan(300);
    expect(await callsFor(after)).toHaveLength(0);
    clock.at('2027-11-11');
    expect((await runCallsJob()).status).toBeLessThan(300);
    expect(await callsFor(after)).toHaveLength(1);

    const year = (await t.http.get('/api/calendar/2027').set(bearer(manager1))).body;
    expect(year.workingDays).toBe(248);
    expect(year.overrides).toEqual([expect.objectContaining({ date: '2027-11-13', kind: 'working', shippedKind: 'day_off', reason: expect.stringContaining('Постановление') })]);
  });

  it('writes every change to the audit log and can put the day back', async () => {
    const reset = await t.http.delete('/api/calendar/days/2027-11-13').set(bearer(admin));
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ date: '2027-11-13', kind: 'day_off', shippedKind: 'day_off', overridden: false });
    const audit: Array<{ action: string; changes: Record<string, unknown> }> = await t.sql.query(
      `SELECT action, changes FROM audit_log WHERE entity_type = 'calendar_day' AND entity_id = '2027-11-13' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(audit[0]!.changes).toMatchObject({ kind: { from: 'day_off', to: 'working' } });
  });

  it('picks up a change another instance made (the database revision moved)', async () => {
    // Another API instance sets 20 Feb 2027 a day off: rows and revision change in the database only.
    await t.sql.query(`INSERT INTO calendar_overrides (date, kind, reason) VALUES ('2027-02-20', 'day_off', 'другой экземпляр')`);
    await t.sql.query(`UPDATE calendar_revision SET revision = revision + 1 WHERE id = 1`);
    const day = (await t.http.get('/api/calendar/2027').set(bearer(manager1))).body.days.find((d: { date: string }) => d.date === '2027-02-20');
    expect(day).toEqual({ date: '2027-02-20', kind: 'day_off', shippedKind: 'short', overridden: true });
  });
});
