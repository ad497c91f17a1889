import ExcelJS from 'exceljs';
import { rebuildAnalyticsTotals } from '../src/modules/analytics/analytics-totals';
import { bearer, FixedClock, TestApp } from './setup/test-app';
import { clientOf } from './setup/clients';

/**
 * The funnel report and competitors over a hand-made data set (the demo deals are
 * removed first). March 2026 is the period; the previous one is the 31 days before it
 * (29.01–28.02). Every figure below is worked out in the comments.
 */
describe('analytics: funnel and competitors', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-04-15T12:00:00+03:00');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const stage: Record<string, string> = {};
  const reason: Record<string, string> = {};
  const msk = (local: string) => `${local}+03:00`;
  const get = (who: string, path: string) => t.http.get(path).set(bearer(tokens[who]));

  /** A deal and its stage history: `path` is [stage code, Moscow time entered] in order. */
  async function deal(manager: 'm1' | 'm2', amount: string, path: Array<[string, string]>, loss?: { reason: string; competitor?: string }) {
    const [last, lastAt] = path[path.length - 1];
    const status = last === 'won' || last === 'lost' ? last : 'open';
    const [row] = await t.sql.query(
      `INSERT INTO deals (client_id, title, manager_id, stage_id, status, amount, probability, closed_at, loss_reason_id, loss_comment, created_at, updated_at, version)
       VALUES ($1, 'Сделка', $2, $3, $4, $5, 10, $6, $7, $8, $9, $9, 1) RETURNING id`,
      [ids[`c_${manager}`], ids[manager], stage[last], status, amount, status === 'open' ? null : msk(lastAt), loss ? reason[loss.reason] : null, loss ? 'Причина' : null, msk(path[0][1])],
    );
    let from: string | null = null;
    for (const [code, at] of path) {
      await t.sql.query(`INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, changed_at) VALUES ($1, $2, $3, $4)`, [row.id, from, stage[code], msk(at)]);
      from = stage[code];
    }
    if (loss?.competitor) await t.sql.query(`INSERT INTO deal_competitor_losses (deal_id, competitor_id, lost_at) VALUES ($1, $2, $3)`, [row.id, ids[loss.competitor], msk(lastAt)]);
    return row.id as string;
  }

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
    const reasons = await t.sql.query(`SELECT id, name FROM reference_items WHERE kind = 'loss_reason' AND is_active ORDER BY name LIMIT 2`);
    reason.r1 = reasons[0].id;
    reason.r2 = reasons[1].id;
    ids.r1Name = reasons[0].name;
    ids.r2Name = reasons[1].name;
    await t.sql.query(`TRUNCATE deals CASCADE`);
    const k1 = await t.http.post('/api/competitors').set(bearer(tokens.director)).send({ name: 'ООО «Холод-Про»', prices: 'На 10 % ниже прайса', assortment: 'Витрины', specialConditions: 'Рассрочка', marketingActivities: 'Выставка «ПродЭкспо»' });
    expect(k1.status).toBe(201);
    ids.k1 = k1.body.id;

    // A: presentation 2 days, now in proposal.
    await deal('m1', '10000.00', [['presentation', '2026-03-02T10:00:00'], ['proposal', '2026-03-04T10:00:00']]);
    // B: presentation 4 days, proposal 3 days, lost to K1 (reason 1).
    await deal('m1', '100000.00', [['presentation', '2026-03-03T10:00:00'], ['proposal', '2026-03-07T10:00:00'], ['lost', '2026-03-10T10:00:00']], { reason: 'r1', competitor: 'k1' });
    // C: 1, 2, 1, 1, 2 days through the five open stages, won.
    await deal('m1', '300000.00', [
      ['presentation', '2026-03-05T10:00:00'],
      ['proposal', '2026-03-06T10:00:00'],
      ['decision', '2026-03-08T10:00:00'],
      ['contract', '2026-03-09T10:00:00'],
      ['handover', '2026-03-10T10:00:00'],
      ['won', '2026-03-12T10:00:00'],
    ]);
    // D: created 01.03 at 00:30 Moscow (28.02 in UTC: must count in March), 10 days in presentation, lost (reason 2, no competitor).
    await deal('m1', '50000.00', [['presentation', '2026-03-01T00:30:00'], ['lost', '2026-03-11T00:30:00']], { reason: 'r2' });
    // E (manager 2): 1 day in presentation, lost to K1 (reason 1).
    await deal('m2', '70000.00', [['presentation', '2026-03-05T10:00:00'], ['lost', '2026-03-06T10:00:00']], { reason: 'r1', competitor: 'k1' });
    // F: the previous period: 10 days in presentation, lost (reason 1).
    await deal('m1', '20000.00', [['presentation', '2026-02-10T10:00:00'], ['lost', '2026-02-20T10:00:00']], { reason: 'r1' });
    // The fixtures are raw SQL, past the deal events: the summary rows the report reads are rebuilt, as after a bulk load.
    await rebuildAnalyticsTotals(t.sql);
  });
  afterAll(() => t.close());

  const pick = (stages: Array<Record<string, unknown>>) =>
    Object.fromEntries(stages.map((s) => [s.code, [s.reached, s.toNext, s.toWon, s.dropped, s.droppedAmount, s.stays, s.medianDays, s.p90Days]]));

  describe('GET /api/analytics/funnel', () => {
    it('gives the director conversion, time in stage and losses for March beside February', async () => {
      const res = await get('director', '/api/analytics/funnel?from=2026-03-01&to=2026-03-31');
      expect(res.status).toBe(200);
      const { current, previous } = res.body;
      expect(res.body).toMatchObject({ scope: 'all', managerId: null });
      // cohort A–E: 10 000 + 100 000 + 300 000 + 50 000 + 70 000; C won, B D E lost
      expect(current).toMatchObject({ from: '2026-03-01', to: '2026-03-31', created: 5, createdAmount: '530000.00', won: 1, wonAmount: '300000.00', lost: 3, conversion: 20 });
      // reached: presentation all 5; proposal A B C; then only C.
      // presentation stays 1 1 2 4 10 → median 2, p90 4 + 0.6 × 6 = 7.6; proposal (A still there) 2 3 → 2.5, 2.9.
      expect(pick(current.stages)).toEqual({
        presentation: [5, 60, 20, 2, '120000.00', 5, 2, 7.6],
        proposal: [3, 33.3, 33.3, 1, '100000.00', 2, 2.5, 2.9],
        decision: [1, 100, 100, 0, '0.00', 1, 1, 1],
        contract: [1, 100, 100, 0, '0.00', 1, 1, 1],
        handover: [1, 100, 100, 0, '0.00', 1, 2, 2],
      });
      expect(current.lossReasons).toEqual([
        { id: reason.r1, name: ids.r1Name, count: 2, amount: '170000.00' },
        { id: reason.r2, name: ids.r2Name, count: 1, amount: '50000.00' },
      ]);
      expect(current.competitors).toEqual([
        { id: ids.k1, name: 'ООО «Холод-Про»', count: 2, amount: '170000.00' },
        { id: null, name: '', count: 1, amount: '50000.00' },
      ]);
      // 29.01–28.02: only F (D was created on 1 March Moscow time, though 28 February in UTC)
      expect(previous).toMatchObject({ from: '2026-01-29', to: '2026-02-28', created: 1, createdAmount: '20000.00', won: 0, lost: 1, conversion: 0 });
      expect(pick(previous.stages).presentation).toEqual([1, 0, 0, 1, '20000.00', 1, 10, 10]);
      expect(previous.lossReasons).toEqual([{ id: reason.r1, name: ids.r1Name, count: 1, amount: '20000.00' }]);
    });

    it('shows a manager only their own deals, in every figure and total', async () => {
      const res = await get('m1', '/api/analytics/funnel?from=2026-03-01&to=2026-03-31');
      expect(res.status).toBe(200);
      const c = res.body.current;
      expect(res.body.scope).toBe('own');
      // A B C D: 460 000; E (manager 2) is nowhere
      expect(c).toMatchObject({ created: 4, createdAmount: '460000.00', won: 1, lost: 2, conversion: 25 });
      // presentation stays 1 2 4 10 → median 3, p90 4 + 0.7 × 6 = 8.2
      expect(pick(c.stages).presentation).toEqual([4, 75, 25, 1, '50000.00', 4, 3, 8.2]);
      expect(c.lossReasons.map((r: { count: number; amount: string }) => [r.count, r.amount])).toEqual([[1, '100000.00'], [1, '50000.00']]);
      expect(c.competitors).toEqual([
        { id: ids.k1, name: 'ООО «Холод-Про»', count: 1, amount: '100000.00' },
        { id: null, name: '', count: 1, amount: '50000.00' },
      ]);
    });

    it('filters by manager for the director, and answers 404 when a manager asks for a colleague', async () => {
      const res = await get('director', `/api/analytics/funnel?from=2026-03-01&to=2026-03-31&managerId=${ids.m2}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ managerId: ids.m2, current: { created: 1, createdAmount: '70000.00', won: 0, lost: 1 } });
      expect(res.body.managerName).toBeTruthy();
      expect((await get('m1', `/api/analytics/funnel?from=2026-03-01&to=2026-03-31&managerId=${ids.m2}`)).status).toBe(404);
    });

    it('refuses a backwards period naming the field, and a role without analytics', async () => {
      const back = await get('director', '/api/analytics/funnel?from=2026-03-31&to=2026-03-01');
      expect(back.status).toBe(400);
      expect(JSON.stringify(back.body)).toContain('to');
      expect((await get('director', '/api/analytics/funnel?from=2026-02-30')).status).toBe(400);
      expect((await get('service', '/api/analytics/funnel')).status).toBe(403);
    });

    it('exports the same figures as XLSX', async () => {
      const res = await get('m1', '/api/analytics/funnel.xlsx?from=2026-03-01&to=2026-03-31').buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toContain('funnel-2026-03-01-2026-03-31.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      const stages = wb.getWorksheet('Этапы')!;
      expect(stages.getRow(2).values).toEqual([undefined, '01.03.2026 – 31.03.2026', expect.any(String), 4, 75, 25, 1, 50000, 4, 3, 8.2]);
      const comp = wb.getWorksheet('Конкуренты')!;
      expect(comp.getRow(2).values).toEqual([undefined, '01.03.2026 – 31.03.2026', 'ООО «Холод-Про»', 1, 100000]);
      expect(comp.getRow(3).values).toEqual([undefined, '01.03.2026 – 31.03.2026', 'Не указан', 1, 50000]);
    });
  });

  describe('/api/competitors', () => {
    it('lists competitors with the losses in the caller’s scope', async () => {
      const all = (await get('director', '/api/competitors')).body;
      expect(all).toEqual([expect.objectContaining({ id: ids.k1, name: 'ООО «Холод-Про»', prices: 'На 10 % ниже прайса', specialConditions: 'Рассрочка', lostDeals: 2, lostAmount: '170000.00' })]);
      const own = (await get('m1', `/api/competitors/${ids.k1}`)).body;
      expect(own).toMatchObject({ lostDeals: 1, lostAmount: '100000.00' });
    });

    it('lets heads, the director and marketing edit, and others only read', async () => {
      expect((await t.http.post('/api/competitors').set(bearer(tokens.m1)).send({ name: 'Чужой' })).status).toBe(403);
      expect((await get('service', '/api/competitors')).status).toBe(200);
      const k = (await get('head', `/api/competitors/${ids.k1}`)).body;
      const ok = await t.http.patch(`/api/competitors/${ids.k1}`).set(bearer(tokens.head)).send({ version: k.version, assortment: 'Витрины, лари' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ assortment: 'Витрины, лари', version: k.version + 1 });
      const stale = await t.http.patch(`/api/competitors/${ids.k1}`).set(bearer(tokens.head)).send({ version: k.version, assortment: 'x' });
      expect(stale.status).toBe(409);
      const dup = await t.http.post('/api/competitors').set(bearer(tokens.director)).send({ name: 'ООО «Холод-Про»' });
      expect(dup.status).toBe(409);
      expect(dup.body.details[0].field).toBe('name');
      const bad = await t.http.post('/api/competitors').set(bearer(tokens.director)).send({ name: '' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('name');
      expect((await t.http.delete(`/api/competitors/${ids.k1}`).set(bearer(tokens.director))).status).toBe(409);
    });

    it('links a deal lost through the funnel to its competitor, refuses an unknown one whole, and forgets it on reopening', async () => {
      const created = await t.http.post('/api/deals').set(bearer(tokens.m1)).send({ clientId: ids.c_m1, title: 'Витрины для магазина', amount: '45000.00' });
      expect(created.status).toBe(201);
      const d = created.body;
      const lose = (competitorId: string) =>
        t.http.post(`/api/deals/${d.id}/move`).set(bearer(tokens.m1)).send({ version: d.version, stageId: stage.lost, lossReasonId: reason.r1, comment: 'Ушли к конкуренту', competitorId });
      const unknown = await lose('00000000-0000-4000-8000-000000000000');
      expect(unknown.status).toBe(422);
      expect(unknown.body.details[0].field).toBe('competitorId');
      expect((await get('m1', `/api/deals/${d.id}`)).body.status).toBe('open');
      const lost = await lose(ids.k1);
      expect(lost.status).toBe(200);
      const april = (await get('m1', '/api/analytics/funnel?from=2026-04-01&to=2026-04-30')).body.current;
      expect(april.competitors).toEqual([{ id: ids.k1, name: 'ООО «Холод-Про»', count: 1, amount: '45000.00' }]);
      expect((await get('m1', `/api/competitors/${ids.k1}`)).body.lostDeals).toBe(2);
      const reopened = await t.http.post(`/api/deals/${d.id}/move`).set(bearer(tokens.director)).send({ version: lost.body.version, stageId: stage.presentation, comment: 'Вернулся' });
      expect(reopened.status).toBe(200);
      expect((await get('m1', `/api/competitors/${ids.k1}`)).body.lostDeals).toBe(1);
    });
  });
});
