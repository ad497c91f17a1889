import { DealTotalsService, realignDealAmounts, rebuildDealTotals } from '../src/modules/funnel/deal-totals';
import { bearer, TestApp } from './setup/test-app';
import { clientOf, createClient } from './setup/clients';

describe('sales funnel', () => {
  let t: TestApp;
  let manager1: string;
  let head: string;
  let stages: Array<{ id: string; code: string; kind: string; name: string }>;
  const stage = (code: string) => stages.find((s) => s.code === code)!.id;
  let lossReason: string;
  let product: { id: string; listPrice: string };

  beforeAll(async () => {
    t = await TestApp.start();
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    head = (await t.login('head@lider.test')).accessToken;
    stages = (await t.http.get('/api/funnel/stages').set(bearer(manager1))).body;
    lossReason = (await t.http.get('/api/reference/loss_reason').set(bearer(manager1))).body[0].id;
    const director = (await t.login('director@lider.test')).accessToken;
    const groups = (await t.http.get('/api/product-groups').set(bearer(director))).body;
    const created = await t.http
      .post('/api/products')
      .set(bearer(director))
      .send({ groupId: groups[0].id, sku: 'TEST-VIT-1', name: 'Витрина холодильная 1,2 м', listPrice: '33.33' });
    expect(created.status).toBe(201);
    product = created.body;
  });
  afterAll(() => t.close());

  async function newDeal(extra: object = {}) {
    const { id: clientId } = await clientOf(t, 'manager1@lider.test');
    const res = await t.http.post('/api/deals').set(bearer(manager1)).send({ clientId, title: 'Оснащение павильона', ...extra });
    expect(res.status).toBe(201);
    return res.body;
  }
  const move = (id: string, version: number, stageId: string, extra: object = {}, token = manager1) =>
    t.http.post(`/api/deals/${id}/move`).set(bearer(token)).send({ version, stageId, ...extra });

  it('has the default funnel of «Лидер» in order, then Won and Lost', () => {
    expect(stages.map((s) => s.name)).toEqual([
      'Демонстрация / Презентация',
      'Подготовка предложения',
      'Принятие решения',
      'Подготовка, согласование и подписание договора',
      'Документы, передача в монтаж',
      'Успешно реализовано',
      'Проиграно',
    ]);
  });

  it('computes money exactly: 3 × 33.33 with a 10 % discount is 89.99', async () => {
    const deal = await newDeal({ lines: [{ productId: product.id, quantity: '3', discountPercent: '10' }] });
    expect(deal.lines[0]).toMatchObject({ description: 'Витрина холодильная 1,2 м', unitPrice: '33.33', lineTotal: '89.99' });
    expect(deal.amount).toBe('89.99');
    const changed = await t.http
      .patch(`/api/deals/${deal.id}`)
      .set(bearer(manager1))
      .send({ version: deal.version, lines: [{ productId: product.id, quantity: '3', discountPercent: '10' }, { description: 'Монтаж', quantity: '1', unitPrice: '0.02' }] });
    expect(changed.body.amount).toBe('90.01');
  });

  it('has one source of the amount: the lines’ total when there are lines, the typed amount otherwise', async () => {
    // Typed amount, no lines: the amount stays as typed and a proposal is for that amount, not 0.00.
    let deal = await newDeal({ amount: '1250000.00' });
    expect(deal).toMatchObject({ amount: '1250000.00', lines: [] });
    const proposal = await t.http.post(`/api/deals/${deal.id}/proposals`).set(bearer(manager1)).send({});
    expect(proposal.status).toBe(201);
    expect(proposal.body.total).toBe('1250000.00');
    expect(proposal.body.lines).toHaveLength(1);

    // Lines arrive: the amount becomes their total in the same change.
    const lines = [{ productId: product.id, quantity: '3', discountPercent: '0' }];
    let res = await t.http.patch(`/api/deals/${deal.id}`).set(bearer(manager1)).send({ version: deal.version, lines });
    expect(res.status).toBe(200);
    deal = res.body;
    expect(deal.amount).toBe('99.99');

    // A typed amount that disagrees with the lines is refused, naming the field; the same figure passes.
    res = await t.http.patch(`/api/deals/${deal.id}`).set(bearer(manager1)).send({ version: deal.version, amount: '1250000.00' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('amount_from_lines');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'amount' })]);
    res = await t.http.patch(`/api/deals/${deal.id}`).set(bearer(manager1)).send({ version: deal.version, lines, amount: '5.00' });
    expect(res.status).toBe(422);
    res = await t.http.patch(`/api/deals/${deal.id}`).set(bearer(manager1)).send({ version: deal.version, amount: '99.99', title: 'Оснащение павильона (3 витрины)' });
    expect(res.status).toBe(200);
    deal = res.body;
    expect((await t.http.post('/api/deals').set(bearer(manager1)).send({ clientId: deal.clientId, title: 'Не та сумма', lines, amount: '1.00' })).status).toBe(422);

    // Every line removed: the deal is priced by a typed amount again, starting from the last total.
    res = await t.http.patch(`/api/deals/${deal.id}`).set(bearer(manager1)).send({ version: deal.version, lines: [] });
    expect(res.body).toMatchObject({ amount: '99.99', lines: [] });
    res = await t.http.patch(`/api/deals/${deal.id}`).set(bearer(manager1)).send({ version: res.body.version, amount: '500.00' });
    expect(res.body.amount).toBe('500.00');
  });

  it('brings a deal whose amount disagrees with its lines (written by raw SQL) back to their total, with the board', async () => {
    const deal = await newDeal({ lines: [{ productId: product.id, quantity: '1', discountPercent: '0' }] });
    await t.sql.query(`UPDATE deals SET amount = 1250000 WHERE id = $1`, [deal.id]);
    await t.sql.transaction((em) => rebuildDealTotals(em));
    const corrected = await t.sql.transaction((em) => realignDealAmounts(em));
    expect(corrected).toBe(1);
    expect((await t.http.get(`/api/deals/${deal.id}`).set(bearer(manager1))).body.amount).toBe('33.33');
    const totals = t.app.get(DealTotalsService);
    expect(await totals.rows(t.sql)).toEqual(await totals.recompute(t.sql));
    expect(await t.sql.transaction((em) => realignDealAmounts(em))).toBe(0);
  });

  it('goes from a new deal to Won with proposal, contract, hand-over, invoice and payments', async () => {
    let deal = await newDeal({ lines: [{ productId: product.id, quantity: '1000', discountPercent: '0' }] });
    expect(deal.amount).toBe('33330.00');
    expect(deal.stageId).toBe(stage('presentation'));

    const proposal = await t.http.post(`/api/deals/${deal.id}/proposals`).set(bearer(manager1)).send({ validUntil: '2027-01-31' });
    expect(proposal.status).toBe(201);
    expect(proposal.body.number).toMatch(/^КП-\d{4}-\d{5}$/);
    expect(proposal.body.total).toBe('33330.00');
    const sent = await t.http.post(`/api/proposals/${proposal.body.id}/status`).set(bearer(manager1)).send({ version: 1, status: 'sent' });
    expect(sent.body.status).toBe('sent');
    const print = await t.http.get(`/api/proposals/${proposal.body.id}/print`).set(bearer(manager1));
    expect(print.headers['content-type']).toContain('text/html');
    expect(print.text).toContain(`Коммерческое предложение № ${proposal.body.number}`);
    expect(print.text).toContain('на сумму 33\u00a0330,00 руб.');
    expect(print.text).toContain('Тридцать три тысячи триста тридцать рублей 00 копеек');

    deal = (await move(deal.id, deal.version, stage('decision'))).body;
    deal = (await move(deal.id, deal.version, stage('contract'))).body;
    const noContract = await move(deal.id, deal.version, stage('handover'));
    expect(noContract.status).toBe(422);
    expect(noContract.body.code).toBe('signed_contract_required');

    const contract = await t.http.post('/api/contracts').set(bearer(manager1)).send({ dealId: deal.id, installationDeadline: '2026-12-15' });
    expect(contract.body).toMatchObject({ status: 'draft', amount: '33330.00' });
    const signed = await t.http.post(`/api/contracts/${contract.body.id}/sign`).set(bearer(manager1)).send({ version: 1, signedOn: '2026-11-20' });
    expect(signed.body.status).toBe('signed');

    deal = (await move(deal.id, deal.version, stage('handover'))).body;
    expect(deal.stageId).toBe(stage('handover'));
    const service = (await t.login('service1@lider.test')).accessToken;
    const jobs = await t.http.get(`/api/installations?dealId=${deal.id}`).set(bearer(service));
    expect(jobs.body.items).toEqual([expect.objectContaining({ dealId: deal.id, deadline: '2026-12-15', status: 'planned', contractNumber: contract.body.number })]);

    const invoice = await t.http.post('/api/invoices').set(bearer(manager1)).send({ contractId: contract.body.id, amount: '33330.00', issueDate: '2026-11-20', dueDate: '2027-12-31' });
    expect(invoice.status).toBe(201);
    expect(invoice.body).toMatchObject({ status: 'issued', outstandingAmount: '33330.00' });
    const over = await t.http.post(`/api/invoices/${invoice.body.id}/payments`).set(bearer(manager1)).send({ amount: '33330.01' });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('overpayment');
    await t.http.post(`/api/invoices/${invoice.body.id}/payments`).set(bearer(manager1)).send({ amount: '10000.00', paidOn: '2026-11-21' });
    expect((await t.http.get(`/api/invoices/${invoice.body.id}`).set(bearer(manager1))).body).toMatchObject({ status: 'partly_paid', paidAmount: '10000.00', outstandingAmount: '23330.00' });
    await t.http.post(`/api/invoices/${invoice.body.id}/payments`).set(bearer(manager1)).send({ amount: '23330.00', paidOn: '2026-11-22' });
    expect((await t.http.get(`/api/invoices/${invoice.body.id}`).set(bearer(manager1))).body.status).toBe('paid');

    deal = (await move(deal.id, deal.version, stage('won'))).body;
    expect(deal).toMatchObject({ status: 'won', probability: 100 });
    const history = await t.http.get(`/api/deals/${deal.id}/history`).set(bearer(manager1));
    expect(history.body.map((h: { toStageName: string }) => h.toStageName)).toEqual([
      'Демонстрация / Презентация',
      'Принятие решения',
      'Подготовка, согласование и подписание договора',
      'Документы, передача в монтаж',
      'Успешно реализовано',
    ]);
    const timeline = await t.http.get(`/api/clients/${deal.clientId}/timeline?pageSize=50`).set(bearer(manager1));
    const kinds = timeline.body.items.map((e: { kind: string }) => e.kind);
    for (const kind of ['deal_created', 'deal_stage_changed', 'proposal_sent', 'contract_signed', 'installation_created', 'invoice_issued', 'payment_received', 'deal_won']) {
      expect({ kind, present: kinds.includes(kind) }).toEqual({ kind, present: true });
    }
  });

  it('refuses every forbidden move with a code that says why', async () => {
    let deal = await newDeal();
    expect((await move(deal.id, deal.version, stage('presentation'))).body.code).toBe('same_stage');
    expect((await move(deal.id, deal.version, stage('won'))).body.code).toBe('won_only_from_last_stage');
    deal = (await move(deal.id, deal.version, stage('contract'))).body;
    const back2 = await move(deal.id, deal.version, stage('proposal'));
    expect(back2.status).toBe(422);
    expect(back2.body.code).toBe('back_more_than_one_stage');
    deal = (await move(deal.id, deal.version, stage('decision'))).body;
    expect(deal.stageId).toBe(stage('decision'));
    const noReason = await move(deal.id, deal.version, stage('lost'));
    expect(noReason.body).toMatchObject({ code: 'loss_reason_required', details: [{ field: 'lossReasonId' }] });
    deal = (await move(deal.id, deal.version, stage('lost'), { lossReasonId: lossReason, comment: 'Купили у конкурента дешевле' })).body;
    expect(deal).toMatchObject({ status: 'lost', lossComment: 'Купили у конкурента дешевле' });
    const reopenByManager = await move(deal.id, deal.version, stage('decision'));
    expect(reopenByManager.body.code).toBe('deal_closed');
    const reopened = await move(deal.id, deal.version, stage('decision'), {}, head);
    expect(reopened.body).toMatchObject({ status: 'open', lossReasonId: null });
  });

  it('lets only one of two simultaneous moves of a deal through; the other gets 409', async () => {
    const deal = await newDeal();
    const [a, b] = await Promise.all([move(deal.id, deal.version, stage('proposal')), move(deal.id, deal.version, stage('decision'))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const history = await t.http.get(`/api/deals/${deal.id}/history`).set(bearer(manager1));
    expect(history.body).toHaveLength(2);
  });

  it('numbers proposals without gaps or repeats under concurrency', async () => {
    const deal = await newDeal({ amount: '1000.00' });
    const results = await Promise.all(Array.from({ length: 8 }, () => t.http.post(`/api/deals/${deal.id}/proposals`).set(bearer(manager1)).send({})));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const seq = results.map((r) => Number(r.body.number.slice(-5))).sort((x, y) => x - y);
    for (let i = 1; i < seq.length; i++) expect(seq[i]).toBe(seq[i - 1] + 1);
  });

  it('shows the board with counts and exact sums per stage, weighted by probability', async () => {
    const client = await createClient(t, manager1, { name: 'ООО «Доска почёта»', inn: '7728168971' });
    for (const [title, amount] of [['Сделка A', '100.01'], ['Сделка B', '200.00']]) {
      const res = await t.http.post('/api/deals').set(bearer(manager1)).send({ clientId: client.id, title, amount });
      expect(res.status).toBe(201);
    }
    const board = await t.http.get(`/api/funnel/board?clientId=${client.id}`).set(bearer(manager1));
    const first = board.body.columns.find((c: { stage: { code: string } }) => c.stage.code === 'presentation');
    expect(first).toMatchObject({ count: 2, amount: '300.01', weightedAmount: '30.00' });
    expect(first.deals.map((d: { title: string }) => d.title).sort()).toEqual(['Сделка A', 'Сделка B']);
    expect(board.body.openAmount).toBe('300.01');
    // Each column's stage is the stage as GET /api/funnel/stages says it, the active ones in order.
    const allStages = (await t.http.get('/api/funnel/stages').set(bearer(manager1))).body;
    expect(board.body.columns.map((c: { stage: unknown }) => c.stage)).toEqual(allStages.filter((s: { isActive: boolean }) => s.isActive));
    // The cards of an open deal with a close date and a weighted amount rounded half up, and of a lost one.
    const send = (title: string) => t.http.post('/api/deals').set(bearer(manager1)).send({ clientId: client.id, title, amount: '0.05', probability: 10, expectedCloseDate: '2027-01-31' });
    const [open, lost] = [await send('Сделка C'), await send('Сделка D')];
    expect((await move(lost.body.id, lost.body.version, stage('lost'), { lossReasonId: lossReason, comment: 'Дорого' })).status).toBe(200);
    const after = await t.http.get(`/api/funnel/board?clientId=${client.id}`).set(bearer(manager1));
    expect(after.headers['content-type']).toMatch(/^application\/json/);
    const cards = after.body.columns.flatMap((c: { deals: Array<{ id: string }> }) => c.deals);
    expect(cards).toHaveLength(4);
    const card = (id: string) => cards.find((c: { id: string }) => c.id === id);
    expect(card(open.body.id)).toMatchObject({ weightedAmount: '0.01', expectedCloseDate: '2027-01-31' });
    expect(card(lost.body.id)).toMatchObject({ status: 'lost', weightedAmount: '0.00' });
    expect(after.body).toMatchObject({ openCount: 3, openAmount: '300.06', openWeightedAmount: '30.01' });
    // A card is what the board shows of the deal, as the deal's own page says it.
    const shown = ['id', 'title', 'clientName', 'managerName', 'stageId', 'status', 'amount', 'weightedAmount', 'expectedCloseDate', 'version'];
    for (const shownCard of cards) {
      const deal = (await t.http.get(`/api/deals/${shownCard.id}`).set(bearer(manager1))).body;
      expect(shownCard).toEqual(Object.fromEntries(shown.map((key) => [key, deal[key]])));
    }
  });

  it('lists each deal as its own page says, lines included (plain rows, not entities)', async () => {
    const client = await createClient(t, manager1, { name: 'ООО «Список как карточка»', inn: '7707083893' });
    const withLines = await t.http
      .post('/api/deals')
      .set(bearer(manager1))
      .send({ clientId: client.id, title: 'С позициями', expectedCloseDate: '2027-03-31', lines: [{ productId: product.id, quantity: '2.5', discountPercent: '7.5' }, { description: 'Монтаж', quantity: '1', unitPrice: '0.02' }] });
    expect(withLines.status).toBe(201);
    const lost = await t.http.post('/api/deals').set(bearer(manager1)).send({ clientId: client.id, title: 'Проигранная', amount: '12.34', probability: 33 });
    expect((await move(lost.body.id, lost.body.version, stage('lost'), { lossReasonId: lossReason, comment: 'Дорого' })).status).toBe(200);
    const list = await t.http.get(`/api/deals?clientId=${client.id}&pageSize=10`).set(bearer(manager1));
    expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 10 });
    expect(list.body.items.map((d: { title: string }) => d.title)).toEqual(['Проигранная', 'С позициями']);
    for (const item of list.body.items as Array<{ id: string }>) {
      const own = (await t.http.get(`/api/deals/${item.id}`).set(bearer(manager1))).body;
      expect(item).toEqual(own);
    }
    expect(list.body.items[1].lines).toHaveLength(2);
    expect(list.body.items[0]).toMatchObject({ status: 'lost', lossReasonId: lossReason, lossComment: 'Дорого', closedAt: expect.any(String) });
    // A page past the end is empty, with the same total.
    const past = await t.http.get(`/api/deals?clientId=${client.id}&pageSize=10&page=3`).set(bearer(manager1));
    expect(past.body).toMatchObject({ items: [], total: 2, page: 3 });
  });

  it('keeps deals, invoices and the board within the manager’s scope', async () => {
    const { id: foreignClient } = await clientOf(t, 'manager2@lider.test');
    const manager2 = (await t.login('manager2@lider.test')).accessToken;
    const foreign = await t.http.post('/api/deals').set(bearer(manager2)).send({ clientId: foreignClient, title: 'Чужая сделка', amount: '5000.00' });
    expect((await t.http.post('/api/deals').set(bearer(manager1)).send({ clientId: foreignClient, title: 'Захват' })).status).toBe(404);
    expect((await t.http.get(`/api/deals/${foreign.body.id}`).set(bearer(manager1))).status).toBe(404);
    expect((await move(foreign.body.id, 1, stage('proposal'))).status).toBe(404);
    expect((await t.http.get(`/api/deals/${foreign.body.id}/history`).set(bearer(manager1))).status).toBe(404);
    expect((await t.http.post(`/api/deals/${foreign.body.id}/proposals`).set(bearer(manager1)).send({})).status).toBe(404);
    const invoice = await t.http.post('/api/invoices').set(bearer(manager2)).send({ dealId: foreign.body.id, amount: '5000.00', dueDate: '2027-06-30' });
    expect((await t.http.get(`/api/invoices/${invoice.body.id}`).set(bearer(manager1))).status).toBe(404);
    expect((await t.http.post(`/api/invoices/${invoice.body.id}/payments`).set(bearer(manager1)).send({ amount: '1.00' })).status).toBe(404);
    // Every other endpoint that addresses the foreign deal's documents answers 404 too.
    const proposal = await t.http.post(`/api/deals/${foreign.body.id}/proposals`).set(bearer(manager2)).send({});
    const contract = await t.http.post('/api/contracts').set(bearer(manager2)).send({ dealId: foreign.body.id });
    const outOfScope: Array<[string, 'get' | 'post' | 'patch', string, object?]> = [
      ['update deal', 'patch', `/api/deals/${foreign.body.id}`, { version: 1, title: 'Моя теперь' }],
      ['proposals', 'get', `/api/deals/${foreign.body.id}/proposals`],
      ['proposal', 'get', `/api/proposals/${proposal.body.id}`],
      ['edit proposal', 'patch', `/api/proposals/${proposal.body.id}`, { version: 1, notes: 'x' }],
      ['proposal status', 'post', `/api/proposals/${proposal.body.id}/status`, { version: 1, status: 'sent' }],
      ['print', 'get', `/api/proposals/${proposal.body.id}/print`],
      ['contract', 'get', `/api/contracts/${contract.body.id}`],
      ['edit contract', 'patch', `/api/contracts/${contract.body.id}`, { version: 1, amount: '1.00' }],
      ['sign', 'post', `/api/contracts/${contract.body.id}/sign`, { version: 1, signedOn: '2026-11-20' }],
      ['new contract', 'post', '/api/contracts', { dealId: foreign.body.id }],
      ['new invoice', 'post', '/api/invoices', { dealId: foreign.body.id, amount: '1.00', dueDate: '2027-01-01' }],
      ['cancel invoice', 'post', `/api/invoices/${invoice.body.id}/cancel`],
      ['payments', 'get', `/api/invoices/${invoice.body.id}/payments`],
    ];
    for (const [label, method, path, body] of outOfScope) {
      const req = t.http[method](path).set(bearer(manager1));
      const res = await (body ? req.send(body) : req);
      expect({ label, status: res.status }).toEqual({ label, status: 404 });
    }
    const contracts = await t.http.get('/api/contracts?pageSize=200').set(bearer(manager1));
    expect(contracts.body.items.some((k: { id: string }) => k.id === contract.body.id)).toBe(false);

    const mine = await t.http.get('/api/deals?pageSize=200').set(bearer(manager1));
    expect(mine.body.items.some((d: { id: string }) => d.id === foreign.body.id)).toBe(false);
    const invoices = await t.http.get('/api/invoices?pageSize=200').set(bearer(manager1));
    expect(invoices.body.items.some((i: { id: string }) => i.id === invoice.body.id)).toBe(false);
    const board = await t.http.get('/api/funnel/board').set(bearer(manager1));
    const all = board.body.columns.flatMap((c: { deals: Array<{ id: string }> }) => c.deals.map((d) => d.id));
    expect(all).not.toContain(foreign.body.id);
    // The assistant of managers 1–5 sees manager2's deal; service sees none of the funnel.
    const assistant = (await t.login('assistant1@lider.test')).accessToken;
    expect((await t.http.get(`/api/deals/${foreign.body.id}`).set(bearer(assistant))).status).toBe(200);
    const service = (await t.login('service1@lider.test')).accessToken;
    expect((await t.http.get('/api/deals').set(bearer(service))).status).toBe(403);
  });

  it('derives overdue for unpaid invoices past their due date', async () => {
    const deal = await newDeal({ amount: '700.00' });
    const invoice = await t.http.post('/api/invoices').set(bearer(manager1)).send({ dealId: deal.id, amount: '700.00', issueDate: '2026-01-10', dueDate: '2026-01-20' });
    expect(invoice.body.status).toBe('overdue');
    const overdue = await t.http.get('/api/invoices?status=overdue&pageSize=200').set(bearer(manager1));
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toContain(invoice.body.id);
    expect((await t.http.post('/api/invoices').set(bearer(manager1)).send({ dealId: deal.id, amount: '1.00', issueDate: '2026-02-10', dueDate: '2026-02-01' })).body.code).toBe('due_before_issue');
  });
});
