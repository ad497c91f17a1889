import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkQueue } from '../src/modules/queue';
import { bearer, TestApp } from './setup/test-app';

/** Windows-1251 bytes of a string (Cyrillic, ASCII): enough to build a message an old mail client would send. */
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      if (ch === '«') return 0xab;
      if (ch === '»') return 0xbb;
      throw new Error(`no windows-1251 byte for ${ch}`);
    }),
  );
}

/**
 * Inbound channels as the outside world uses them: a website form, a PBX posting call
 * events, a mail server handing over raw messages; and the administrator's notice when
 * a webhook is switched off.
 */
describe('inbound channels', () => {
  let t: TestApp;
  let admin: string;
  let manager1: string;
  let pbxToken: string;
  const m: Record<string, string> = {};
  let channelId: string;

  const timeline = async (clientId: string, kind: string) =>
    (await t.http.get(`/api/clients/${clientId}/timeline?kind=${kind}&pageSize=50`).set(bearer(admin))).body.items as Array<{ kind: string; payload: Record<string, unknown> }>;
  const lead = (body: object) => t.http.post('/api/public/leads').send(body);

  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.login('admin@lider.test')).accessToken;
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    for (const n of [1, 2, 3]) m[`manager${n}`] = await t.userId(`manager${n}@lider.test`);
    [{ id: channelId }] = await t.sql.query(`SELECT id FROM reference_items WHERE kind = 'acquisition_channel' AND is_active ORDER BY sort_order LIMIT 1`);
    const tok = await t.http.post('/api/api-tokens').set(bearer(admin)).send({ name: 'АТС', role: 'admin', ratePerSecond: 1000, burst: 1000 });
    expect(tok.status).toBe(201);
    pbxToken = tok.body.token;
  });
  afterAll(() => t.close());

  describe('website lead form', () => {
    it('only an administrator sets managers on duty, and only active sales managers can be on duty', async () => {
      expect((await t.http.put('/api/integrations/inbound/settings').set(bearer(manager1)).send({ dutyManagerIds: [m.manager1] })).status).toBe(403);
      const adminId = await t.userId('admin@lider.test');
      const wrong = await t.http.put('/api/integrations/inbound/settings').set(bearer(admin)).send({ dutyManagerIds: [m.manager2, adminId] });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'dutyManagerIds' })]);
      const ok = await t.http.put('/api/integrations/inbound/settings').set(bearer(admin)).send({ dutyManagerIds: [m.manager2, m.manager3], leadChannelId: channelId });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ siteKey: null, leadChannelId: channelId, nextManagerIndex: 0, dutyManagers: [{ id: m.manager2 }, { id: m.manager3 }] });
    });

    it('a lead with the phone of a client in the base goes to that client and its manager, in the first stage from the configured channel', async () => {
      const [known] = await t.sql.query(
        `SELECT id, manager_id, phones_normalized[1] AS phone FROM clients WHERE archived_at IS NULL AND phones_normalized[1] LIKE '+79%' ORDER BY created_at LIMIT 1`,
      );
      const p = String(known.phone);
      const typed = `8 (${p.slice(2, 5)}) ${p.slice(5, 8)}-${p.slice(8, 10)}-${p.slice(10)}`;
      const [{ n: clientsBefore }] = await t.sql.query(`SELECT count(*)::int AS n FROM clients`);
      const res = await lead({ name: 'Пётр Ильин', phone: typed, message: 'Нужна витрина, перезвоните' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ status: 'received' });
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM clients`))[0].n).toBe(clientsBefore);

      const [deal] = await t.sql.query(
        `SELECT d.title, d.manager_id, d.channel_id, s.sort_order, (SELECT min(sort_order) FROM pipeline_stages WHERE kind = 'open' AND is_active) AS first
           FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id WHERE d.client_id = $1 ORDER BY d.created_at DESC LIMIT 1`,
        [known.id],
      );
      expect(deal).toMatchObject({ title: 'Заявка с сайта: Пётр Ильин', manager_id: known.manager_id, channel_id: channelId });
      expect(deal.sort_order).toBe(deal.first);
      const [task] = await t.sql.query(`SELECT assignee_id, subject, type FROM tasks WHERE client_id = $1 ORDER BY created_at DESC LIMIT 1`, [known.id]);
      expect(task).toMatchObject({ assignee_id: known.manager_id, subject: 'Новая заявка с сайта: Пётр Ильин', type: 'call' });
      const [entry] = await timeline(known.id, 'lead_received');
      expect(entry.payload).toMatchObject({ source: 'website', matched: true, contactName: 'Пётр Ильин', phone: p, message: 'Нужна витрина, перезвоните' });
      // The cursor did not move: the known client's lead did not use a turn.
      expect((await t.http.get('/api/integrations/inbound/settings').set(bearer(admin))).body.nextManagerIndex).toBe(0);
    });

    it('new clients go to the managers on duty in turn', async () => {
      const owners = [];
      for (const [i, phone] of ['+7 915 000-11-01', '+7 915 000-11-02', '+7 915 000-11-03'].entries()) {
        expect((await lead({ name: `Покупатель ${i}`, company: `ООО «Новый ${i}»`, phone, city: 'Тверь' })).status).toBe(201);
        const [c] = await t.sql.query(`SELECT id, manager_id, name, channel_id FROM clients WHERE $1 = ANY(phones_normalized)`, [phone.replace(/[\s-]/g, '')]);
        expect(c).toMatchObject({ name: `ООО «Новый ${i}»`, channel_id: channelId });
        const [task] = await t.sql.query(`SELECT assignee_id FROM tasks WHERE client_id = $1`, [c.id]);
        expect(task.assignee_id).toBe(c.manager_id);
        owners.push(c.manager_id);
      }
      expect(owners).toEqual([m.manager2, m.manager3, m.manager2]);
    });

    it('matches by e-mail and INN too, and refuses a form without a way to reach the person', async () => {
      const created = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'ООО «Почтовый»', inn: '7707083893', emails: ['Zakaz@Pochta.example'] });
      expect(created.status).toBe(201);
      expect((await lead({ name: 'Анна', email: 'zakaz@pochta.example' })).status).toBe(201);
      expect((await lead({ name: 'Борис', email: 'other@pochta.example', inn: '7707083893' })).status).toBe(201);
      const deals = await t.sql.query(`SELECT title FROM deals WHERE client_id = $1 ORDER BY created_at`, [created.body.id]);
      expect(deals.map((d: { title: string }) => d.title)).toEqual(['Заявка с сайта: Анна', 'Заявка с сайта: Борис']);
      const none = await lead({ name: 'Аноним' });
      expect(none.status).toBe(400);
      expect(none.body.details).toEqual([expect.objectContaining({ field: 'phone' })]);
    });

    it('refuses spam: a filled honeypot, a wrong site key, and too many posts from one address (429 with Retry-After)', async () => {
      const [{ n: before }] = await t.sql.query(`SELECT count(*)::int AS n FROM clients`);
      const bot = await lead({ name: 'Bot', phone: '+7 915 000-99-99', website: 'http://spam.example' });
      expect(bot.status).toBe(422);
      expect(bot.body).toMatchObject({ code: 'spam_refused', details: [expect.objectContaining({ field: 'website' })] });

      await t.http.put('/api/integrations/inbound/settings').set(bearer(admin)).send({ siteKey: 'lider-site-2026' });
      const keyless = await lead({ name: 'Без ключа', phone: '+7 915 000-99-98' });
      expect(keyless.status).toBe(403);
      expect(keyless.body.code).toBe('site_key_invalid');
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM clients`))[0].n).toBe(before);
      expect((await lead({ name: 'С ключом', phone: '+7 915 000-99-97', siteKey: 'lider-site-2026' })).status).toBe(201);

      // LEADS_PER_MINUTE_PER_IP is 10 by default; the earlier posts of this file count too.
      const statuses: number[] = [];
      let refused;
      for (let i = 0; i < 12 && !refused; i++) {
        const res = await lead({ name: 'Флуд', phone: '+7 915 000-99-96', website: 'x' });
        statuses.push(res.status);
        if (res.status === 429) refused = res;
      }
      expect(refused).toBeDefined();
      expect(refused!.body.code).toBe('rate_limited');
      expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      await t.http.put('/api/integrations/inbound/settings').set(bearer(admin)).send({ siteKey: null });
    });
  });

  describe('telephony', () => {
    let clientId: string;
    const call = (body: object, token = pbxToken) => t.http.post('/api/integrations/telephony/calls').set('X-API-Key', token).send(body);

    beforeAll(async () => {
      const res = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'ООО «Звонкий»', phones: ['+74951234567'] });
      expect(res.status).toBe(201);
      clientId = res.body.id;
    });

    it('a missed call from 8 (495) 123-45-67 lands on the client stored as +74951234567 with a «перезвонить» task for its manager', async () => {
      const res = await call({ callId: 'c-1', direction: 'incoming', result: 'missed', clientPhone: '8 (495) 123-45-67', startedAt: '2026-11-30T09:15:00Z', durationSeconds: 0 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ clientId, missed: true, phone: '+74951234567', leadCreated: false, taskId: expect.any(String) });
      const [task] = await t.sql.query(`SELECT assignee_id, subject, client_id FROM tasks WHERE id = $1`, [res.body.taskId]);
      expect(task).toMatchObject({ assignee_id: m.manager1, client_id: clientId, subject: expect.stringMatching(/^Перезвонить/) });
      const [entry] = await timeline(clientId, 'call');
      expect(entry.payload).toMatchObject({ direction: 'incoming', missed: true, durationSeconds: 0, phone: '+74951234567' });

      // The PBX repeats its webhook: still one call, one entry, one task.
      const again = await call({ callId: 'c-1', direction: 'incoming', result: 'missed', clientPhone: '+7 495 123 45 67', startedAt: '2026-11-30T09:15:00Z', durationSeconds: 0 });
      expect(again.body.id).toBe(res.body.id);
      expect(await timeline(clientId, 'call')).toHaveLength(1);
    });

    it('an answered outgoing call carries its duration and recording link, and no task', async () => {
      const res = await call({
        callId: 'c-2',
        direction: 'outgoing',
        result: 'answered',
        clientPhone: '74951234567',
        startedAt: '2026-11-30T10:00:00Z',
        durationSeconds: 134,
        recordingUrl: 'https://pbx.example/rec/c-2.mp3',
      });
      expect(res.body).toMatchObject({ clientId, missed: false, taskId: null });
      const [entry] = await timeline(clientId, 'call');
      expect(entry.payload).toMatchObject({ direction: 'outgoing', durationSeconds: 134, recordingUrl: 'https://pbx.example/rec/c-2.mp3' });
    });

    it('an unknown number creates a lead: a client with that phone, a deal and a task for the manager on duty', async () => {
      const res = await call({ callId: 'c-3', direction: 'incoming', result: 'answered', clientPhone: '8 812 555-01-02', startedAt: '2026-11-30T11:00:00Z', durationSeconds: 40 });
      expect(res.body).toMatchObject({ leadCreated: true, clientId: expect.any(String), phone: '+78125550102' });
      const [c] = await t.sql.query(`SELECT manager_id, phones_normalized FROM clients WHERE id = $1`, [res.body.clientId]);
      expect(c.phones_normalized).toEqual(['+78125550102']);
      expect([m.manager2, m.manager3]).toContain(c.manager_id);
      expect((await t.sql.query(`SELECT count(*)::int AS n FROM deals WHERE client_id = $1`, [res.body.clientId]))[0].n).toBe(1);
      expect((await timeline(res.body.clientId, 'call'))[0].payload).toMatchObject({ durationSeconds: 40 });
      expect((await timeline(res.body.clientId, 'lead_received'))[0].payload).toMatchObject({ source: 'call' });
    });

    it('reads the Mango Office call summary, ignores internal calls, and needs a token with the right', async () => {
      const summary = {
        entry_id: 'MTAxMjM0NTY3OA==',
        call_direction: 1,
        from: { number: '74951234567' },
        to: { extension: '101', number: '74959876543' },
        create_time: 1764494100,
        forward_time: 1764494102,
        talk_time: 1764494105,
        end_time: 1764494165,
        entry_result: 1,
      };
      const res = await t.http.post('/api/integrations/telephony/mango/events/summary').set('X-API-Key', pbxToken).type('form').send({ vpbx_api_key: 'k', sign: 's', json: JSON.stringify(summary) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ recorded: true, call: { provider: 'mango', clientId, direction: 'incoming', missed: false, durationSeconds: 60 } });
      const internal = await t.http.post('/api/integrations/telephony/mango/events/summary').set('X-API-Key', pbxToken).type('form').send({ json: JSON.stringify({ ...summary, entry_id: 'x', call_direction: 0 }) });
      expect(internal.body).toEqual({ recorded: false, call: null });
      const broken = await t.http.post('/api/integrations/telephony/mango/events/summary').set('X-API-Key', pbxToken).type('form').send({ json: '{"call_direction":1}' });
      expect(broken.status).toBe(400);

      expect((await t.http.post('/api/integrations/telephony/calls').send({ callId: 'z' })).status).toBe(401);
      const m1Token = (await t.http.post('/api/api-tokens').set(bearer(admin)).send({ name: 'Менеджер', userId: m.manager1 })).body.token;
      expect((await call({ callId: 'c-9', direction: 'incoming', result: 'missed', clientPhone: '84951234567', startedAt: '2026-11-30T09:15:00Z', durationSeconds: 0 }, m1Token)).status).toBe(403);
      const bad = await call({ callId: 'c-10', direction: 'incoming', result: 'missed', clientPhone: 'позвоните', startedAt: '2026-11-30T09:15:00Z', durationSeconds: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'clientPhone' })]);
    });
  });

  describe('e-mail', () => {
    const send = (raw: Buffer) => t.http.post('/api/integrations/email/inbound').set('X-API-Key', pbxToken).set('Content-Type', 'message/rfc822').send(raw);

    it('a windows-1251 message lands readable on the client with the sender’s address', async () => {
      const client = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'ООО «Старая почта»', emails: ['buh@staraya.example'] });
      const subject = `=?windows-1251?B?${cp1251('Счёт на витрины').toString('base64')}?=`;
      const raw = Buffer.concat([
        Buffer.from(
          [
            `From: =?windows-1251?B?${cp1251('Бухгалтерия').toString('base64')}?= <BUH@staraya.example>`,
            'To: sales@lider.example',
            `Subject: ${subject}`,
            'Message-ID: <cp1251-test@staraya.example>',
            'Date: Mon, 30 Nov 2026 10:00:00 +0300',
            'MIME-Version: 1.0',
            'Content-Type: text/plain; charset=windows-1251',
            'Content-Transfer-Encoding: 8bit',
            '',
            '',
          ].join('\r\n'),
        ),
        cp1251('Добрый день! Пришлите, пожалуйста, счёт на две витрины «Арктика».\r\n'),
      ]);
      const res = await send(raw);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'attached', clientId: client.body.id, fromAddress: 'buh@staraya.example', fromName: 'Бухгалтерия', subject: 'Счёт на витрины' });
      expect(res.body.text).toBe('Добрый день! Пришлите, пожалуйста, счёт на две витрины «Арктика».');
      const [entry] = await timeline(client.body.id, 'email_received');
      expect(entry.payload).toMatchObject({ subject: 'Счёт на витрины', excerpt: expect.stringContaining('счёт на две витрины') });
      // Delivered twice: stored once.
      expect((await send(raw)).body.id).toBe(res.body.id);
      expect(await timeline(client.body.id, 'email_received')).toHaveLength(1);
    });

    it('an unknown sender waits on the review list until someone attaches it to a client', async () => {
      const raw = Buffer.from(
        ['From: Незнакомец <stranger@nowhere.example>', 'Subject: =?utf-8?B?' + Buffer.from('Вопрос').toString('base64') + '?=', 'Message-ID: <unknown-1@nowhere.example>', 'Content-Type: text/plain; charset=utf-8', '', 'Сколько стоит ларь?'].join('\r\n'),
      );
      const res = await send(raw);
      expect(res.body).toMatchObject({ status: 'review', clientId: null });
      const list = await t.http.get('/api/integrations/email/review').set(bearer(admin));
      expect(list.body.items.map((e: { id: string }) => e.id)).toContain(res.body.id);
      expect((await t.http.get('/api/integrations/email/review').set(bearer(manager1))).status).toBe(403);

      const [target] = await t.sql.query(`SELECT id FROM clients WHERE name = 'ООО «Звонкий»'`);
      const missing = await t.http.post(`/api/integrations/email/${res.body.id}/assign`).set(bearer(admin)).send({ clientId: '00000000-0000-4000-8000-000000000000' });
      expect(missing.status).toBe(400);
      const assigned = await t.http.post(`/api/integrations/email/${res.body.id}/assign`).set(bearer(admin)).send({ clientId: target.id });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({ status: 'attached', clientId: target.id });
      expect((await timeline(target.id, 'email_received'))[0].payload).toMatchObject({ fromAddress: 'stranger@nowhere.example', subject: 'Вопрос' });
      expect((await t.http.get('/api/integrations/email/review').set(bearer(admin))).body.items.map((e: { id: string }) => e.id)).not.toContain(res.body.id);
      expect((await t.http.post(`/api/integrations/email/${res.body.id}/assign`).set(bearer(admin)).send({ clientId: target.id })).status).toBe(422);
      expect((await t.http.post('/api/integrations/email/inbound').set('X-API-Key', pbxToken).set('Content-Type', 'message/rfc822').send(Buffer.from('no headers at all'))).status).toBe(400);
    });
  });

  describe('webhook switched off', () => {
    let receiver: Server;
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    it('every administrator gets a task when a webhook is switched off for good', async () => {
      receiver = createServer((_req, res) => res.writeHead(200).end('ok'));
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const hook = await t.http.post('/api/webhooks').set(bearer(admin)).send({ name: 'Склад', url, events: ['client.created'], allowPrivateNetwork: true });
      expect(hook.status).toBe(201);
      // The address becomes forbidden: the delivery is refused at connect time, which the queue does not retry.
      await t.sql.query(`UPDATE webhooks SET allow_private_network = false WHERE id = $1`, [hook.body.id]);
      await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name: 'ООО «Повод для вебхука»' });
      await t.app.get(WorkQueue).drain({ queues: ['webhooks.deliver'], includeDelayed: true });

      const after = await t.http.get(`/api/webhooks/${hook.body.id}`).set(bearer(admin));
      expect(after.body).toMatchObject({ active: false, disabledReason: expect.any(String) });
      const admins = await t.sql.query(`SELECT id FROM users WHERE role = 'admin' AND is_active`);
      const tasks = await t.sql.query(`SELECT assignee_id, subject, priority FROM tasks WHERE source = 'webhook.disabled'`);
      expect(tasks.map((x: { assignee_id: string }) => x.assignee_id).sort()).toEqual(admins.map((a: { id: string }) => a.id).sort());
      expect(tasks[0]).toMatchObject({ subject: 'Вебхук «Склад» отключён после неудачных доставок', priority: 'high' });
      const mine = await t.http.get('/api/tasks?pageSize=100').set(bearer(admin));
      expect(JSON.stringify(mine.body)).toContain('Вебхук «Склад» отключён');
    });
  });
});
