import { AnalyticsTotalsService, rebuildAnalyticsTotals } from '../src/modules/analytics/analytics-totals';
import { bearer, TestApp } from './setup/test-app';

/** A small deterministic PRNG (mulberry32): the same "random" changes on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The analytics summary rows (revenue per day, open deals per stage and expected month,
 * each per client's manager) against a full recomputation from the payments and deals,
 * after a seeded random walk of changes through the API — refused ones included.
 */
describe('analytics summary rows', () => {
  let t: TestApp;
  let totals: AnalyticsTotalsService;
  let director: string;
  let stages: Array<{ id: string; code: string; kind: string; isActive: boolean }>;
  let lossReason: string;
  let managers: Array<{ id: string; email: string }>;

  beforeAll(async () => {
    t = await TestApp.start();
    totals = t.app.get(AnalyticsTotalsService);
    director = (await t.login('director@lider.test')).accessToken;
    stages = (await t.http.get('/api/funnel/stages').set(bearer(director))).body;
    lossReason = (await t.http.get('/api/reference/loss_reason').set(bearer(director))).body[0].id;
    managers = await t.sql.query(`SELECT id, email FROM users WHERE email LIKE 'manager%@lider.test' ORDER BY email LIMIT 3`);
  });
  afterAll(() => t.close());

  const expectSummaryEqualsRecomputation = async () => {
    const [kept, full] = await Promise.all([totals.rows(t.sql), totals.recompute(t.sql)]);
    expect(kept.revenueDays.length).toBeGreaterThan(0);
    expect(kept.openDeals.length).toBeGreaterThan(0);
    expect(kept).toEqual(full);
  };

  it('starts equal to a full recomputation (the migration and the seed fill it)', async () => {
    await expectSummaryEqualsRecomputation();
  });

  it('stays equal to a full recomputation after random payments, deal changes and reassignments, refused ones included', async () => {
    const random = prng(14);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const money = (max: number) => `${Math.floor(random() * max)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
    const open = stages.filter((s) => s.kind === 'open' && s.isActive);
    const clients: Array<{ id: string }> = await t.sql.query(`SELECT id FROM clients WHERE archived_at IS NULL ORDER BY name LIMIT 30`);
    const deals: Array<{ id: string }> = await t.sql.query(`SELECT id FROM deals ORDER BY created_at LIMIT 20`);
    const invoices: Array<{ id: string }> = await t.sql.query(`SELECT id FROM invoices WHERE status IN ('issued', 'partly_paid', 'overdue') ORDER BY number LIMIT 20`);
    expect(invoices.length).toBeGreaterThan(0);
    const outcomes: Record<string, number> = {};
    for (let step = 0; step < 70; step++) {
      const action = pick(['pay', 'pay', 'pay', 'create', 'update', 'move', 'lose', 'win', 'reopen', 'reassign']);
      let status = 0;
      if (action === 'pay') {
        // Often more than is owed, or on an invoice already paid: refused, and nothing may change.
        const res = await t.http
          .post(`/api/invoices/${pick(invoices).id}/payments`)
          .set(bearer(director))
          .send({ amount: money(random() < 0.7 ? 60_000 : 5_000_000), paidOn: day(-Math.floor(random() * 45)) });
        status = res.status;
      } else if (action === 'create') {
        const res = await t.http
          .post('/api/deals')
          .set(bearer(director))
          .send({ clientId: pick(clients).id, title: `Сделка ${step}`, amount: money(3_000_000), expectedCloseDate: random() < 0.7 ? day(Math.floor(random() * 120)) : undefined, stageId: pick(open).id });
        status = res.status;
        if (res.status === 201) deals.push({ id: res.body.id });
      } else if (action === 'reassign') {
        status = (await t.http.post(`/api/clients/${pick(clients).id}/reassign`).set(bearer(director)).send({ managerId: pick(managers).id, reason: 'Перераспределение' })).status;
      } else {
        const deal = (await t.http.get(`/api/deals/${pick(deals).id}`).set(bearer(director))).body;
        const move = (body: object) => t.http.post(`/api/deals/${deal.id}/move`).set(bearer(director)).send({ version: deal.version, ...body });
        if (action === 'update') {
          const body = { version: random() < 0.15 ? deal.version - 1 : deal.version, amount: money(900_000), probability: Math.floor(random() * 101), expectedCloseDate: random() < 0.3 ? null : day(Math.floor(random() * 200) - 30) };
          status = (await t.http.patch(`/api/deals/${deal.id}`).set(bearer(director)).send(body)).status;
        } else if (action === 'move') {
          status = (await move({ stageId: pick(open).id })).status;
        } else if (action === 'lose') {
          status = (await move({ stageId: stages.find((s) => s.kind === 'lost')!.id, lossReasonId: lossReason, comment: 'Дорого' })).status;
        } else if (action === 'win') {
          status = (await move({ stageId: stages.find((s) => s.kind === 'won')!.id })).status;
        } else {
          status = (await move({ stageId: open[0].id, comment: 'Вернулся' })).status;
        }
      }
      expect(status).toBeLessThan(500);
      outcomes[`${action} ${status}`] = (outcomes[`${action} ${status}`] ?? 0) + 1;
      if (step % 10 === 9) await expectSummaryEqualsRecomputation();
    }
    // The walk did change things in every way the summary follows, and met refusals too.
    for (const done of ['pay 201', 'create 201', 'update 200', 'move 200', 'lose 200', 'reassign 200']) expect(outcomes[done]).toBeGreaterThan(0);
    expect(Object.keys(outcomes).some((k) => /^(pay|update|win|move) 4\d\d$/.test(k))).toBe(true);
    await expectSummaryEqualsRecomputation();
  });

  it('gives each manager, through the summary, exactly the figures of their own clients', async () => {
    for (const m of managers) {
      const token = (await t.login(m.email)).accessToken;
      const d = (await t.http.get('/api/analytics/dashboard').set(bearer(token))).body;
      const [live] = await t.sql.query(
        `SELECT count(*)::int AS n, coalesce(sum(d.amount), 0)::numeric(16,2)::text AS amount, round(coalesce(sum(d.amount * d.probability), 0) / 100, 2)::numeric(16,2)::text AS weighted
           FROM deals d JOIN clients c ON c.id = d.client_id WHERE d.status = 'open' AND c.manager_id = $1`,
        [m.id],
      );
      expect(d.scope).toBe('own');
      expect([d.kpis.openDeals, d.kpis.openAmount]).toEqual([live.n, live.amount]);
      const [month] = await t.sql.query(
        `SELECT coalesce(sum(p.amount), 0)::numeric(16,2)::text AS amount FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id
          WHERE c.manager_id = $1 AND p.paid_on >= $2::date AND p.paid_on <= $3::date`,
        [m.id, `${d.date.slice(0, 7)}-01`, d.date],
      );
      expect(d.kpis.revenueMonth.value).toBe(month.amount);
    }
  });

  it('rebuilds the summary from scratch to the same rows (the rebuild command)', async () => {
    const before = await totals.rows(t.sql);
    await t.sql.query(`UPDATE analytics_revenue_days SET amount = amount + 7`);
    await t.sql.query(`DELETE FROM analytics_open_deals WHERE ctid IN (SELECT ctid FROM analytics_open_deals LIMIT 1)`);
    await t.sql.transaction((em) => rebuildAnalyticsTotals(em));
    expect(await totals.rows(t.sql)).toEqual(before);
  });
});
