import { AnalyticsTotalsService, rebuildAnalyticsTotals } from '../src/modules/analytics/analytics-totals';
import * as salesSql from '../src/modules/analytics/queries/sales.sql';
import { SalesSummaryService } from '../src/modules/analytics/summaries/sales-summary';
import { UnpaidInvoicesSummaryService } from '../src/modules/analytics/summaries/unpaid-invoices';
import { FunnelSummaryService } from '../src/modules/analytics/summaries/funnel-summary';
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
  let sales: SalesSummaryService;
  let unpaid: UnpaidInvoicesSummaryService;
  let funnel: FunnelSummaryService;
  let director: string;
  let stages: Array<{ id: string; code: string; kind: string; isActive: boolean }>;
  let lossReason: string;
  let managers: Array<{ id: string; email: string }>;

  beforeAll(async () => {
    t = await TestApp.start();
    totals = t.app.get(AnalyticsTotalsService);
    sales = t.app.get(SalesSummaryService);
    unpaid = t.app.get(UnpaidInvoicesSummaryService);
    funnel = t.app.get(FunnelSummaryService);
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
    const [salesKept, salesFull] = await Promise.all([sales.rows(t.sql), sales.recompute(t.sql)]);
    expect(salesKept.clientDays.length).toBeGreaterThan(0);
    expect(salesKept).toEqual(salesFull);
    expect(await unpaid.rows(t.sql)).toEqual(await unpaid.recompute(t.sql));
    // the funnel report's rows (per deal, per stage stay)
    const [funnelKept, funnelFull] = await Promise.all([funnel.rows(t.sql), funnel.recompute(t.sql)]);
    expect(funnelKept.stays.length).toBeGreaterThan(0);
    expect(funnelKept).toEqual(funnelFull);
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

  it('keeps the unpaid invoices (the overdue total) through issue, part and full payment, cancellation and reassignment', async () => {
    const [deal] = await t.sql.query(`SELECT d.id, d.client_id FROM deals d ORDER BY d.created_at LIMIT 1`);
    const issue = async (amount: string, dueDate: string) => {
      const res = await t.http.post('/api/invoices').set(bearer(director)).send({ dealId: deal.id, amount, issueDate: '2026-01-10', dueDate });
      expect([res.status, res.body.code]).toEqual([201, undefined]);
      return res.body.id as string;
    };
    const today = new Date().toISOString().slice(0, 10);
    const a = await issue('1000.00', '2026-02-10');
    const b = await issue('2500.50', '2026-02-10');
    const c = await issue('700.00', '2099-01-31');
    await expectSummaryEqualsRecomputation();
    expect((await t.http.post(`/api/invoices/${a}/payments`).set(bearer(director)).send({ amount: '400.00', paidOn: today })).status).toBe(201);
    expect((await t.http.post(`/api/invoices/${a}/payments`).set(bearer(director)).send({ amount: '600.00', paidOn: today })).status).toBe(201);
    expect((await t.http.post(`/api/invoices/${b}/cancel`).set(bearer(director))).status).toBeLessThan(300);
    await expectSummaryEqualsRecomputation();
    const [{ manager_id: owner }] = await t.sql.query(`SELECT manager_id FROM clients WHERE id = $1`, [deal.client_id]);
    const other = managers.find((m) => m.id !== owner)!;
    expect((await t.http.post(`/api/clients/${deal.client_id}/reassign`).set(bearer(director)).send({ managerId: other.id, reason: 'Перераспределение' })).status).toBe(200);
    await expectSummaryEqualsRecomputation();
    expect((await unpaid.rows(t.sql)).some((r) => r.dueDate === '2099-01-31' && r.clientManagerId === other.id && r.outstanding === '700.00')).toBe(true);
    expect(c).toBeTruthy();
  });

  it('keeps each deal\'s channel when its client\'s channel changes (a deal without its own channel uses the client\'s)', async () => {
    const [row] = await t.sql.query(
      `SELECT c.id, c.channel_id FROM clients c WHERE EXISTS (SELECT 1 FROM deals d WHERE d.client_id = c.id AND d.channel_id IS NULL) ORDER BY c.name LIMIT 1`,
    );
    const [channel] = await t.sql.query(`SELECT r.id FROM reference_items r WHERE r.kind = 'acquisition_channel' AND r.id IS DISTINCT FROM $1 ORDER BY r.id LIMIT 1`, [row.channel_id]);
    const client = (await t.http.get(`/api/clients/${row.id}`).set(bearer(director))).body;
    expect((await t.http.patch(`/api/clients/${row.id}`).set(bearer(director)).send({ version: client.version, channelId: channel.id })).status).toBe(200);
    await expectSummaryEqualsRecomputation();
    expect((await sales.rows(t.sql)).channels.some((k) => k.client_id === row.id && k.channel_id === channel.id)).toBe(true);
  });

  it('answers the sales client mix from the summary as the live grouping of every payment does, for any span and scope', async () => {
    // The live query the summary replaced (every payment up to the span's end, grouped by client).
    const live = async (scope: string[] | null, from: string, to: string, prevFrom: string) => {
      const [row] = await t.sql.query(
        `WITH paid AS (
           SELECT i.client_id, p.paid_on, p.amount FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id
            WHERE p.paid_on <= $3::date AND ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[]))
         ), per AS (
           SELECT client_id, min(paid_on) AS first_paid, coalesce(sum(amount) FILTER (WHERE paid_on >= $2::date), 0) AS in_span,
                  bool_or(paid_on >= $2::date) AS active, bool_or(paid_on >= $4::date AND paid_on < $2::date) AS active_before
             FROM paid GROUP BY client_id
         )
         SELECT count(*) FILTER (WHERE active)::int AS active, count(*) FILTER (WHERE active AND first_paid >= $2::date)::int AS new_clients,
                count(*) FILTER (WHERE active AND first_paid < $2::date)::int AS regular, count(*) FILTER (WHERE active_before)::int AS active_before,
                count(*) FILTER (WHERE active_before AND NOT active)::int AS lost,
                coalesce(sum(in_span) FILTER (WHERE first_paid >= $2::date), 0)::numeric(16,2)::text AS from_new,
                coalesce(sum(in_span) FILTER (WHERE first_paid < $2::date), 0)::numeric(16,2)::text AS from_old
           FROM per`,
        [scope, from, to, prevFrom],
      );
      return row;
    };
    const [span] = await t.sql.query(`SELECT min(paid_on)::text AS first, max(paid_on)::text AS last FROM payments`);
    expect(span.first).toBeTruthy();
    const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const monthFirst = (d: string, delta = 0) => {
      const m = new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1 + delta, 1));
      return m.toISOString().slice(0, 10);
    };
    const random = prng(4);
    const spans: Array<[string, string]> = [];
    for (let m = monthFirst(span.first, -1); m <= span.last; m = monthFirst(m, 1)) spans.push([m, shift(monthFirst(m, 1), -1)]);
    for (let i = 0; i < 14; i++) {
      const from = shift(span.first, Math.floor(random() * 60) - 20);
      const start = i % 2 ? monthFirst(from) : from;
      const to = i % 3 ? shift(start, Math.floor(random() * 70)) : shift(monthFirst(start, 1 + (i % 4)), -1);
      spans.push([start, to]);
    }
    const scopes: Array<string[] | null> = [null, [managers[0].id], managers.slice(1).map((m) => m.id)];
    const seen = { new_clients: 0, regular: 0, lost: 0 };
    for (const [from, to] of spans) {
      const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
      for (const prevFrom of [shift(from, -days), monthFirst(from, -1)]) {
        for (const scope of scopes) {
          const kept = await salesSql.clientMix(t.sql.manager, scope, from, to, prevFrom);
          expect({ from, to, prevFrom, scope, ...kept }).toEqual({ from, to, prevFrom, scope, ...(await live(scope, from, to, prevFrom)) });
          for (const k of ['new_clients', 'regular', 'lost'] as const) seen[k] += kept[k];
        }
      }
    }
    // Not a walk through empty spans: each kind of client was met.
    expect(Math.min(seen.new_clients, seen.regular, seen.lost)).toBeGreaterThan(0);
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
    const salesBefore = await sales.rows(t.sql);
    const funnelBefore = await funnel.rows(t.sql);
    await t.sql.query(`UPDATE analytics_revenue_days SET amount = amount + 7`);
    await t.sql.query(`UPDATE analytics_client_mix SET entries = entries + 1`);
    await t.sql.query(`DELETE FROM analytics_client_days WHERE ctid IN (SELECT ctid FROM analytics_client_days LIMIT 1)`);
    expect(salesBefore.wonLines.length).toBeGreaterThan(0);
    await t.sql.query(`UPDATE analytics_won_lines SET quantity = quantity + 1`);
    const unpaidBefore = await unpaid.rows(t.sql);
    await t.sql.query(`UPDATE analytics_unpaid_invoices SET invoices = invoices + 1`);
    await t.sql.query(`DELETE FROM analytics_won_deals WHERE ctid IN (SELECT ctid FROM analytics_won_deals LIMIT 1)`);
    await t.sql.query(`UPDATE analytics_funnel_stays SET left_at = NULL`);
    await t.sql.query(`DELETE FROM analytics_open_deals WHERE ctid IN (SELECT ctid FROM analytics_open_deals LIMIT 1)`);
    await t.sql.transaction((em) => rebuildAnalyticsTotals(em));
    expect(await totals.rows(t.sql)).toEqual(before);
    expect(await sales.rows(t.sql)).toEqual(salesBefore);
    expect(await unpaid.rows(t.sql)).toEqual(unpaidBefore);
    expect(await funnel.rows(t.sql)).toEqual(funnelBefore);
  });
});
