import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { defineQueue, WorkQueue, type WorkContext } from '../queue';
import { MailTransport, smtpFailure } from './mail/mail-transport';
import { type RecipientData, render } from './mail/template';
import { unsubscribeToken } from './mail/unsubscribe-token';

/** Turns a mailing's queued deliveries into one send item each, a page per transaction. */
export const MAILING_DISPATCH_QUEUE = defineQueue<{ mailingId: string }>('marketing.mailing-dispatch');
/** Sends one delivery (one address of one mailing). Throttled per minute by the queue. */
export const MAIL_SEND_QUEUE = defineQueue<{ deliveryId: string }>('marketing.mail-send');

const DISPATCH_PAGE = 500;

/** `SELECT address, client_id, contact_id` of the people a mailing goes to, with its parameters. */
export interface RecipientsSql {
  sql: string;
  params: unknown[];
}

/**
 * SQL condition: the contact `contactId` (an SQL expression) has given e-mail consent —
 * their latest e-mail consent record is a yes. Advertising mail goes only to them.
 */
export const hasEmailConsent = (contactId: string) =>
  `(SELECT cc.granted FROM contact_consents cc WHERE cc.contact_id = ${contactId} AND cc.channel = 'email' ORDER BY cc.occurred_at DESC, cc.id DESC LIMIT 1) IS TRUE`;

/**
 * The delivery of mailings (user mailings and greetings alike), exactly once per address.
 *
 * - Sending inserts one `mail_deliveries` row per address (unique (mailing, address)):
 *   `queued`, or `suppressed` for an address on the suppression list. Advertising
 *   mailings take only contacts whose latest e-mail consent is a yes.
 * - A dispatch item of the work queue turns the queued rows into one send item each
 *   (idempotency key = the delivery); the send queue is throttled per minute
 *   (MAIL_PER_MINUTE) across instances.
 * - A send item marks its row `sending` and commits before talking to SMTP, then
 *   `sent` with the server's answer. A temporary failure (4xx, network) puts the row
 *   back to `queued` and the queue retries with backoff; when the attempts run out it is
 *   `failed` with the last answer. A permanent one (5xx) is `bounced` and the address
 *   goes on the suppression list.
 * - A row found in `sending` by a later attempt was interrupted mid-SMTP (the instance
 *   died): whether the server took the mail is unknown, so it is NOT sent again — it is
 *   `failed` with that explanation. A restart therefore resumes with the rest and never
 *   sends an address twice; the price is that a crash inside one SMTP conversation may
 *   lose that one mail, visibly.
 * - Cancelling marks the queued rows `cancelled`; their items then do nothing.
 */
@Injectable()
export class MailDelivery {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: WorkQueue,
    private readonly transport: MailTransport,
  ) {}

  /** Registers the two queues (called once at start-up by the module). */
  registerQueues(): void {
    this.queue.register(MAILING_DISPATCH_QUEUE, (p, ctx) => this.dispatch(p.mailingId, ctx), { maxAttempts: 10 });
    this.queue.register(MAIL_SEND_QUEUE, (p, ctx) => this.sendOne(p.deliveryId, ctx), {
      perMinute: this.config.mail.perMinute,
      concurrency: 2,
      maxAttempts: 5,
      backoffSeconds: 30,
      onDead: async (em, item) => {
        await em.query(`UPDATE mail_deliveries SET state = 'failed', smtp_response = $2, updated_at = now() WHERE id = $1 AND state IN ('queued', 'sending')`, [
          item.payload.deliveryId,
          item.error,
        ]);
        await this.finishIfDone(em, item.payload.deliveryId);
      },
    });
  }

  /**
   * Starts delivering a mailing, in the caller's transaction: one delivery row per
   * address of `recipients` (`queued`, or `suppressed` for a suppressed address; a second
   * row for an address already there is dropped by the (mailing, address) key), the
   * dispatch item, and the mailing closed at once if nobody is left to send to.
   * The recipients' parameters are numbered from $2 ($1 is the mailing).
   */
  async queueDeliveries(em: EntityManager, mailingId: string, recipients: RecipientsSql): Promise<void> {
    await em.query(
      `INSERT INTO mail_deliveries (mailing_id, address, client_id, contact_id, state)
       SELECT $1, r.address, r.client_id, r.contact_id,
              CASE WHEN EXISTS (SELECT 1 FROM mail_suppressions s WHERE s.address = r.address) THEN 'suppressed' ELSE 'queued' END
         FROM (${recipients.sql}) r
       ON CONFLICT (mailing_id, address) DO NOTHING`,
      [mailingId, ...recipients.params],
    );
    await this.queue.enqueue(em, MAILING_DISPATCH_QUEUE, { mailingId }, { key: `mailing:${mailingId}` });
    await this.finishMailing(em, mailingId);
  }

  private async dispatch(mailingId: string, ctx: WorkContext): Promise<{ enqueued: number }> {
    let after = '0';
    let enqueued = 0;
    for (;;) {
      const page: string[] = await ctx.transaction(async (em) => {
        const rows: Array<{ id: string }> = await em.query(
          `SELECT d.id::text FROM mail_deliveries d JOIN mailings m ON m.id = d.mailing_id
            WHERE d.mailing_id = $1 AND d.state = 'queued' AND m.status = 'sending' AND d.id > $2 ORDER BY d.id LIMIT $3`,
          [mailingId, after, DISPATCH_PAGE],
        );
        for (const r of rows) await this.queue.enqueue(em, MAIL_SEND_QUEUE, { deliveryId: r.id }, { key: `delivery:${r.id}` });
        return rows.map((r) => r.id);
      });
      enqueued += page.length;
      if (page.length < DISPATCH_PAGE) return { enqueued };
      after = page[page.length - 1];
      await ctx.progress({ done: enqueued, total: enqueued + DISPATCH_PAGE, phase: 'dispatching' });
    }
  }

  private async sendOne(deliveryId: string, ctx: WorkContext): Promise<{ state: string }> {
    const claimed = await ctx.transaction(async (em) => {
      const [d] = await em.query(
        `SELECT d.id::text, d.mailing_id, d.address, d.client_id, d.contact_id, d.state, m.status AS mailing_status, m.subject, m.body_html, m.body_text
           FROM mail_deliveries d JOIN mailings m ON m.id = d.mailing_id WHERE d.id = $1 FOR UPDATE OF d`,
        [deliveryId],
      );
      if (!d) return { skip: 'gone' };
      if (d.state === 'sending') {
        // A previous attempt died inside the SMTP conversation: the mail may have left.
        await em.query(
          `UPDATE mail_deliveries SET state = 'failed', smtp_response = $2, updated_at = now() WHERE id = $1`,
          [deliveryId, 'Interrupted while sending (instance stopped); not sent again so that the address never gets the mail twice'],
        );
        await this.finishMailing(em, d.mailing_id);
        return { skip: 'interrupted' };
      }
      if (d.state !== 'queued') return { skip: d.state };
      if (d.mailing_status === 'cancelled') {
        await em.query(`UPDATE mail_deliveries SET state = 'cancelled', updated_at = now() WHERE id = $1`, [deliveryId]);
        return { skip: 'cancelled' };
      }
      // Unsubscribed or bounced since the mailing started: honoured until the last moment.
      const [suppressed] = await em.query(`SELECT 1 FROM mail_suppressions WHERE address = $1`, [d.address]);
      if (suppressed) {
        await em.query(`UPDATE mail_deliveries SET state = 'suppressed', updated_at = now() WHERE id = $1`, [deliveryId]);
        await this.finishMailing(em, d.mailing_id);
        return { skip: 'suppressed' };
      }
      const data = await this.recipientData(em, d.client_id, d.contact_id, d.address);
      await em.query(`UPDATE mail_deliveries SET state = 'sending', attempts = attempts + 1, message_id = $2, updated_at = now() WHERE id = $1`, [
        deliveryId,
        `<mailing-${d.mailing_id}-${deliveryId}@polar.crm>`,
      ]);
      return {
        mail: {
          to: d.address as string,
          subject: render(d.subject, data, false),
          html: render(d.body_html, data, true),
          text: render(d.body_text, data, false),
          messageId: `<mailing-${d.mailing_id}-${deliveryId}@polar.crm>`,
          headers: this.unsubscribeHeaders(d.address),
        },
        mailingId: d.mailing_id as string,
      };
    });
    if ('skip' in claimed) return { state: claimed.skip ?? 'skipped' };
    try {
      const sent = await this.transport.send(claimed.mail);
      await ctx.transaction(async (em) => {
        await em.query(`UPDATE mail_deliveries SET state = 'sent', sent_at = now(), smtp_response = $2, updated_at = now() WHERE id = $1`, [deliveryId, sent.response.slice(0, 2000)]);
        await this.finishMailing(em, claimed.mailingId);
      });
      return { state: 'sent' };
    } catch (error) {
      const failure = smtpFailure(error);
      if (failure.code !== null && failure.code >= 500) {
        await ctx.transaction(async (em) => {
          await em.query(`UPDATE mail_deliveries SET state = 'bounced', smtp_response = $2, updated_at = now() WHERE id = $1`, [deliveryId, failure.response]);
          await em.query(`INSERT INTO mail_suppressions (address, reason, note, mailing_id) VALUES ($1, 'bounced', $2, $3) ON CONFLICT (address) DO NOTHING`, [
            claimed.mail.to,
            failure.response,
            claimed.mailingId,
          ]);
          await this.finishMailing(em, claimed.mailingId);
        });
        return { state: 'bounced' };
      }
      // Temporary: back to queued with the answer; the queue retries with backoff.
      await ctx.transaction((em) => em.query(`UPDATE mail_deliveries SET state = 'queued', smtp_response = $2, updated_at = now() WHERE id = $1`, [deliveryId, failure.response]));
      throw new Error(`SMTP: ${failure.response}`);
    }
  }

  private async finishIfDone(em: EntityManager, deliveryId: string): Promise<void> {
    const [d] = await em.query(`SELECT mailing_id FROM mail_deliveries WHERE id = $1`, [deliveryId]);
    if (d) await this.finishMailing(em, d.mailing_id);
  }

  /** The mailing is sent once no address is left to try. */
  async finishMailing(em: EntityManager, mailingId: string): Promise<void> {
    // Two last deliveries finishing at once (concurrency 2) would each still see the
    // other's row in flight and neither would close the mailing. Taking the mailing's row
    // lock first serialises them: whoever comes second re-reads after the first commits.
    await em.query(`SELECT 1 FROM mailings WHERE id = $1 FOR UPDATE`, [mailingId]);
    await em.query(
      `UPDATE mailings SET status = 'sent', finished_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1 AND status = 'sending' AND NOT EXISTS (SELECT 1 FROM mail_deliveries WHERE mailing_id = $1 AND state IN ('queued', 'sending'))`,
      [mailingId],
    );
  }

  unsubscribeHeaders(address: string): Record<string, string> {
    const token = unsubscribeToken(address, this.config.jwt.accessSecret);
    return {
      'List-Unsubscribe': `<${this.config.mail.publicUrl}/api/unsubscribe?token=${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }

  unsubscribeUrl(address: string): string {
    return `${this.config.mail.publicUrl}/unsubscribe?token=${unsubscribeToken(address, this.config.jwt.accessSecret)}`;
  }

  /**
   * What the placeholders show for one recipient: a contact of a client, or (no contact)
   * an individual client, who is then their own "contact".
   */
  async recipientData(em: EntityManager, clientId: string | null, contactId: string | null, address: string): Promise<RecipientData> {
    const [r] = await em.query(
      `SELECT coalesce(x.full_name, c.name) AS full_name, x.position, c.name AS client_name, c.city, u.full_name AS manager_name, u.email AS manager_email, u.phone AS manager_phone
         FROM clients c LEFT JOIN client_contacts x ON x.id = $1 JOIN users u ON u.id = c.manager_id
        WHERE c.id = coalesce((SELECT client_id FROM client_contacts WHERE id = $1), $2)`,
      [contactId, clientId],
    );
    return {
      client: { name: r?.client_name ?? '', city: r?.city ?? null },
      contact: { fullName: r?.full_name ?? '', position: r?.position ?? null },
      manager: { name: r?.manager_name ?? '', email: r?.manager_email ?? '', phone: r?.manager_phone ?? null },
      unsubscribeUrl: this.unsubscribeUrl(address),
    };
  }
}
