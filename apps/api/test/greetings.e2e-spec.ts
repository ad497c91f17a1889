import { DataSource } from 'typeorm';
import { JobsService } from '../src/modules/jobs/jobs.service';
import { GreetingsService } from '../src/modules/marketing/greetings/greetings.service';
import { WorkQueue } from '../src/modules/queue';
import { createClient, FRESH_INNS } from './setup/clients';
import { SmtpSink } from './setup/smtp-sink';
import { bearer, FixedClock, TestApp } from './setup/test-app';

/**
 * Greetings with a pinned clock. 14 March 2026 is a Saturday, 16 March the Monday after;
 * 14 March 2027 is a Sunday, 15 March the Monday after.
 */
describe('marketing: greetings', () => {
  const sink = new SmtpSink();
  const clock = new FixedClock('2026-03-10T09:00:00+03:00');
  let t: TestApp;
  let marketing: string;
  let manager1: string;
  const address = { contact: 'ivanov.birthday@greet.test', individual: 'petrova.birthday@greet.test', suppressed: 'gone.birthday@greet.test', other: 'not.today@greet.test' };

  const drain = () => t.app.get(WorkQueue).drain({ includeDelayed: true });
  const occasion = async (code: string) => (await t.http.get('/api/marketing/greetings').set(bearer(marketing))).body.find((o: { code: string }) => o.code === code);
  /** A run of the job for `today` outside the daily slots (an overlapping or repeated run). */
  const runDirectly = (today: string) => {
    const ds = t.app.get(DataSource);
    return t.app.get(GreetingsService).run({ now: new Date(`${today}T09:00:00+03:00`), today, step: (work) => ds.transaction(work) });
  };

  beforeAll(async () => {
    await sink.start();
    t = await TestApp.start({ clock, env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), MAIL_PER_MINUTE: '10000', PUBLIC_URL: 'http://crm.test' } });
    marketing = (await t.login('marketing1@lider.test')).accessToken;
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    const company = await createClient(t, manager1, { name: 'ООО «Поздравляемые»', inn: FRESH_INNS[3] });
    for (const [fullName, email, birthday] of [
      ['Иванов Сергей Петрович', address.contact, '1980-03-14'],
      ['Ушедший Олег Олегович', address.suppressed, '1975-03-14'],
      ['Другой Антон Антонович', address.other, '1975-03-20'],
    ]) {
      const res = await t.http.post(`/api/clients/${company.id}/contacts`).set(bearer(manager1)).send({ fullName, emails: [email], birthday });
      expect(res.status).toBe(201);
    }
    await createClient(t, manager1, { kind: 'individual', name: 'Петрова Анна Викторовна', emails: [address.individual], birthday: '1990-03-14' });
    expect((await t.http.post('/api/marketing/suppressions').set(bearer(marketing)).send({ address: address.suppressed, note: 'Просил не писать' })).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('lists the occasions with templates; checks placeholders, versions and holiday dates', async () => {
    const list = (await t.http.get('/api/marketing/greetings').set(bearer(marketing))).body;
    expect(list.map((o: { code: string }) => o.code)).toEqual(expect.arrayContaining(['birthday', 'new_year', 'defender_day', 'womens_day', 'victory_day']));
    const birthday = await occasion('birthday');
    expect(birthday).toMatchObject({ kind: 'birthday', enabled: false, shiftToWorkingDay: true, purpose: 'information' });

    const bad = await t.http.patch('/api/marketing/greetings/birthday').set(bearer(marketing)).send({ version: birthday.version, bodyHtml: '<p>{{client.birthday}}</p>' });
    expect(bad.status).toBe(422);
    expect(bad.body.details[0].field).toBe('bodyHtml');
    expect((await t.http.patch('/api/marketing/greetings/birthday').set(bearer(marketing)).send({ version: birthday.version + 5, enabled: true })).status).toBe(409);
    expect((await t.http.patch('/api/marketing/greetings/birthday').set(bearer(manager1)).send({ version: birthday.version, enabled: true })).status).toBe(403);
    const on = await t.http.patch('/api/marketing/greetings/birthday').set(bearer(marketing)).send({ version: birthday.version, enabled: true });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, version: birthday.version + 1 });

    const leap = await t.http.post('/api/marketing/greetings').set(bearer(marketing)).send({ name: 'Високосный', month: 2, day: 29, subject: 'x', bodyHtml: 'x', bodyText: 'x' });
    expect(leap.status).toBe(422);
    expect(leap.body.details[0].field).toBe('day');
    const added = await t.http.post('/api/marketing/greetings').set(bearer(marketing)).send({ name: 'День компании', month: 9, day: 1, subject: 'С днём компании!', bodyHtml: '<p>Ура</p>', bodyText: 'Ура' });
    expect(added.status).toBe(201);
    expect((await t.http.delete(`/api/marketing/greetings/${added.body.code}`).set(bearer(marketing))).status).toBe(204);
    expect((await t.http.delete('/api/marketing/greetings/birthday').set(bearer(marketing))).status).toBe(422);
    expect((await t.http.patch('/api/marketing/greetings/no_such').set(bearer(marketing)).send({ version: 1, enabled: true })).status).toBe(404);
  });

  it('greets a Saturday birthday on the Monday after, through the mailing mechanism, honouring the suppression list', async () => {
    clock.at('2026-03-14');
    await t.app.get(JobsService).runSlot('greetings', 'schedule');
    await drain();
    expect(sink.to(address.contact)).toHaveLength(0);

    clock.at('2026-03-16');
    const outcome = await t.app.get(JobsService).runSlot('greetings', 'schedule');
    expect(outcome.status).toBe('succeeded');
    await drain();
    const [mail] = sink.to(address.contact);
    expect(sink.to(address.contact)).toHaveLength(1);
    expect(mail.subject).toBe('С днём рождения, Сергей Петрович!');
    expect(mail.text).toContain('Поздравляем вас с днём рождения');
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // An individual client is their own contact.
    expect(sink.to(address.individual).map((m) => m.subject)).toEqual(['С днём рождения, Анна Викторовна!']);
    expect(sink.to(address.suppressed)).toHaveLength(0);
    expect(sink.to(address.other)).toHaveLength(0);

    // The run is a mailing like any other: its log names the suppressed address.
    const mailings = (await t.http.get('/api/mailings').set(bearer(marketing))).body.items;
    const greeting = mailings.find((m: { name: string }) => m.name === 'Поздравление «День рождения» 16.03.2026');
    expect(greeting).toMatchObject({ status: 'sent', purpose: 'information' });
    const log = (await t.http.get(`/api/mailings/${greeting.id}/deliveries`).query({ q: 'birthday@greet.test' }).set(bearer(marketing))).body.items;
    expect(Object.fromEntries(log.map((d: { address: string; state: string }) => [d.address, d.state]))).toEqual({
      [address.contact]: 'sent',
      [address.individual]: 'sent',
      [address.suppressed]: 'suppressed',
    });
  });

  it('never greets a person twice a year for one occasion, whatever re-runs; again the next year', async () => {
    expect(await runDirectly('2026-03-16')).toMatchObject({ greeted: 0 });
    // Even without the shift rule, on the birthday itself: already greeted this year.
    const birthday = await occasion('birthday');
    await t.http.patch('/api/marketing/greetings/birthday').set(bearer(marketing)).send({ version: birthday.version, shiftToWorkingDay: false });
    expect(await runDirectly('2026-03-14')).toMatchObject({ greeted: 0 });
    await drain();
    expect(sink.to(address.contact)).toHaveLength(1);
    const [{ n }] = await t.sql.query(`SELECT count(*)::int AS n FROM greeting_sends WHERE address = $1`, [address.contact]);
    expect(n).toBe(1);

    // 14 March 2027 is a Sunday: with the shift rule back on, greeted on Monday the 15th.
    const again = await occasion('birthday');
    await t.http.patch('/api/marketing/greetings/birthday').set(bearer(marketing)).send({ version: again.version, shiftToWorkingDay: true });
    expect(await runDirectly('2027-03-14')).toMatchObject({ greeted: 0 });
    clock.at('2027-03-15');
    await t.app.get(JobsService).runSlot('greetings', 'schedule');
    await drain();
    expect(sink.to(address.contact)).toHaveLength(2);
  });

  it('greets everyone not suppressed on a holiday (information: no consent needed), recorded in the job runs', async () => {
    const holiday = await occasion('defender_day');
    await t.http.patch('/api/marketing/greetings/defender_day').set(bearer(marketing)).send({ version: holiday.version, enabled: true });
    expect(await runDirectly('2026-02-22')).toMatchObject({ greeted: 0 });
    const result = await runDirectly('2026-02-23');
    expect(result.greeted).toBeGreaterThan(3);
    const mailings = (await t.http.get('/api/mailings').set(bearer(marketing))).body.items;
    const greeting = mailings.find((m: { name: string }) => m.name === 'Поздравление «День защитника Отечества» 23.02.2026');
    const log = (await t.http.get(`/api/mailings/${greeting.id}/deliveries`).query({ q: '@greet.test', pageSize: 50 }).set(bearer(marketing))).body.items;
    expect(Object.fromEntries(log.map((d: { address: string; state: string }) => [d.address, d.state]))).toEqual({
      [address.contact]: 'queued',
      [address.individual]: 'queued',
      [address.other]: 'queued',
      [address.suppressed]: 'suppressed',
    });
    expect(await runDirectly('2026-02-23')).toMatchObject({ greeted: 0 });

    const runs = (await t.http.get('/api/jobs').set(bearer(await t.login('admin@lider.test').then((s) => s.accessToken)))).body;
    expect(JSON.stringify(runs)).toContain('greetings');
  });
});
