import { rebuildAnalyticsTotals } from '../src/modules/analytics/analytics-totals';
import { bearer, FixedClock, TestApp } from './setup/test-app';

/**
 * The sales report over a hand-made data set (demo deals, invoices and payments removed).
 * The period is March 2026; the previous one is 29.01–28.02, last year March 2025.
 * Every expected figure is worked out in the comments.
 */
describe('analytics: sales report', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-04-15T12:00:00+03:00');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const msk = (local: string) => `${local}+03:00`;
  const get = (who: string, path: string) => t.http.get(path).set(bearer(tokens[who]));

  async function invoice(client: string) {
    const [row] = await t.sql.query(
      `INSERT INTO invoices (client_id, number, issue_date, due_date, amount, paid_amount, status, version) VALUES ($1, $2, '2024-01-01', '2027-01-01', '1000000.00', 0, 'issued', 1) RETURNING id`,
      [ids[client], `СЧ-S-${client}`],
    );
    ids[`inv_${client}`] = row.id;
  }
  const pay = (client: string, paidOn: string, amount: string) =>
    t.sql.query(`INSERT INTO payments (invoice_id, paid_on, amount) VALUES ($1, $2, $3)`, [ids[`inv_${client}`], paidOn, amount]);

  async function deal(manager: string, client: string, d: { amount: string; created: string; closed?: string; status?: string; channel?: string; lines?: Array<[string, string, string]> }) {
    const status = d.status ?? 'won';
    const [stage] = await t.sql.query(`SELECT id FROM pipeline_stages WHERE kind = $1 ORDER BY sort_order LIMIT 1`, [status]);
    const [row] = await t.sql.query(
      `INSERT INTO deals (client_id, title, manager_id, stage_id, status, amount, probability, closed_at, channel_id, created_at, updated_at, version)
       VALUES ($1, 'Сделка', $2, $3, $4, $5, 10, $6, $7, $8, $8, 1) RETURNING id`,
      [ids[client], ids[manager], stage.id, status, d.amount, d.closed ? msk(d.closed) : null, d.channel ? ids[d.channel] : null, msk(d.created)],
    );
    for (const [i, [product, qty, price]] of (d.lines ?? []).entries()) {
      await t.sql.query(
        `INSERT INTO deal_lines (deal_id, product_id, description, quantity, unit_price, line_total, sort_order) VALUES ($1, $2, 'Позиция', $3, $4, $3::numeric * $4::numeric, $5)`,
        [row.id, ids[product], qty, price, i],
      );
    }
  }

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    for (const [key, email] of [
      ['director', 'director@lider.test'],
      ['m1', 'manager1@lider.test'],
      ['m2', 'manager2@lider.test'],
    ]) {
      const s = await t.login(email);
      tokens[key] = s.accessToken;
      ids[key] = s.userId;
    }
    const own = async (manager: string, n: number) =>
      (await t.sql.query(`SELECT id FROM clients WHERE manager_id = $1 AND archived_at IS NULL ORDER BY name LIMIT $2`, [ids[manager], n])).map((r: { id: string }) => r.id as string);
    [ids.c1, ids.c1b] = await own('m1', 2);
    [ids.c2] = await own('m2', 1);
    await t.sql.query(`UPDATE clients SET channel_id = NULL WHERE id = ANY($1)`, [[ids.c1, ids.c1b, ids.c2]]);
    const channels = await t.sql.query(`SELECT id FROM reference_items WHERE kind = 'acquisition_channel' ORDER BY name LIMIT 2`);
    ids.ch1 = channels[0].id;
    ids.ch2 = channels[1].id;
    const products = await t.sql.query(`SELECT DISTINCT ON (group_id) p.id, p.version, g.name AS group_name FROM products p JOIN product_groups g ON g.id = p.group_id ORDER BY group_id, sku LIMIT 2`);
    ids.p1 = products[0].id;
    ids.p2 = products[1].id;
    ids.g1 = products[0].group_name;
    ids.g2 = products[1].group_name;
    // P1 costs us 60 000 a unit (set through the catalogue); P2's cost is not known.
    const cost = await t.http.patch(`/api/products/${ids.p1}`).set(bearer(tokens.director)).send({ version: products[0].version, costPrice: '60000.00' });
    expect(cost.status).toBe(200);
    expect(cost.body.costPrice).toBe('60000.00');
    await t.sql.query(`UPDATE products SET cost_price = NULL WHERE id = $1`, [ids.p2]);
    await t.sql.query(`TRUNCATE deals, invoices, payments CASCADE`);

    for (const c of ['c1', 'c1b', 'c2']) await invoice(c);
    // c1 paid before (regular) and pays 100 000 on 31.03 at 23:30 Moscow through the API (below);
    // c1b pays for the first time in March (new); c2 paid in the previous period only (lost) and last March.
    await pay('c1', '2025-12-10', '50000.00');
    await pay('c1b', '2026-03-05', '30000.00');
    await pay('c2', '2026-02-10', '40000.00');
    await pay('c2', '2025-03-15', '25000.00');

    // W1: created 01.03 00:30 Moscow via channel 1, won 10.03: P1 2 × 80 000 (profit 2 × 20 000) + P2 40 000 (cost unknown)
    await deal('m1', 'c1', { amount: '200000.00', created: '2026-03-01T00:30:00', closed: '2026-03-10T10:00:00', channel: 'ch1', lines: [['p1', '2', '80000.00'], ['p2', '1', '40000.00']] });
    // W2: won 31.03 at 23:30 Moscow (March), a repeat sale to c1: P1 1 × 100 000 (profit 40 000)
    await deal('m1', 'c1', { amount: '100000.00', created: '2026-02-20T10:00:00', closed: '2026-03-31T23:30:00', lines: [['p1', '1', '100000.00']] });
    // W3: won 01.04 at 00:30 Moscow (31.03 in UTC): April's
    await deal('m2', 'c2', { amount: '50000.00', created: '2026-02-01T10:00:00', closed: '2026-04-01T00:30:00' });
    // W4: the previous period; W0: last year
    await deal('m2', 'c2', { amount: '60000.00', created: '2026-02-01T10:00:00', closed: '2026-02-15T10:00:00', lines: [['p2', '1', '60000.00']] });
    await deal('m2', 'c2', { amount: '80000.00', created: '2025-03-01T10:00:00', closed: '2025-03-20T10:00:00', lines: [['p1', '1', '80000.00']] });
    // created in March, not won: O1 open (channel 1, manager 2), L1 lost (channel 2, manager 1)
    await deal('m2', 'c2', { amount: '10000.00', created: '2026-03-20T10:00:00', status: 'open', channel: 'ch1' });
    await deal('m1', 'c1b', { amount: '20000.00', created: '2026-03-02T10:00:00', closed: '2026-03-25T10:00:00', status: 'lost', channel: 'ch2' });

    // The rows above went in with SQL, past the events that keep the summaries; the two payments below go through them.
    await rebuildAnalyticsTotals(t.sql);

    // Payments recorded late in the evening: the day is Moscow's, not UTC's.
    clock.at('2026-03-31', '23:30');
    expect((await t.http.post(`/api/invoices/${ids.inv_c1}/payments`).set(bearer(tokens.director)).send({ amount: '100000.00' })).status).toBe(201);
    clock.at('2026-04-01', '00:30');
    expect((await t.http.post(`/api/invoices/${ids.inv_c1}/payments`).set(bearer(tokens.director)).send({ amount: '7000.00' })).status).toBe(201);
    clock.at('2026-04-15', '12:00');
  });
  afterAll(() => t.close());

  it('gives the director the 15 indicators for March against February and last March, to the kopeck', async () => {
    const res = await get('director', '/api/analytics/sales?period=month&from=2026-03-01&to=2026-03-31');
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({ scope: 'all', period: 'month', current: { from: '2026-03-01', to: '2026-03-31' }, previous: { from: '2026-01-29', to: '2026-02-28' }, lastYear: { from: '2025-03-01', to: '2025-03-31' } });
    // 1–3: 100 000 (31.03 23:30) + 30 000; the 7 000 of 01.04 00:30 is April's; before: 40 000; last year: 25 000
    expect(r.volume).toEqual({ value: '130000.00', previous: '40000.00', lastYear: '25000.00', vsPrevious: 225, vsLastYear: 420 });
    // 5, 8: W1 + W2 (W3 is April's); before W4; last year W0
    expect(r.orders).toEqual({ value: 2, previous: 1, lastYear: 1, vsPrevious: 100, vsLastYear: 100 });
    expect(r.averageCheck).toEqual({ value: '150000.00', previous: '60000.00', lastYear: '80000.00', vsPrevious: 150, vsLastYear: 87.5 });
    expect(r.profit).toBe('80000.00');
    expect(r.profitPerDeal).toBe('40000.00');
    // 6: W2 follows W1 for the same client
    expect([r.repeatOrders, r.repeatPercent]).toEqual([1, 50]);
    expect(r.series).toEqual([{ bucket: '2026-03-01', volume: '130000.00', orders: 2, averageCheck: '150000.00' }]);
    expect(r.averageCheckChange).toBeNull();
    // 4: P1's group 260 000 of 300 000 (86.6 %), P2's 40 000; February only P2, last March only P1
    expect(r.groups).toEqual([
      { id: expect.any(String), name: ids.g1, amount: '260000.00', share: 86.6, previousShare: 0, lastYearShare: 100 },
      { id: expect.any(String), name: ids.g2, amount: '40000.00', share: 13.3, previousShare: 100, lastYearShare: 0 },
    ]);
    // 7: created in March: W1 (ch1, won), O1 (ch1), L1 (ch2)
    expect(r.channels).toEqual([
      { id: ids.ch1, name: expect.any(String), created: 2, won: 1, conversion: 50, wonAmount: '200000.00' },
      { id: ids.ch2, name: expect.any(String), created: 1, won: 0, conversion: 0, wonAmount: '0.00' },
    ]);
    // 10–12, 14–15: c1 regular, c1b new, c2 lost
    expect(r.clients).toEqual({
      active: 2,
      newClients: { count: 1, share: 50 },
      regular: { count: 1, share: 50 },
      lost: { count: 1, share: 100 },
      fromNew: '30000.00',
      fromOld: '100000.00',
    });
    // 13
    expect(r.products.map((p: { id: string; quantity: string; amount: string; profit: string; deals: number }) => [p.id, p.quantity, p.amount, p.profit, p.deals])).toEqual([
      [ids.p1, '3.000', '260000.00', '80000.00', 2],
      [ids.p2, '1.000', '40000.00', '0.00', 1],
    ]);
  });

  it('steps by week: the series and the change of the average check within the period', async () => {
    const r = (await get('director', '/api/analytics/sales?period=week&from=2026-03-01&to=2026-03-31')).body;
    // ISO weeks: 02.03 (c1b's 30 000), 09.03 (W1 200 000), 30.03 (c1's 100 000 and W2 100 000)
    expect(r.series).toEqual([
      { bucket: '2026-03-02', volume: '30000.00', orders: 0, averageCheck: null },
      { bucket: '2026-03-09', volume: '0.00', orders: 1, averageCheck: '200000.00' },
      { bucket: '2026-03-30', volume: '100000.00', orders: 1, averageCheck: '100000.00' },
    ]);
    expect(r.averageCheckChange).toBe(-50);
  });

  it('shows a manager only their own clients and deals, in every figure', async () => {
    const r = (await get('m1', '/api/analytics/sales?period=month&from=2026-03-01&to=2026-03-31')).body;
    expect(r.scope).toBe('own');
    expect(r.volume).toEqual({ value: '130000.00', previous: '0.00', lastYear: '0.00', vsPrevious: null, vsLastYear: null });
    expect(r.orders).toMatchObject({ value: 2, previous: 0, lastYear: 0 });
    expect(r.channels).toEqual([
      { id: ids.ch1, name: expect.any(String), created: 1, won: 1, conversion: 100, wonAmount: '200000.00' },
      { id: ids.ch2, name: expect.any(String), created: 1, won: 0, conversion: 0, wonAmount: '0.00' },
    ]);
    expect(r.clients).toMatchObject({ active: 2, lost: { count: 0, share: null } });
    expect(r.groups.map((g: { previousShare: number | null; lastYearShare: number | null }) => [g.previousShare, g.lastYearShare])).toEqual([[null, null], [null, null]]);
    const m2 = (await get('m2', '/api/analytics/sales?period=month&from=2026-03-01&to=2026-03-31')).body;
    expect(m2.volume.value).toBe('0.00');
    expect(m2.orders.value).toBe(0);
    expect(m2.clients).toMatchObject({ active: 0, lost: { count: 1, share: 100 } });
  });

  it('refuses a bad period naming the field, and exports the same figures as XLSX', async () => {
    const bad = await get('director', '/api/analytics/sales?period=fortnight');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('period');
    const res = await get('m1', '/api/analytics/sales.xlsx?period=month&from=2026-03-01&to=2026-03-31').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.getWorksheet('Показатели')!.getRow(2).values).toEqual([undefined, 'Объём продаж, ₽', 130000, 0, 0]);
    expect(wb.getWorksheet('Товары')!.getRow(2).values).toEqual([undefined, expect.any(String), expect.any(String), ids.g1, 3, 260000, 80000, 2]);
  });

  it('defaults to the current period of the step', async () => {
    const r = (await get('director', '/api/analytics/sales?period=quarter')).body;
    expect(r.current).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(r.volume.value).toBe('7000.00');
  });
});
