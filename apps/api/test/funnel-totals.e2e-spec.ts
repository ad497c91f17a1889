import { DealTotalsService, rebuildDealTotals } from '../src/modules/funnel/deal-totals';
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

describe('funnel board totals from summary rows', () => {
  let t: TestApp;
  let totals: DealTotalsService;
  let director: string;
  let stages: Array<{ id: string; code: string; kind: string; isActive: boolean; handsOver?: boolean }>;
  let lossReason: string;
  let managers: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    totals = t.app.get(DealTotalsService);
    director = (await t.login('director@lider.test')).accessToken;
    stages = (await t.http.get('/api/funnel/stages').set(bearer(director))).body;
    lossReason = (await t.http.get('/api/reference/loss_reason').set(bearer(director))).body[0].id;
    managers = (await t.sql.query(`SELECT id FROM users WHERE email LIKE 'manager%@lider.test' ORDER BY email LIMIT 4`)).map((r: { id: string }) => r.id);
  });
  afterAll(() => t.close());

  const expectSummaryEqualsRecomputation = async () => {
    const [kept, full] = await Promise.all([totals.rows(t.sql), totals.recompute(t.sql)]);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(full);
  };

  it('starts equal to a full recomputation (the migration and the seed fill it)', async () => {
    await expectSummaryEqualsRecomputation();
  });

  it('stays equal to a full recomputation after random deal changes, refused ones included', async () => {
    const random = prng(16);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const open = stages.filter((s) => s.kind === 'open' && s.isActive);
    const clients: Array<{ id: string }> = await t.sql.query(`SELECT id FROM clients WHERE archived_at IS NULL ORDER BY name LIMIT 40`);
    const deals: Array<{ id: string }> = await t.sql.query(`SELECT id FROM deals ORDER BY created_at LIMIT 20`);
    const outcomes: Record<string, number> = {};
    for (let step = 0; step < 60; step++) {
      const action = pick(['create', 'create', 'update', 'move', 'move', 'lose', 'reopen', 'reassign']);
      let status = 0;
      if (action === 'create') {
        const res = await t.http
          .post('/api/deals')
          .set(bearer(director))
          .send({ clientId: pick(clients).id, title: `Сделка ${step}`, amount: `${Math.floor(random() * 5_000_000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`, managerId: random() < 0.5 ? pick(managers) : undefined });
        status = res.status;
        if (res.status === 201) deals.push({ id: res.body.id });
      } else if (action === 'reassign') {
        const res = await t.http.post(`/api/clients/${pick(clients).id}/reassign`).set(bearer(director)).send({ managerId: pick(managers), reason: 'Перераспределение' });
        status = res.status;
      } else {
        const deal = (await t.http.get(`/api/deals/${pick(deals).id}`).set(bearer(director))).body;
        if (action === 'update') {
          status = (await t.http.patch(`/api/deals/${deal.id}`).set(bearer(director)).send({ version: deal.version, amount: `${Math.floor(random() * 900_000)}.50`, probability: Math.floor(random() * 101) })).status;
        } else if (action === 'move') {
          status = (await t.http.post(`/api/deals/${deal.id}/move`).set(bearer(director)).send({ version: deal.version, stageId: pick(open).id })).status;
        } else if (action === 'lose') {
          status = (await t.http.post(`/api/deals/${deal.id}/move`).set(bearer(director)).send({ version: deal.version, stageId: stages.find((s) => s.kind === 'lost')!.id, lossReasonId: lossReason, comment: 'Дорого' })).status;
        } else {
          status = (await t.http.post(`/api/deals/${deal.id}/move`).set(bearer(director)).send({ version: deal.version, stageId: open[0].id, comment: 'Вернулся' })).status;
        }
      }
      expect(status).toBeLessThan(500);
      outcomes[`${action} ${status}`] = (outcomes[`${action} ${status}`] ?? 0) + 1;
      if (step % 10 === 9) await expectSummaryEqualsRecomputation();
    }
    // The walk did change deals in every way the summary follows, and met refusals too.
    for (const done of ['create 201', 'move 200', 'lose 200', 'reassign 200']) expect(outcomes[done]).toBeGreaterThan(0);
    await expectSummaryEqualsRecomputation();
  });

  it('shows on the board the same totals as an aggregation over the deals, for the director and a manager', async () => {
    const manager = (await t.login('manager1@lider.test')).accessToken;
    for (const token of [director, manager]) {
      // A date filter makes the board aggregate the deals themselves (the summary does not split by date).
      const [fromSummary, live] = await Promise.all([
        t.http.get('/api/funnel/board').set(bearer(token)),
        t.http.get('/api/funnel/board?from=2000-01-01').set(bearer(token)),
      ]);
      expect(fromSummary.status).toBe(200);
      const strip = (b: { columns: Array<{ stage: { id: string }; count: number; amount: string; weightedAmount: string }> }) =>
        b.columns.map((c) => ({ stage: c.stage.id, count: c.count, amount: c.amount, weightedAmount: c.weightedAmount }));
      expect(strip(fromSummary.body)).toEqual(strip(live.body));
      expect(fromSummary.body.openCount).toBeGreaterThan(0);
    }
  });

  it('rebuilds the summary from scratch to the same rows (the rebuild command)', async () => {
    const before = await totals.rows(t.sql);
    await t.sql.query(`UPDATE deal_stage_totals SET deal_count = deal_count + 7`);
    await t.sql.transaction((em) => rebuildDealTotals(em));
    expect(await totals.rows(t.sql)).toEqual(before);
  });
});
