import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AbcXyzService } from '../src/modules/marketing/abc-xyz.service';
import { WorkQueue } from '../src/modules/queue';
import { createClient, FRESH_INNS } from './setup/clients';
import { SmtpSink } from './setup/smtp-sink';
import { bearer, TestApp, type TestAppOptions } from './setup/test-app';

describe('marketing: campaigns, influences, effectiveness, mailings', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let options: TestAppOptions;
  let marketing: string;
  let manager1: string;
  let manager2: string;
  let head: string;
  let channelId: string;
  const clients: Record<string, string> = {};
  let segmentId: string;

  const drain = (includeDelayed = false) => t.app.get(WorkQueue).drain({ includeDelayed });

  beforeAll(async () => {
    await sink.start();
    options = { env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), MAIL_PER_MINUTE: '4', PUBLIC_URL: 'http://crm.test' } };
    t = await TestApp.start(options);
    marketing = (await t.login('marketing1@lider.test')).accessToken;
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    manager2 = (await t.login('manager2@lider.test')).accessToken;
    head = (await t.login('head@lider.test')).accessToken;
    [{ id: channelId }] = await t.sql.query(`SELECT id FROM reference_items WHERE kind = 'acquisition_channel' ORDER BY sort_order LIMIT 1`);
    clients.a = (await createClient(t, manager1, { name: 'ООО «Альфа-Выставка»', inn: FRESH_INNS[0] })).id;
    clients.b = (await createClient(t, manager1, { name: 'ООО «Бета-Выставка»', inn: FRESH_INNS[1] })).id;
    clients.c = (await createClient(t, manager2, { name: 'ООО «Гамма-Выставка»', inn: FRESH_INNS[2] })).id;
    const segment = await t.http.post('/api/segments').set(bearer(marketing)).send({ name: 'Гости выставки', kind: 'static', clientIds: Object.values(clients), shared: true });
    expect(segment.status).toBe(201);
    segmentId = segment.body.id;
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  describe('campaigns and effectiveness', () => {
    it('has the demo campaigns of «Лидер»: an exhibition with influences and deals attributed, a promotion, a sent mailing', async () => {
      const list = await t.http.get('/api/campaigns').set(bearer(marketing));
      const names = list.body.items.map((c: { name: string }) => c.name);
      expect(names).toEqual(expect.arrayContaining(['Выставка «Холодильное оборудование и торговые системы»', 'Весенняя акция: скидка 10 % на витрины «Ариада»']));
      const exhibition = list.body.items.find((c: { type: string }) => c.type === 'exhibition');
      expect(exhibition.actualCost).toBe('348540.50');
      const figures = (await t.http.get(`/api/campaigns/${exhibition.id}/effectiveness`).set(bearer(marketing))).body;
      expect(figures.touchedClients).toBeGreaterThan(0);
      expect(figures.deals).toBeGreaterThan(0);
      const mailings = (await t.http.get('/api/mailings').set(bearer(marketing))).body.items;
      expect(mailings).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'sent', counts: expect.objectContaining({ sent: expect.any(Number) }) })]));
      expect(mailings.find((m: { status: string }) => m.status === 'sent').counts.sent).toBeGreaterThan(0);
    });

    let campaignId: string;

    it('creates a campaign with exact cost lines; the status moves one step forward only; sales staff read but do not write', async () => {
      const res = await t.http
        .post('/api/campaigns')
        .set(bearer(marketing))
        .send({
          name: 'Выставка «Продэкспо-2026»',
          type: 'exhibition',
          channelId,
          startsOn: '2026-02-01',
          endsOn: '2026-02-10',
          budget: '500000.00',
          includeSegmentIds: [segmentId],
          costs: [
            { incurredOn: '2026-01-20', description: 'Аренда стенда', amount: '100000.10' },
            { incurredOn: '2026-02-01', description: 'Печать буклетов', amount: '0.23' },
          ],
        });
      expect(res.status).toBe(201);
      campaignId = res.body.id;
      expect(res.body).toMatchObject({ status: 'planned', budget: '500000.00', actualCost: '100000.33', version: 1 });
      expect(res.body.costs).toHaveLength(2);

      const skip = await t.http.patch(`/api/campaigns/${campaignId}`).set(bearer(marketing)).send({ version: 1, status: 'finished' });
      expect(skip.status).toBe(422);
      expect(skip.body).toMatchObject({ code: 'campaign_status_order', details: [expect.objectContaining({ field: 'status' })] });
      const active = await t.http.patch(`/api/campaigns/${campaignId}`).set(bearer(marketing)).send({ version: 1, status: 'active' });
      expect(active.status).toBe(200);
      expect((await t.http.patch(`/api/campaigns/${campaignId}`).set(bearer(marketing)).send({ version: 1, name: 'Старая версия' })).status).toBe(409);

      const badPeriod = await t.http.post('/api/campaigns').set(bearer(marketing)).send({ name: 'Наоборот', type: 'promotion', startsOn: '2026-03-10', endsOn: '2026-03-01' });
      expect(badPeriod.status).toBe(422);
      expect(badPeriod.body.details[0].field).toBe('endsOn');
      const badMoney = await t.http.post('/api/campaigns').set(bearer(marketing)).send({ name: 'Дробь', type: 'promotion', startsOn: '2026-03-01', endsOn: '2026-03-10', budget: '1.234' });
      expect(badMoney.status).toBe(400);
      expect(badMoney.body.details[0].field).toBe('budget');

      expect((await t.http.get(`/api/campaigns/${campaignId}`).set(bearer(manager1))).status).toBe(200);
      expect((await t.http.post('/api/campaigns').set(bearer(manager1)).send({ name: 'Своя', type: 'other', startsOn: '2026-03-01', endsOn: '2026-03-02' })).status).toBe(403);
      expect((await t.http.get(`/api/campaigns/00000000-0000-4000-8000-000000000000`).set(bearer(manager1))).status).toBe(404);
    });

    it('registers a whole segment in one go, and a sales manager sees only the influences on own clients', async () => {
      const res = await t.http.post(`/api/campaigns/${campaignId}/influences`).set(bearer(marketing)).send({ segmentId, occurredAt: '2026-02-03T12:00:00+03:00' });
      expect(res.status).toBe(201);
      expect(res.body.added).toBe(3);
      // The same touch again adds nothing.
      expect((await t.http.post(`/api/campaigns/${campaignId}/influences`).set(bearer(marketing)).send({ clientIds: [clients.a], occurredAt: '2026-02-03T12:00:00+03:00' })).body.added).toBe(0);
      const mine = await t.http.get(`/api/campaigns/${campaignId}/influences`).set(bearer(manager1));
      expect(mine.body.items.map((i: { clientName: string }) => i.clientName).sort()).toEqual(['ООО «Альфа-Выставка»', 'ООО «Бета-Выставка»']);
      expect((await t.http.get(`/api/campaigns/${campaignId}/influences`).set(bearer(marketing))).body.total).toBe(3);
      expect((await t.http.get(`/api/influences?clientId=${clients.c}`).set(bearer(manager1))).status).toBe(404);
      const nobody = await t.http.post(`/api/campaigns/${campaignId}/influences`).set(bearer(marketing)).send({ occurredAt: '2026-02-03T12:00:00+03:00' });
      expect(nobody.status).toBe(422);
    });

    it('attributes a new deal to the latest influence, and computes the figures exactly (ROI to the kopeck)', async () => {
      // Two deals of client A (one won for 250 000,50), one of client C (won for 99 999,99).
      const deal = async (token: string, clientId: string, amount: string) => {
        const res = await t.http.post('/api/deals').set(bearer(token)).send({ clientId, title: 'Камеры с выставки', amount });
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      const d1 = await deal(manager1, clients.a, '250000.50');
      await deal(manager1, clients.a, '10000.00');
      const d3 = await deal(manager2, clients.c, '99999.99');
      const [row] = await t.sql.query(`SELECT campaign_id FROM deals WHERE id = $1`, [d1]);
      expect(row.campaign_id).toBe(campaignId);
      const [won] = await t.sql.query(`SELECT id FROM pipeline_stages WHERE kind = 'won'`);
      for (const [id, token] of [
        [d1, manager1],
        [d3, manager2],
      ]) {
        const current = await t.http.get(`/api/deals/${id}`).set(bearer(token));
        const moved = await t.http.post(`/api/deals/${id}/move`).set(bearer(token)).send({ version: current.body.version, stageId: won.id });
        if (moved.status !== 200) await t.sql.query(`UPDATE deals SET status = 'won', stage_id = $2 WHERE id = $1`, [id, won.id]);
      }

      const all = await t.http.get(`/api/campaigns/${campaignId}/effectiveness`).set(bearer(marketing));
      expect(all.status).toBe(200);
      // cost 100 000,33; revenue 350 000,49; ROI = (350000.49 − 100000.33) / 100000.33 × 100 = 249.9993…%
      expect(all.body).toMatchObject({
        scoped: false,
        touchedClients: 3,
        deals: 3,
        wonDeals: 2,
        revenue: '350000.49',
        cost: '100000.33',
        costPerLead: '33333.44',
        costPerWonDeal: '50000.17',
        roiPercent: '250.00',
        touchedToDealPercent: '66.67',
        dealToWonPercent: '66.67',
      });
      const own = await t.http.get(`/api/campaigns/${campaignId}/effectiveness`).set(bearer(manager1));
      expect(own.body).toMatchObject({ scoped: true, touchedClients: 2, deals: 2, wonDeals: 1, revenue: '250000.50', cost: '100000.33' });

      const xlsx = await t.http
        .get(`/api/campaigns/${campaignId}/effectiveness/xlsx`)
        .set(bearer(marketing))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body);
      const values = book.worksheets[0].getRow(2).values as unknown[];
      expect(values).toContain(350000.49);
      expect(values).toContain(250);

      const channels = await t.http.get('/api/marketing/channels?from=2026-01-01&to=2026-12-31').set(bearer(marketing));
      expect(channels.status).toBe(200);
      const channel = channels.body.channels.find((c: { channelId: string }) => c.channelId === channelId);
      expect(channel).toMatchObject({ touchedClients: 3, cost: '100000.33' });
      expect((await t.http.get('/api/marketing/channels?from=2026-12-31&to=2026-01-01').set(bearer(marketing))).status).toBe(422);
      expect((await t.http.get('/api/marketing/channels?from=2026-01-01&to=2026-12-31').set(bearer(head))).status).toBe(200);
    });
  });

  describe('mailings', () => {
    const addresses = Array.from({ length: 10 }, (_, i) => `guest${i}@expo.test`);
    let contactIds: string[] = [];

    beforeAll(async () => {
      contactIds = [];
      for (const [i, address] of addresses.entries()) {
        const clientId = i % 2 ? clients.a : clients.b;
        const res = await t.http.post(`/api/clients/${clientId}/contacts`).set(bearer(manager1)).send({ fullName: `Гостев${i} Пётр Иванович`, emails: [address] });
        expect(res.status).toBe(201);
        contactIds.push(res.body.id);
      }
    });

    const create = (body: object = {}) =>
      t.http
        .post('/api/mailings')
        .set(bearer(marketing))
        .send({
          name: 'Приглашение на выставку',
          purpose: 'information',
          subject: 'Ждём вас на выставке, {{contact.firstName}}!',
          bodyHtml: '<p>Здравствуйте, {{contact.firstName}}! Компания {{client.name}}, ваш менеджер {{manager.name}}.</p><a href="{{unsubscribe.url}}">Отписаться</a>',
          bodyText: 'Здравствуйте, {{contact.firstName}}! Ваш менеджер {{manager.name}}. Отписаться: {{unsubscribe.url}}',
          segmentIds: [segmentId],
          ...body,
        });

    it('refuses an unknown placeholder naming it, previews for a recipient, and sends a test to oneself', async () => {
      const bad = await create({ bodyText: 'Привет, {{contact.nickname}}' });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('unknown_placeholder');
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'bodyText', message: expect.stringContaining('{{contact.nickname}}') })]);

      const mailing = await create();
      expect(mailing.status).toBe(201);
      const preview = await t.http.get(`/api/mailings/${mailing.body.id}/preview?contactId=${contactIds[1]}`).set(bearer(marketing));
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ subject: 'Ждём вас на выставке, Пётр!', recipientCount: 10, address: 'guest1@expo.test' });
      expect(preview.body.html).toContain('ООО «Альфа-Выставка»');

      const test = await t.http.post(`/api/mailings/${mailing.body.id}/test`).set(bearer(marketing)).send({ contactId: contactIds[1] });
      expect(test.status).toBe(200);
      const [mail] = sink.to('marketing1@lider.test');
      expect(mail.subject).toBe('[Тест] Ждём вас на выставке, Пётр!');
      expect(mail.text).toContain('Здравствуйте, Пётр!');
      expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.header('List-Unsubscribe')).toMatch(/^<http:\/\/crm\.test\/api\/unsubscribe\?token=[\w.-]+>$/);
      // Nothing was queued by the test send.
      expect((await t.http.get(`/api/mailings/${mailing.body.id}`).set(bearer(marketing))).body.counts.total).toBe(0);
      // Sales managers have no mailings.
      expect((await t.http.get(`/api/mailings/${mailing.body.id}`).set(bearer(manager1))).status).toBe(403);
    });

    it('sends every address exactly once across a temporary failure, a 5xx and a restart of the API', async () => {
      await t.http.post('/api/marketing/suppressions').set(bearer(marketing)).send({ address: 'guest9@expo.test', note: 'Просил не писать' }).expect(204);
      sink.answers.set('guest2@expo.test', [451]);
      sink.answers.set('guest3@expo.test', [550]);
      const mailing = (await create({ name: 'Рассылка с перезапуском' })).body;
      const before = sink.received.length;
      const sent = await t.http.post(`/api/mailings/${mailing.id}/send`).set(bearer(marketing)).send({ version: mailing.version });
      expect(sent.status).toBe(200);
      expect(sent.body.status).toBe('sending');
      expect(sent.body.counts).toMatchObject({ total: 10, queued: 9, suppressed: 1 });
      expect((await t.http.post(`/api/mailings/${mailing.id}/send`).set(bearer(marketing)).send({ version: sent.body.version })).status).toBe(422);

      // The throttle (4 a minute) stops this instance after the first few: then it "crashes".
      await drain();
      const progress = (await t.http.get(`/api/mailings/${mailing.id}`).set(bearer(marketing))).body;
      expect(progress.status).toBe('sending');
      expect(progress.counts.queued).toBeGreaterThan(0);
      await t.close({ keepDatabase: true });
      t = await TestApp.startOn(t.db, options);
      marketing = (await t.login('marketing1@lider.test')).accessToken;

      // The new instance works off the rest, retries included.
      for (let i = 0; i < 5; i++) await drain(true);
      const done = (await t.http.get(`/api/mailings/${mailing.id}`).set(bearer(marketing))).body;
      expect(done.status).toBe('sent');
      expect(done.counts).toMatchObject({ total: 10, sent: 8, bounced: 1, suppressed: 1, queued: 0, sending: 0 });
      const mails = sink.received.slice(before);
      for (const address of addresses) {
        const n = mails.filter((m) => m.to === address).length;
        expect([address, n]).toEqual([address, ['guest3@expo.test', 'guest9@expo.test'].includes(address) ? 0 : 1]);
      }
      const bounced = await t.http.get(`/api/mailings/${mailing.id}/deliveries?state=bounced`).set(bearer(marketing));
      expect(bounced.body.items).toEqual([expect.objectContaining({ address: 'guest3@expo.test', smtpResponse: expect.stringContaining('550') })]);
      const retried = await t.http.get(`/api/mailings/${mailing.id}/deliveries?q=guest2`).set(bearer(marketing));
      expect(retried.body.items[0]).toMatchObject({ state: 'sent', attempts: 2 });
      const list = await t.http.get('/api/marketing/suppressions?q=guest3').set(bearer(marketing));
      expect(list.body.items).toEqual([expect.objectContaining({ address: 'guest3@expo.test', reason: 'bounced' })]);
    });

    it('never sends again a delivery interrupted mid-SMTP, and cancel stops the rest', async () => {
      await t.http.post('/api/marketing/suppressions/remove').set(bearer(marketing)).send({ address: 'guest3@expo.test' }).expect(204);
      const mailing = (await create({ name: 'Прерванная рассылка' })).body;
      const sent = (await t.http.post(`/api/mailings/${mailing.id}/send`).set(bearer(marketing)).send({ version: mailing.version })).body;
      // The dispatch item turns the rows into send items; then one row is left "sending" as a dead instance would.
      await t.app.get(WorkQueue).drain({ queues: ['marketing.mailing-dispatch'] });
      await t.sql.query(`UPDATE mail_deliveries SET state = 'sending' WHERE mailing_id = $1 AND address = 'guest0@expo.test'`, [mailing.id]);
      const before = sink.received.length;
      await drain();
      const cancelled = await t.http.post(`/api/mailings/${mailing.id}/cancel`).set(bearer(marketing)).send({ version: (await t.http.get(`/api/mailings/${mailing.id}`).set(bearer(marketing))).body.version });
      expect(cancelled.status).toBe(200);
      for (let i = 0; i < 3; i++) await drain(true);
      const final = (await t.http.get(`/api/mailings/${mailing.id}`).set(bearer(marketing))).body;
      expect(final.status).toBe('cancelled');
      expect(final.counts.cancelled).toBeGreaterThan(0);
      expect(final.counts.queued).toBe(0);
      const mails = sink.received.slice(before);
      expect(mails.filter((m) => m.to === 'guest0@expo.test')).toHaveLength(0);
      expect(mails.length).toBe(final.counts.sent);
      expect(sent.counts.total).toBe(10);
      const interrupted = await t.http.get(`/api/mailings/${mailing.id}/deliveries?q=guest0@`).set(bearer(marketing));
      expect(interrupted.body.items[0]).toMatchObject({ state: 'failed', smtpResponse: expect.stringContaining('not sent again') });
    });

    it('unsubscribes on POST only (not on GET), and a later mailing sends nothing to that address', async () => {
      const mail = sink.to('guest4@expo.test')[0];
      expect(mail.messageId).toMatch(/^<mailing-/);
      const link = mail.header('List-Unsubscribe')!.match(/token=([A-Za-z0-9_.-]+)/)![1];
      const look = await t.http.get(`/api/unsubscribe?token=${link}`);
      expect(look.status).toBe(200);
      expect(look.body).toEqual({ address: 'gu***@expo.test', unsubscribed: false });
      expect((await t.http.get(`/api/unsubscribe?token=${link}x`)).status).toBe(404);
      // RFC 8058 one-click: a form POST to the header's address.
      const click = await t.http.post(`/api/unsubscribe?token=${link}`).type('form').send('List-Unsubscribe=One-Click');
      expect(click.status).toBe(200);
      expect(click.body.unsubscribed).toBe(true);

      const mailing = (await create({ name: 'После отписки' })).body;
      const before = sink.received.length;
      await t.http.post(`/api/mailings/${mailing.id}/send`).set(bearer(marketing)).send({ version: mailing.version }).expect(200);
      for (let i = 0; i < 4; i++) await drain(true);
      expect(sink.received.slice(before).filter((m) => m.to === 'guest4@expo.test')).toHaveLength(0);
      const log = await t.http.get(`/api/mailings/${mailing.id}/deliveries?q=guest4`).set(bearer(marketing));
      expect(log.body.items[0].state).toBe('suppressed');
    });

    it('sends an advertising mailing only to contacts who consented (when, how, who recorded)', async () => {
      const consent = await t.http
        .post(`/api/clients/${clients.a}/contacts/${contactIds[1]}/consents`)
        .set(bearer(marketing))
        .send({ channel: 'email', granted: true, occurredAt: '2026-02-03T12:00:00+03:00', method: 'Анкета на стенде' });
      expect(consent.status).toBe(201);
      expect(consent.body[0]).toMatchObject({ granted: true, method: 'Анкета на стенде', recordedByName: expect.any(String) });
      await t.http
        .post(`/api/clients/${clients.a}/contacts/${contactIds[3]}/consents`)
        .set(bearer(marketing))
        .send({ channel: 'email', granted: true, occurredAt: '2026-02-03T12:00:00+03:00', method: 'Анкета на стенде' });
      await t.http
        .post(`/api/clients/${clients.a}/contacts/${contactIds[3]}/consents`)
        .set(bearer(marketing))
        .send({ channel: 'email', granted: false, occurredAt: '2026-02-05T12:00:00+03:00', method: 'Звонок: отозвал согласие' });
      const mailing = (await create({ name: 'Весенняя акция', purpose: 'advertising' })).body;
      const sent = await t.http.post(`/api/mailings/${mailing.id}/send`).set(bearer(marketing)).send({ version: mailing.version });
      expect(sent.body.counts.total).toBe(1);
      // A contact of another client through the wrong client path is not found.
      expect((await t.http.get(`/api/clients/${clients.b}/contacts/${contactIds[1]}/consents`).set(bearer(marketing))).status).toBe(404);
    });
  });

  describe('ABC/XYZ', () => {
    it('classifies a hand-computed data set and stores the classes nightly', async () => {
      // 2019, before any demo payment. Client totals: a 800 (steady), b 150 (two months), c 50.
      const [{ id: userId }] = await t.sql.query(`SELECT id FROM users WHERE email = 'manager1@lider.test'`);
      const pay = async (clientId: string, amounts: Array<[string, string]>) => {
        for (const [paidOn, amount] of amounts) {
          const [inv] = await t.sql.query(
            `INSERT INTO invoices (client_id, number, issue_date, due_date, amount, paid_amount, status, created_by, version)
             VALUES ($1, 'ABC-' || substr(md5(random()::text), 1, 10), $2, $2, $3, $3, 'paid', $4, 1) RETURNING id`,
            [clientId, paidOn, amount, userId],
          );
          await t.sql.query(`INSERT INTO payments (invoice_id, paid_on, amount) VALUES ($1, $2, $3)`, [inv.id, paidOn, amount]);
        }
      };
      await pay(clients.a, [
        ['2019-01-10', '200.00'],
        ['2019-02-10', '200.00'],
        ['2019-03-10', '200.00'],
        ['2019-04-10', '200.00'],
      ]);
      await pay(clients.b, [
        ['2019-01-15', '70.00'],
        ['2019-02-15', '80.00'],
      ]);
      await pay(clients.c, [['2019-03-01', '50.00']]);
      const res = await t.http.get('/api/marketing/abc-xyz?from=2019-01-01&to=2019-04-30').set(bearer(marketing));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ months: 4, totalPayments: '1000.00' });
      const cell = (abc: string, xyz: string) => res.body.cells.find((c: { abc: string; xyz: string }) => c.abc === abc && c.xyz === xyz);
      // a: 80 % share, CV 0 → A-X. b: before it 80 % → B; months 70/80/0/0, CV 100 % → Z. c: before it 95 % → C-Z.
      expect(cell('A', 'X')).toEqual({ abc: 'A', xyz: 'X', clients: 1, payments: '800.00' });
      expect(cell('B', 'Z')).toMatchObject({ clients: 1, payments: '150.00' });
      expect(cell('C', 'Z')).toMatchObject({ clients: 1, payments: '50.00' });
      const drill = await t.http.get('/api/marketing/abc-xyz/clients?from=2019-01-01&to=2019-04-30&abc=B').set(bearer(marketing));
      expect(drill.body.items).toEqual([expect.objectContaining({ clientName: 'ООО «Бета-Выставка»', sharePercent: '15.00', variationPercent: '100.44' })]);

      const run = await t.http.post('/api/jobs/abc-xyz/run').set(bearer((await t.login('admin@lider.test')).accessToken));
      expect(run.status).toBeLessThan(300);
      await drain();
      const [stored] = await t.sql.query(`SELECT count(*)::int AS n FROM client_abc_xyz`);
      expect(stored.n).toBeGreaterThan(0);
    });

    it('makes the stored class a client list filter and a dynamic segment criterion, within the caller\'s scope', async () => {
      // The classification as of 1 May 2019 covers exactly the three clients paid in 2019.
      const ds = t.app.get(DataSource);
      expect(await ds.transaction((em) => t.app.get(AbcXyzService).store(em, '2019-05-01'))).toBe(3);
      const names = async (token: string, query: string) =>
        (await t.http.get(`/api/clients?${query}&pageSize=100`).set(bearer(token))).body.items.map((c: { name: string }) => c.name).sort();
      expect(await names(marketing, 'abcClass=A')).toEqual(['ООО «Альфа-Выставка»']);
      expect(await names(marketing, 'abcClass=B&abcClass=C&xyzClass=Z')).toEqual(['ООО «Бета-Выставка»', 'ООО «Гамма-Выставка»']);
      // manager2 has only «Гамма»: the class never widens the scope.
      expect(await names(manager2, 'xyzClass=Z')).toEqual(['ООО «Гамма-Выставка»']);
      const bad = await t.http.get('/api/clients?abcClass=D').set(bearer(marketing));
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('abcClass');

      const segment = await t.http.post('/api/segments').set(bearer(marketing)).send({ name: 'Ключевые A и B', kind: 'dynamic', filter: { abcClass: ['A', 'B'] } });
      expect(segment.status).toBe(201);
      expect(await names(marketing, `segmentId=${segment.body.id}`)).toEqual(['ООО «Альфа-Выставка»', 'ООО «Бета-Выставка»']);
      // Another classification moves the classes (as of 1 March: a 400, b 150 → both A;
      // c has not paid yet → no class): the filter follows, nothing else to do.
      await ds.transaction((em) => t.app.get(AbcXyzService).store(em, '2019-03-01'));
      expect(await names(marketing, 'abcClass=A')).toEqual(['ООО «Альфа-Выставка»', 'ООО «Бета-Выставка»']);
      expect(await names(marketing, `segmentId=${segment.body.id}`)).toEqual(['ООО «Альфа-Выставка»', 'ООО «Бета-Выставка»']);
      expect(await names(marketing, 'abcClass=C')).toEqual([]);
    });
  });
});
