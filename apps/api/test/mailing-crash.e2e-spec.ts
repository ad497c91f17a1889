import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ChildApi } from './setup/child-api-process';
import { SmtpSink } from './setup/smtp-sink';
import { cloneTemplateDatabase, type TestDatabase } from './setup/test-app';

const RECIPIENTS = 40;
const INTERRUPTED = 'Interrupted while sending (instance stopped); not sent again so that the address never gets the mail twice';

/**
 * A real API process sending a mailing through the work queue is killed with SIGKILL
 * in the middle (no shutdown hooks, queue items left leased, deliveries left 'sending'),
 * and a new process takes over. The SMTP sink counts what arrives per address.
 */
describe('mailing: an API process killed mid-sending and restarted', () => {
  const sink = new SmtpSink();
  let db: TestDatabase;
  let sql: DataSource;
  const children: ChildApi[] = [];
  let mailingId: string;

  beforeAll(async () => {
    await sink.start();
    // Slow enough that the kill lands while mails are being handed over.
    sink.delayMs = 150;
    db = await cloneTemplateDatabase();
    sql = await new DataSource(dataSourceOptions({ ...db.target, poolMax: 1 })).initialize();
    const [client] = await sql.query(`SELECT id FROM clients WHERE archived_at IS NULL ORDER BY name LIMIT 1`);
    [{ id: mailingId }] = await sql.query(
      `INSERT INTO mailings (name, purpose, subject, body_html, body_text, status, started_at, version)
       VALUES ('Аварийная рассылка', 'information', 'Новости «Лидера»', '<p>Здравствуйте!</p>', 'Здравствуйте!', 'sending', now(), 1) RETURNING id`,
    );
    await sql.query(
      `INSERT INTO mail_deliveries (mailing_id, address, client_id, state)
       SELECT $1, 'crash' || g || '@sink.test', $2, 'queued' FROM generate_series(1, $3::int) g`,
      [mailingId, client.id, RECIPIENTS],
    );
    // What MailingsService.send leaves behind: the dispatch item of the work queue.
    await sql.query(`INSERT INTO queue_items (queue, payload, idempotency_key, max_attempts) VALUES ('marketing.mailing-dispatch', $1, $2, 10)`, [
      JSON.stringify({ mailingId }),
      `mailing:${mailingId}`,
    ]);
  });
  afterAll(async () => {
    for (const child of children) await child.kill();
    await sql.destroy();
    await db.close();
    await sink.stop();
  });

  it('sends every address at most once, and every address not caught inside the killed SMTP conversation exactly once', async () => {
    const env = {
      QUEUE_ENABLED: 'true',
      QUEUE_POLL_MS: '100',
      QUEUE_LEASE_SECONDS: '2',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      MAIL_PER_MINUTE: '100000',
      PUBLIC_URL: 'http://crm.test',
    };
    const first = ChildApi.start(db.target, env);
    children.push(first);
    await first.waitFor(/ready \d+/);
    const deadline = Date.now() + 60_000;
    while (sink.received.length < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await first.kill('SIGKILL');
    const beforeRestart = sink.received.length;
    expect(beforeRestart).toBeGreaterThanOrEqual(8);
    expect(beforeRestart).toBeLessThan(RECIPIENTS);

    const second = ChildApi.start(db.target, env);
    children.push(second);
    await second.waitFor(/ready \d+/);
    const status = async () => (await sql.query(`SELECT status FROM mailings WHERE id = $1`, [mailingId]))[0].status;
    const until = Date.now() + 90_000;
    while ((await status()) !== 'sent' && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    expect(await status()).toBe('sent');

    const perAddress = new Map<string, number>();
    for (const m of sink.received) perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
    // Never twice, whatever the crash.
    expect([...perAddress.values()].filter((n) => n > 1)).toEqual([]);
    const rows: Array<{ address: string; state: string; smtp_response: string | null }> = await sql.query(
      `SELECT address, state, smtp_response FROM mail_deliveries WHERE mailing_id = $1 ORDER BY id`,
      [mailingId],
    );
    const interrupted = rows.filter((r) => r.state === 'failed');
    // At most the mails in flight at the kill (two SMTP connections), each said so in the log.
    expect(interrupted.length).toBeLessThanOrEqual(2);
    for (const r of interrupted) expect(r.smtp_response).toBe(INTERRUPTED);
    // Everything else was sent exactly once, and its row says so.
    const others = rows.filter((r) => r.state !== 'failed');
    expect(others.every((r) => r.state === 'sent')).toBe(true);
    expect(others.map((r) => perAddress.get(r.address) ?? 0)).toEqual(Array(others.length).fill(1));
    expect(others.length + interrupted.length).toBe(RECIPIENTS);
  });
});
