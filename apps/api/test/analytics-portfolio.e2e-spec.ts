import { bearer, FixedClock, TestApp } from './setup/test-app';

/** The client portfolio over a hand-made data set (demo deals, invoices and payments removed). */
describe('analytics: client portfolio', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-04-15T12:00:00+03:00');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const msk = (local: string) => `${local}+03:00`;
  const get = (who: string, path: string) => t.http.get(path).set(bearer(tokens[who]));

  async function won(client: string, manager: string, created: string, closed: string, product: string, amount: string) {
    const [stage] = await t.sql.query(`SELECT id FROM pipeline_stages WHERE kind = 'won'`);
    const [row] = await t.sql.query(
      `INSERT INTO deals (client_id, title, manager_id, stage_id, status, amount, probability, closed_at, created_at, updated_at, version)
       VALUES ($1, 'Сделка', $2, $3, 'won', $4, 100, $5, $6, $6, 1) RETURNING id`,
      [ids[client], ids[manager], stage.id, amount, msk(closed), msk(created)],
    );
    await t.sql.query(`INSERT INTO deal_lines (deal_id, product_id, description, quantity, unit_price, line_total, sort_order) VALUES ($1, $2, 'Позиция', 1, $3, $3, 0)`, [row.id, ids[product], amount]);
  }
  async function paid(client: string, day: string, amount: string) {
    const [inv] = await t.sql.query(
      `INSERT INTO invoices (client_id, number, issue_date, due_date, amount, paid_amount, status, version) VALUES ($1, $2, $3, $3, $4, $4, 'paid', 1) RETURNING id`,
      [ids[client], `СЧ-P-${client}-${day}`, day, amount],
    );
    await t.sql.query(`INSERT INTO payments (invoice_id, paid_on, amount) VALUES ($1, $2, $3)`, [inv.id, day, amount]);
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
    const own = async (manager: string) => (await t.sql.query(`SELECT id, name FROM clients WHERE manager_id = $1 AND archived_at IS NULL ORDER BY name LIMIT 1`, [ids[manager]]))[0];
    const c1 = await own('m1');
    const c2 = await own('m2');
    ids.c1 = c1.id;
    ids.c2 = c2.id;
    ids.c1Name = c1.name;
    const products = await t.sql.query(`SELECT DISTINCT ON (p.group_id) p.id, g.name AS group_name FROM products p JOIN product_groups g ON g.id = p.group_id ORDER BY p.group_id, p.sku LIMIT 2`);
    ids.p1 = products[0].id;
    ids.p2 = products[1].id;
    ids.g1 = products[0].group_name;
    ids.g2 = products[1].group_name;
    await t.sql.query(`TRUNCATE deals, invoices, payments CASCADE`);
    await t.sql.query(`UPDATE clients SET created_at = $2, region = 'Краснодарский край', city = 'Краснодар' WHERE id = $1`, [ids.c1, msk('2026-01-10T10:00:00')]);
    await t.sql.query(`UPDATE clients SET created_at = $2 WHERE id = $1`, [ids.c2, msk('2026-02-01T10:00:00')]);

    // c1: first contact 10.01; won 01.02 (group 1, 100 000) and 03.03 (group 2, 50 000); paid 05.02 and 10.03
    await won('c1', 'm1', '2026-01-15T10:00:00', '2026-02-01T10:00:00', 'p1', '100000.00');
    await won('c1', 'm1', '2026-02-20T10:00:00', '2026-03-03T10:00:00', 'p2', '50000.00');
    await paid('c1', '2026-02-05', '100000.00');
    await paid('c1', '2026-03-10', '50000.00');
    // c2: created 01.02, paid 01.03 without a deal won
    await paid('c2', '2026-03-01', '10000.00');
  });
  afterAll(() => t.close());

  it('gives each client’s first purchase, frequency, purchases, average check, ripening and geography', async () => {
    const res = await get('director', '/api/analytics/clients/portfolio?buyersOnly=true');
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.items.map((r: { clientId: string }) => [r.clientId, r]));
    expect(Object.keys(byId).sort()).toEqual([ids.c1, ids.c2].sort());
    // 30 days between the two wins; (100 000 + 50 000) / 2; 10.01 → 05.02 = 26 days
    expect(byId[ids.c1]).toMatchObject({
      clientName: ids.c1Name,
      region: 'Краснодарский край',
      city: 'Краснодар',
      managerId: ids.m1,
      firstPurchase: '2026-02-05',
      purchases: 2,
      daysBetweenPurchases: 30,
      buys: [ids.g1, ids.g2],
      averageCheck: '75000.00',
      paid: '150000.00',
      ripeningDays: 26,
    });
    // 01.02 → 01.03 = 28 days; nothing won yet
    expect(byId[ids.c2]).toMatchObject({ firstPurchase: '2026-03-01', purchases: 0, daysBetweenPurchases: null, buys: [], averageCheck: null, paid: '10000.00', ripeningDays: 28 });
  });

  it('pages by keyset without repeats, filters by geography, and keeps a manager to their own clients', async () => {
    const first = (await get('director', '/api/analytics/clients/portfolio?buyersOnly=true&pageSize=1')).body;
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await get('director', `/api/analytics/clients/portfolio?buyersOnly=true&pageSize=1&cursor=${first.nextCursor}`)).body;
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([first.items[0].clientId, second.items[0].clientId])).toEqual(new Set([ids.c1, ids.c2]));

    const city = (await get('director', `/api/analytics/clients/portfolio?city=${encodeURIComponent('Краснодар')}&buyersOnly=true`)).body;
    expect(city.items.map((r: { clientId: string }) => r.clientId)).toEqual([ids.c1]);

    const own = (await get('m1', '/api/analytics/clients/portfolio?pageSize=200')).body;
    expect(own.scope).toBe('own');
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((r: { managerId: string }) => r.managerId === ids.m1)).toBe(true);
    expect((await get('m1', '/api/analytics/clients/portfolio?buyersOnly=true')).body.items.map((r: { clientId: string }) => r.clientId)).toEqual([ids.c1]);
    expect((await get('m1', `/api/analytics/clients/portfolio?managerId=${ids.m2}`)).status).toBe(404);
    const bad = await get('director', '/api/analytics/clients/portfolio?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('cursor');
  });

  it('exports the same rows as XLSX', async () => {
    const res = await get('m1', '/api/analytics/clients/portfolio.xlsx?buyersOnly=true').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.getWorksheet('Клиенты')!;
    expect(ws.rowCount).toBe(2);
    const row = ws.getRow(2).values as unknown[];
    expect(row.slice(1, 4)).toEqual([ids.c1Name, 'Краснодарский край', 'Краснодар']);
    expect(row.slice(6)).toEqual([2, 30, `${ids.g1}, ${ids.g2}`, 75000, 150000, 26]);
  });
});
