import { bearer, FixedClock, TestApp } from './setup/test-app';
import { clientOf } from './setup/clients';

/**
 * Print forms a client can receive: the seller's requisites kept by an admin (validated
 * across fields, versioned, audited), and the proposal, the invoice («Счёт на оплату»)
 * and the contract summary printed with them — VAT contained in the amount or «Без НДС»,
 * the total in words, signatures — each a 404 outside the reader's scope.
 */
describe('company requisites and print forms', () => {
  let t: TestApp;
  let admin: string;
  let manager1: string;
  let manager2: string;
  let client: { id: string; name: string; inn: string | null };

  beforeAll(async () => {
    t = await TestApp.start({ clock: new FixedClock('2026-11-30T10:00:00+03:00') });
    admin = (await t.login('admin@lider.test')).accessToken;
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    manager2 = (await t.login('manager2@lider.test')).accessToken;
    client = await clientOf(t, 'manager1@lider.test');
  });
  afterAll(() => t.close());

  const profile = async () => (await t.http.get('/api/company').set(bearer(manager1))).body;

  async function dealWithDocuments(title: string) {
    const deal = await t.http
      .post('/api/deals')
      .set(bearer(manager1))
      .send({
        clientId: client.id,
        title,
        lines: [
          { description: 'Витрина холодильная ВХС-1,5', quantity: '2', unitPrice: '125000.00' },
          { description: 'Монтаж и пусконаладка', quantity: '1', unitPrice: '52200.00' },
        ],
      });
    expect(deal.status).toBe(201);
    expect(deal.body.amount).toBe('302200.00');
    const contract = await t.http.post('/api/contracts').set(bearer(manager1)).send({ dealId: deal.body.id, installationDeadline: '2026-12-25' });
    expect(contract.status).toBe(201);
    return { deal: deal.body, contract: contract.body };
  }

  it('shows every staff member the demo requisites of «Лидер»', async () => {
    const p = await profile();
    expect(p).toMatchObject({ configured: true, shortName: 'ООО «Лидер»', vatRate: '22', bik: '044525225', directorName: 'Белов Г. П.' });
    expect(p.inn).toMatch(/^\d{10}$/);
    expect(p.version).toBeGreaterThanOrEqual(1);
  });

  it('lets only an admin or the director change them, and names the field that is wrong', async () => {
    const p = await profile();
    const { configured: _c, updatedAt: _u, ...input } = p;
    expect((await t.http.put('/api/company').set(bearer(manager1)).send(input)).status).toBe(403);

    const badInn = await t.http.put('/api/company').set(bearer(admin)).send({ ...input, inn: '7707083894' });
    expect(badInn.status).toBe(400);
    expect(badInn.body.details).toEqual([expect.objectContaining({ field: 'inn' })]);

    const noKpp = await t.http.put('/api/company').set(bearer(admin)).send({ ...input, kpp: null });
    expect(noKpp.status).toBe(400);
    expect(noKpp.body.details).toEqual([expect.objectContaining({ field: 'kpp' })]);

    const wrongKey = `${p.settlementAccount.slice(0, 8)}${(Number(p.settlementAccount[8]) + 1) % 10}${p.settlementAccount.slice(9)}`;
    const badAccount = await t.http.put('/api/company').set(bearer(admin)).send({ ...input, settlementAccount: wrongKey });
    expect(badAccount.status).toBe(400);
    expect(badAccount.body.details).toEqual([expect.objectContaining({ field: 'settlementAccount' })]);

    const halfBank = await t.http.put('/api/company').set(bearer(admin)).send({ ...input, bik: null });
    expect(halfBank.status).toBe(400);
    expect(halfBank.body.details.map((d: { field: string }) => d.field)).toContain('bik');

    const badLogo = await t.http.put('/api/company').set(bearer(admin)).send({ ...input, logo: 'data:image/svg+xml;base64,PHN2Zz4=' });
    expect(badLogo.status).toBe(400);
    expect(badLogo.body.details).toEqual([expect.objectContaining({ field: 'logo' })]);

    const nul = await t.http.put('/api/company').set(bearer(admin)).send({ ...input, fullName: 'ООО\u0000Лидер' });
    expect(nul.status).toBe(400);

    expect((await profile()).version).toBe(p.version);
  });

  it('refuses a stale version with 409 and keeps the newer requisites', async () => {
    const p = await profile();
    const { configured: _c, updatedAt: _u, ...input } = p;
    const first = await t.http.put('/api/company').set(bearer(admin)).send({ ...input, phone: '+7 (495) 710-20-99' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(p.version + 1);
    const director = (await t.login('director@lider.test')).accessToken;
    const stale = await t.http.put('/api/company').set(bearer(director)).send({ ...input, phone: '+7 (495) 000-00-00' });
    expect(stale.status).toBe(409);
    expect((await profile()).phone).toBe('+7 (495) 710-20-99');
    const [audit] = await t.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'company_profile'`);
    expect(audit.n).toBeGreaterThanOrEqual(1);
  });

  it('prints the invoice with the bank block, both parties, VAT 22 % contained and the total in words', async () => {
    const p = await profile();
    const { deal, contract } = await dealWithDocuments('Холодильное оборудование для магазина <b>«Улыбка»</b>');
    const invoice = await t.http.post('/api/invoices').set(bearer(manager1)).send({ contractId: contract.id, amount: '302200.00', issueDate: '2026-11-30', dueDate: '2026-12-10' });
    expect(invoice.status).toBe(201);
    const print = await t.http.get(`/api/invoices/${invoice.body.id}/print`).set(bearer(manager1));
    expect(print.status).toBe(200);
    expect(print.headers['content-type']).toContain('text/html');
    const html = print.text;
    expect(html).toContain(`Счёт на оплату № ${invoice.body.number} от 30 ноября 2026 г.`);
    for (const requisite of [p.bik, p.correspondentAccount, p.settlementAccount, `ИНН ${p.inn}`, `КПП ${p.kpp}`, 'ПАО Сбербанк, г. Москва']) expect(html).toContain(requisite);
    expect(html).toContain(`Основание:</td><td>Договор № ${contract.number}`);
    expect(html).toContain('Витрина холодильная ВХС-1,5');
    expect(html).toContain('Монтаж и пусконаладка');
    // 302 200,00 × 22 / 122 = 54 495,08 (rounded to the kopeck).
    expect(html).toContain('В том числе НДС 22\u00a0%:</td><td class="n b">54\u00a0495,08');
    expect(html).toContain('Триста две тысячи двести рублей 00 копеек');
    expect(html).toContain('Оплатить не позднее 10.12.2026');
    expect(html).toContain('/ Белов Г. П. /');
    expect(html).toContain(`${client.name.replace(/"/g, '&#34;')}`);
    expect(html).not.toContain('<b>«Улыбка»</b>');
    expect(deal.title).toContain('<b>');
  });

  it('prints an advance invoice as one line for what it pays, and «Без НДС» when the company has no VAT', async () => {
    const p = await profile();
    const { configured: _c, updatedAt: _u, ...input } = p;
    expect((await t.http.put('/api/company').set(bearer(admin)).send({ ...input, vatRate: 'none' })).status).toBe(200);
    const { contract } = await dealWithDocuments('Аванс за монтаж');
    const advance = await t.http.post('/api/invoices').set(bearer(manager1)).send({ contractId: contract.id, amount: '100000.00', issueDate: '2026-11-30', dueDate: '2026-12-04' });
    const html = (await t.http.get(`/api/invoices/${advance.body.id}/print`).set(bearer(manager1))).text;
    expect(html).toContain(`Оплата по договору № ${contract.number}`);
    expect(html).not.toContain('Витрина холодильная');
    expect(html).toContain('Без НДС');
    expect(html).not.toContain('В том числе НДС');
    expect(html).toContain('Всего наименований 1, на сумму 100\u00a0000,00 руб.');
    expect(html).toContain('Сто тысяч рублей 00 копеек');
  });

  it('prints the proposal with validity and the manager, and the contract summary with its deadline', async () => {
    const { deal, contract } = await dealWithDocuments('Оснащение торгового зала');
    const proposal = await t.http.post(`/api/deals/${deal.id}/proposals`).set(bearer(manager1)).send({ validUntil: '2026-12-31' });
    const kp = (await t.http.get(`/api/proposals/${proposal.body.id}/print`).set(bearer(manager1))).text;
    expect(kp).toContain('Действительно до:</td><td>31.12.2026');
    expect(kp).toContain(`/ ${deal.managerName} /`);
    expect(kp).toContain('ООО «Лидер»');
    expect(kp).not.toContain('округлены');
    const summary = (await t.http.get(`/api/contracts/${contract.id}/print`).set(bearer(manager1))).text;
    expect(summary).toContain(`Договор № ${contract.number}`);
    expect(summary).toContain('Срок монтажа:</td><td>до 25.12.2026');
    expect(summary).toContain('Триста две тысячи двести рублей 00 копеек');
  });

  it("answers 404 for another manager's print forms", async () => {
    const { deal, contract } = await dealWithDocuments('Чужая сделка');
    const proposal = await t.http.post(`/api/deals/${deal.id}/proposals`).set(bearer(manager1)).send({});
    const invoice = await t.http.post('/api/invoices').set(bearer(manager1)).send({ contractId: contract.id, amount: '1000.00', issueDate: '2026-11-30', dueDate: '2026-12-10' });
    for (const path of [`/api/invoices/${invoice.body.id}/print`, `/api/contracts/${contract.id}/print`, `/api/proposals/${proposal.body.id}/print`]) {
      const res = await t.http.get(path).set(bearer(manager2));
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
