import { rebuildAnalyticsTotals } from '../src/modules/analytics/analytics-totals';
import ExcelJS from 'exceljs';
import { bearer, FixedClock, TestApp } from './setup/test-app';
import { clientOf } from './setup/clients';

/**
 * Analytics over a small hand-made data set (the demo deals, invoices, tasks and plans
 * are removed first), so every expected figure below can be checked with a pencil.
 * «Today» is Tuesday 31.03.2026, 12:00 Moscow.
 */
describe('analytics', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-03-31T12:00:00+03:00');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const stage: Record<string, string> = {};

  const msk = (local: string) => `${local}+03:00`;

  async function deal(
    manager: 'm1' | 'm2',
    d: { stage: string; amount: string; probability: number; expected?: string | null; created: string; closed?: string; status?: string; lossReason?: string; lossComment?: string },
  ) {
    const [row] = await t.sql.query(
      `INSERT INTO deals (client_id, title, manager_id, stage_id, status, amount, probability, expected_close_date, closed_at, loss_reason_id, loss_comment, created_at, updated_at, version)
       VALUES ($1, 'Сделка', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 1) RETURNING id`,
      [ids[`c_${manager}`], ids[manager], stage[d.stage], d.status ?? 'open', d.amount, d.probability, d.expected ?? null, d.closed ?? null, d.lossReason ?? null, d.lossComment ?? null, d.created],
    );
    return row.id as string;
  }

  async function invoice(manager: 'm1' | 'm2', number: string, amount: string, paid: string, due: string, status: string) {
    const [row] = await t.sql.query(
      `INSERT INTO invoices (client_id, number, issue_date, due_date, amount, paid_amount, status, version) VALUES ($1, $2, '2026-02-01', $3, $4, $5, $6, 1) RETURNING id`,
      [ids[`c_${manager}`], number, due, amount, paid, status],
    );
    return row.id as string;
  }

  const pay = (invoiceId: string, paidOn: string, amount: string) => t.sql.query(`INSERT INTO payments (invoice_id, paid_on, amount) VALUES ($1, $2, $3)`, [invoiceId, paidOn, amount]);

  const task = (manager: 'm1' | 'm2', type: string, status: string, due: string, completed: string | null = null) =>
    t.sql.query(
      `INSERT INTO tasks (type, subject, assignee_id, author_id, client_id, due_at, status, completed_at, version) VALUES ($1, 'Контакт', $2, $2, $3, $4, $5, $6, 1)`,
      [type, ids[manager], ids[`c_${manager}`], due, status, completed],
    );

  const get = (who: string, path: string) => t.http.get(path).set(bearer(tokens[who]));

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    for (const [key, email] of [
      ['director', 'director@lider.test'],
      ['head', 'head@lider.test'],
      ['m1', 'manager1@lider.test'],
      ['m2', 'manager2@lider.test'],
      ['service', 'service1@lider.test'],
    ]) {
      const s = await t.login(email);
      tokens[key] = s.accessToken;
      ids[key] = s.userId;
    }
    ids.c_m1 = (await clientOf(t, 'manager1@lider.test')).id;
    ids.c_m2 = (await clientOf(t, 'manager2@lider.test')).id;
    for (const s of await t.sql.query(`SELECT id, code FROM pipeline_stages`)) stage[s.code] = s.id;
    await t.sql.query(`TRUNCATE deals, invoices, payments, tasks, monthly_plans CASCADE`);

    // manager1: two open deals (one created 28.02 at 23:30 Moscow — February's), one won in March.
    const dealA = await deal('m1', { stage: 'presentation', amount: '100000.00', probability: 10, expected: '2026-04-15', created: msk('2026-03-05T10:00:00') });
    const dealB = await deal('m1', { stage: 'decision', amount: '250000.50', probability: 50, expected: '2026-04-20', created: msk('2026-02-28T23:30:00') });
    const dealC = await deal('m1', { stage: 'won', status: 'won', amount: '300000.00', probability: 100, created: msk('2026-01-10T10:00:00'), closed: msk('2026-03-10T15:00:00') });
    // two losses in March: one explained, one with a bare reason
    const [reason] = await t.sql.query(`SELECT id FROM reference_items WHERE kind = 'loss_reason' LIMIT 1`);
    await deal('m1', { stage: 'lost', status: 'lost', amount: '80000.00', probability: 0, created: msk('2026-01-12T10:00:00'), closed: msk('2026-03-12T10:00:00'), lossReason: reason.id, lossComment: 'Выбрали конкурента: дешевле на 12 %' });
    await deal('m1', { stage: 'lost', status: 'lost', amount: '60000.00', probability: 0, created: msk('2026-01-13T10:00:00'), closed: msk('2026-03-15T10:00:00'), lossReason: reason.id, lossComment: '  ' });
    // the won deal sells two product groups (a cross-sale) and its installation is late
    const products: Array<{ id: string; group_id: string }> = await t.sql.query(`SELECT DISTINCT ON (group_id) id, group_id FROM products ORDER BY group_id, sku LIMIT 2`);
    for (const [i, p] of products.entries()) {
      await t.sql.query(
        `INSERT INTO deal_lines (deal_id, product_id, description, quantity, unit_price, line_total, sort_order) VALUES ($1, $2, 'Позиция', 1, 150000, 150000, $3)`,
        [dealC, p.id, i],
      );
    }
    await t.sql.query(`INSERT INTO installation_jobs (deal_id, client_id, deadline, status, slip_reason, engineer_ids, version) VALUES ($1, $2, '2026-03-25', 'in_progress', 'Задержка поставки', '{}', 1)`, [dealC, ids.c_m1]);
    await t.sql.query(
      `INSERT INTO proposals (deal_id, number, status, issue_date, total, version) VALUES ($1, 'КП-T-1', 'sent', '2026-03-06', '95000.00', 1), ($2, 'КП-T-2', 'sent', '2026-02-27', '240000.00', 1)`,
      [dealA, dealB],
    );
    const i1 = await invoice('m1', 'СЧ-T-1', '300000.00', '120000.00', '2026-03-20', 'partly_paid');
    await pay(i1, '2026-03-31', '100000.00');
    await pay(i1, '2026-03-30', '20000.00');
    const i2 = await invoice('m1', 'СЧ-T-2', '50000.00', '50000.00', '2026-02-20', 'paid');
    await pay(i2, '2026-02-15', '50000.00');
    await task('m1', 'call', 'done', msk('2026-03-31T09:00:00'), msk('2026-03-31T09:10:00'));
    await task('m1', 'meeting', 'done', msk('2026-03-30T18:00:00'), msk('2026-03-30T23:30:00'));
    await task('m1', 'call', 'planned', msk('2026-03-31T10:00:00'));
    await task('m1', 'call', 'planned', msk('2026-03-25T10:00:00'));
    await task('m1', 'meeting', 'planned', msk('2026-03-31T15:00:00'));

    // manager2: one open deal without a close date, one invoice paid today, one done call.
    await deal('m2', { stage: 'presentation', amount: '40000.00', probability: 10, created: msk('2026-03-02T10:00:00') });
    const i3 = await invoice('m2', 'СЧ-T-3', '70000.00', '70000.00', '2026-04-10', 'paid');
    await pay(i3, '2026-03-31', '70000.00');
    await task('m2', 'call', 'done', msk('2026-03-31T08:00:00'), msk('2026-03-31T11:00:00'));

    await t.sql.query(
      `INSERT INTO monthly_plans (manager_id, month, revenue_target, won_deals_target, calls_target, meetings_target, version)
       VALUES ($1, '2026-03-01', '400000.00', 2, 40, 10, 1), ($2, '2026-03-01', '100000.00', 1, 30, 8, 1)`,
      [ids.m1, ids.m2],
    );
    // The fixtures went in with SQL, past the events that keep the analytics summaries.
    await rebuildAnalyticsTotals(t.sql);
  });
  afterAll(() => t.close());

  describe('GET /api/analytics/dashboard', () => {
    it('gives the director the whole company’s day, to the kopeck', async () => {
      const res = await get('director', '/api/analytics/dashboard');
      expect(res.status).toBe(200);
      const d = res.body;
      expect(d).toMatchObject({ date: '2026-03-31', month: '2026-03', scope: 'all' });
      expect(d.kpis).toEqual({
        revenueToday: { value: '170000.00', previous: '20000.00' },
        revenueMonth: { value: '190000.00', previous: '50000.00' },
        newDeals: { value: 2, previous: 1 },
        wonDeals: { value: 1, previous: 0 },
        wonAmount: { value: '300000.00', previous: '0.00' },
        openDeals: 3,
        openAmount: '390000.50',
        weightedAmount: '139000.25',
      });
      expect(d.revenueVsPlan).toEqual({ actual: '190000.00', plan: '500000.00', percent: 38 });
      expect(d.expectedSales).toEqual([
        { month: '2026-04', deals: 2, amount: '350000.50', weighted: '135000.25' },
        { month: null, deals: 1, amount: '40000.00', weighted: '4000.00' },
      ]);
      const stages = Object.fromEntries(d.stages.map((s: { code: string; deals: number; amount: string }) => [s.code, [s.deals, s.amount]]));
      expect(stages).toEqual({ presentation: [2, '140000.00'], proposal: [0, '0.00'], decision: [1, '250000.50'], contract: [0, '0.00'], handover: [0, '0.00'] });
      const contacts = Object.fromEntries(d.contacts.map((c: { employeeId: string; done: number; overdue: number; planned: number }) => [c.employeeId, [c.done, c.overdue, c.planned]]));
      expect(contacts).toEqual({ [ids.m1]: [1, 2, 1], [ids.m2]: [1, 0, 0] });
      expect(d.overdueInvoices).toMatchObject({ count: 1, outstanding: '180000.00', items: [{ number: 'СЧ-T-1', dueDate: '2026-03-20', outstanding: '180000.00', daysOverdue: 11 }] });
      // read through the quality and service modules' own scoped lists
      expect(d.complaints.available).toBe(true);
      expect(d.complaints.items.length).toBeLessThanOrEqual(10);
      for (const k of d.complaints.items) expect(k.processingDays).toBeGreaterThanOrEqual(0);
      // the won deal's installation: deadline 25.03 passed, still in progress, slipped
      expect(d.installationsAtRisk.available).toBe(true);
      expect(d.installationsAtRisk.items).toContainEqual(
        expect.objectContaining({ clientId: ids.c_m1, deadline: '2026-03-25', status: 'in_progress', late: true, slipReason: 'Задержка поставки' }),
      );
    });

    it('keeps a manager’s complaints and installations at risk to their own clients', async () => {
      const m2 = (await get('m2', '/api/analytics/dashboard')).body;
      expect(m2.installationsAtRisk.available).toBe(true);
      expect(m2.installationsAtRisk.items.map((j: { clientId: string }) => j.clientId)).not.toContain(ids.c_m1);
      const own = new Set((await t.sql.query(`SELECT id FROM clients WHERE manager_id = $1`, [ids.m2])).map((r: { id: string }) => r.id));
      for (const k of m2.complaints.items) expect(own.has(k.clientId)).toBe(true);
    });

    it('shows a manager only their own figures, including in every total', async () => {
      const m1 = (await get('m1', '/api/analytics/dashboard')).body;
      expect(m1.scope).toBe('own');
      expect(m1.kpis).toEqual({
        revenueToday: { value: '100000.00', previous: '20000.00' },
        revenueMonth: { value: '120000.00', previous: '50000.00' },
        newDeals: { value: 1, previous: 1 },
        wonDeals: { value: 1, previous: 0 },
        wonAmount: { value: '300000.00', previous: '0.00' },
        openDeals: 2,
        openAmount: '350000.50',
        weightedAmount: '135000.25',
      });
      expect(m1.revenueVsPlan).toEqual({ actual: '120000.00', plan: '400000.00', percent: 30 });
      expect(m1.contacts.map((c: { employeeId: string }) => c.employeeId)).toEqual([ids.m1]);

      const m2 = (await get('m2', '/api/analytics/dashboard')).body;
      expect(m2.kpis.revenueToday).toEqual({ value: '70000.00', previous: '0.00' });
      expect(m2.revenueVsPlan).toEqual({ actual: '70000.00', plan: '100000.00', percent: 70 });
      expect(m2.expectedSales).toEqual([{ month: null, deals: 1, amount: '40000.00', weighted: '4000.00' }]);
      expect(m2.stages.find((s: { code: string }) => s.code === 'decision')).toMatchObject({ deals: 0, amount: '0.00' });
      expect(m2.contacts.map((c: { employeeId: string }) => c.employeeId)).toEqual([ids.m2]);
      expect(m2.overdueInvoices).toEqual({ count: 0, outstanding: '0.00', items: [] });
    });

    it('gives the sales head their department (all of «Лидер»’s sales staff)', async () => {
      const d = (await get('head', '/api/analytics/dashboard')).body;
      expect(d.scope).toBe('department');
      expect(d.kpis.revenueMonth.value).toBe('190000.00');
      expect(d.contacts).toHaveLength(2);
    });

    it('reads a past day in Moscow time: a meeting closed at 23:30 on 30.03 counts on the 30th', async () => {
      const d = (await get('m1', '/api/analytics/dashboard?date=2026-03-30')).body;
      expect(d.kpis.revenueToday).toEqual({ value: '20000.00', previous: '0.00' });
      // planned tasks due before the end of the 30th are overdue as of that day; the 31st's are not yet
      expect(d.contacts).toEqual([expect.objectContaining({ employeeId: ids.m1, done: 1, overdue: 1, planned: 0 })]);
      // the debt as it stood that evening: 300 000 less the 20 000 paid on the 30th (the 100 000 came on the 31st)
      expect(d.overdueInvoices).toEqual({
        count: 1,
        outstanding: '280000.00',
        items: [expect.objectContaining({ number: 'СЧ-T-1', dueDate: '2026-03-20', outstanding: '280000.00', daysOverdue: 10 })],
      });
      // sections without history say so; today's dashboard says none
      expect(d.currentState).toEqual({ openDeals: true, expectedSales: true, stages: true, overdueInvoices: false, complaints: true, installationsAtRisk: true });
      expect((await get('m1', '/api/analytics/dashboard')).body.currentState).toEqual({
        openDeals: false,
        expectedSales: false,
        stages: false,
        overdueInvoices: false,
        complaints: false,
        installationsAtRisk: false,
      });
      expect((await get('m1', '/api/analytics/dashboard?date=2026-04-02')).body.currentState).toMatchObject({ overdueInvoices: true, stages: true });
    });

    it('counts a task done only later as overdue on a past day', async () => {
      await task('m1', 'other', 'done', msk('2026-03-29T10:00:00'), msk('2026-03-31T10:00:00'));
      try {
        const d = (await get('m1', '/api/analytics/dashboard?date=2026-03-30')).body;
        expect(d.contacts).toEqual([expect.objectContaining({ employeeId: ids.m1, done: 1, overdue: 2, planned: 0 })]);
      } finally {
        await t.sql.query(`DELETE FROM tasks WHERE type = 'other' AND completed_at = $1`, [msk('2026-03-31T10:00:00')]);
      }
    });

    it('refuses a day that does not exist, naming the field, and roles without analytics', async () => {
      const bad = await get('director', '/api/analytics/dashboard?date=2026-02-30');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('date');
      expect((await get('service', '/api/analytics/dashboard')).status).toBe(403);
    });

    it('exports the same figures to XLSX with Russian formats', async () => {
      const res = await get('m1', '/api/analytics/dashboard.xlsx').buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      const kpis = wb.getWorksheet('Показатели')!;
      expect(kpis.getRow(3).values).toEqual([undefined, 'Выручка с начала месяца', 120000, 50000]);
      expect(kpis.getRow(3).getCell(2).numFmt).toBe('#,##0.00');
      const overdue = wb.getWorksheet('Просроченные счета')!;
      expect(overdue.getRow(2).getCell(3).value).toEqual(new Date('2026-03-20T00:00:00Z'));
      expect(overdue.getRow(2).getCell(3).numFmt).toBe('dd.mm.yyyy');
      expect(overdue.rowCount).toBe(2);
    });
  });

  describe('GET /api/analytics/managers/monthly', () => {
    const row = (body: { rows: Array<{ managerId: string }> }, id: string) => body.rows.find((r) => r.managerId === id) as unknown as Record<string, unknown> & { kpis: Record<string, unknown> };

    it('gives each manager the month’s interests, proposals and the 11 KPIs against the plan', async () => {
      const res = await get('director', '/api/analytics/managers/monthly?month=2026-03');
      expect(res.status).toBe(200);
      const m1 = row(res.body, ids.m1);
      expect(m1).toMatchObject({
        newInterests: { count: 1, amount: '100000.00' }, // the deal of 28.02 23:30 Moscow is February's
        proposals: { count: 1, amount: '95000.00' },
        won: { count: 1, amount: '300000.00' },
      });
      expect(m1.kpis).toEqual({
        planAchievement: { actual: '120000.00', plan: '400000.00', percent: 30 },
        projects: { actual: 1, plan: 2, percent: 50 },
        avgProcessingDays: 59.2, // 10.01 10:00 → 10.03 15:00
        positiveDecisions: { part: 1, of: 3, percent: 33.3 },
        reasonedRefusals: { part: 1, of: 2, percent: 50 },
        calls: { actual: 1, plan: 40, percent: 2.5 },
        meetings: { actual: 1, plan: 10, percent: 10 },
        crossSales: 1,
        unpaidInvoices: { count: 1, amount: '180000.00' },
        overduePayments: { count: 1, amount: '180000.00' },
        lateProjects: { count: 1, reasons: ['Задержка поставки'] },
      });
      const m2 = row(res.body, ids.m2);
      expect(m2).toMatchObject({ newInterests: { count: 1, amount: '40000.00' }, proposals: { count: 0, amount: '0.00' } });
      expect(m2.kpis).toMatchObject({ planAchievement: { actual: '70000.00', plan: '100000.00', percent: 70 }, calls: { actual: 1, plan: 30, percent: 3.3 }, crossSales: 0 });
      expect(res.body.total).toMatchObject({ newInterests: { count: 2, amount: '140000.00' }, kpis: { planAchievement: { actual: '190000.00', plan: '500000.00', percent: 38 } } });
    });

    it('shows a manager only their own row and totals', async () => {
      const body = (await get('m2', '/api/analytics/managers/monthly?month=2026-03')).body;
      expect(body.rows.map((r: { managerId: string }) => r.managerId)).toEqual([ids.m2]);
      expect(body.total.newInterests).toEqual({ count: 1, amount: '40000.00' });
      expect(body.total.kpis.unpaidInvoices).toEqual({ count: 0, amount: '0.00' });
    });

    it('refuses a malformed month naming the field, and exports the same rows to XLSX', async () => {
      const bad = await get('director', '/api/analytics/managers/monthly?month=2026-13');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('month');
      const res = await get('m1', '/api/analytics/managers/monthly.xlsx?month=2026-03').buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      const ws = wb.getWorksheet('Менеджеры')!;
      expect(ws.rowCount).toBe(3); // header, manager1, total
      expect(ws.getRow(2).getCell(3).value).toBe(100000);
      expect(ws.getRow(3).getCell(1).value).toBe('Итого');
    });
  });
});
