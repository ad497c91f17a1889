import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, notVisible } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DomainError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { defineQueue, WorkQueue, type WorkContext } from '../queue';
import { Audience } from './audience';
import type {
  ConsentDto,
  CreateMailingDto,
  DeliveryCountsDto,
  DeliveryDto,
  DeliveryListQueryDto,
  MailingDto,
  PreviewDto,
  RecordConsentDto,
  SuppressionDto,
  SuppressionListQueryDto,
  TestSentDto,
  UpdateMailingDto,
} from './dto/mailings.dto';
import { MailTransport, smtpFailure } from './mail/mail-transport';
import { checkPlaceholders, type RecipientData, render } from './mail/template';
import { addressOfToken, unsubscribeToken } from './mail/unsubscribe-token';

/** Turns a mailing's queued deliveries into one send item each, a page per transaction. */
export const MAILING_DISPATCH_QUEUE = defineQueue<{ mailingId: string }>('marketing.mailing-dispatch');
/** Sends one delivery (one address of one mailing). Throttled per minute by the queue. */
export const MAIL_SEND_QUEUE = defineQueue<{ deliveryId: string }>('marketing.mail-send');

const DISPATCH_PAGE = 500;

interface MailingRow {
  id: string;
  name: string;
  purpose: MailingDto['purpose'];
  campaign_id: string | null;
  subject: string;
  body_html: string;
  body_text: string;
  segment_ids: string[];
  exclude_segment_ids: string[];
  status: MailingDto['status'];
  started_at: Date | null;
  finished_at: Date | null;
  version: number;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Mailings to segments, sent exactly once per address.
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
export class MailingsService {
  private readonly logger = new Logger(MailingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly audience: Audience,
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

  // ---------- CRUD ----------

  async list(query: { page: number; pageSize: number }): Promise<Page<MailingDto>> {
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM mailings`);
    const rows: MailingRow[] = await this.dataSource.query(`SELECT * FROM mailings ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, [query.pageSize, (query.page - 1) * query.pageSize]);
    const counts = await this.countsOf(this.dataSource.manager, rows.map((r) => r.id));
    return pageOf(
      rows.map((r) => this.map(r, counts.get(r.id))),
      total,
      query,
    );
  }

  async get(id: string, em: EntityManager = this.dataSource.manager): Promise<MailingDto> {
    const row = await this.row(em, id);
    return this.map(row, (await this.countsOf(em, [id])).get(id));
  }

  async create(input: CreateMailingDto, user: AuthenticatedUser): Promise<MailingDto> {
    checkPlaceholders({ subject: input.subject, bodyHtml: input.bodyHtml, bodyText: input.bodyText });
    return this.dataSource.transaction(async (em) => {
      await this.checkRefs(em, input, user);
      const [{ id }] = await em.query(
        `INSERT INTO mailings (name, purpose, campaign_id, subject, body_html, body_text, segment_ids, exclude_segment_ids, created_by, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1) RETURNING id`,
        [input.name, input.purpose, input.campaignId ?? null, input.subject, input.bodyHtml, input.bodyText, input.segmentIds, input.excludeSegmentIds ?? [], user.id],
      );
      await this.audit.record(em, { action: 'create', entityType: 'mailing', entityId: id, after: { name: input.name, purpose: input.purpose, subject: input.subject } });
      return this.get(id, em);
    });
  }

  async update(id: string, input: UpdateMailingDto, user: AuthenticatedUser): Promise<MailingDto> {
    checkPlaceholders({ subject: input.subject, bodyHtml: input.bodyHtml, bodyText: input.bodyText });
    return this.dataSource.transaction(async (em) => {
      const before = await this.row(em, id, true);
      if (before.version !== input.version) throw new StaleVersionError('Mailing', input.version, before.version);
      if (before.status !== 'draft') throw new RuleViolationError('mailing_not_draft', 'Only a draft mailing can be changed', [{ field: 'version', message: `The mailing is ${before.status}` }]);
      await this.checkRefs(em, input, user);
      await em.query(
        `UPDATE mailings SET name = $2, purpose = $3, campaign_id = $4, subject = $5, body_html = $6, body_text = $7, segment_ids = $8, exclude_segment_ids = $9,
                updated_at = now(), version = version + 1 WHERE id = $1`,
        [
          id,
          input.name ?? before.name,
          input.purpose ?? before.purpose,
          input.campaignId === undefined ? before.campaign_id : input.campaignId,
          input.subject ?? before.subject,
          input.bodyHtml ?? before.body_html,
          input.bodyText ?? before.body_text,
          input.segmentIds ?? before.segment_ids,
          input.excludeSegmentIds ?? before.exclude_segment_ids,
        ],
      );
      await this.audit.record(em, {
        action: 'update',
        entityType: 'mailing',
        entityId: id,
        before: { name: before.name, subject: before.subject, purpose: before.purpose },
        after: { name: input.name ?? before.name, subject: input.subject ?? before.subject, purpose: input.purpose ?? before.purpose },
      });
      return this.get(id, em);
    });
  }

  // ---------- preview, test, send, cancel ----------

  async preview(id: string, contactId: string | undefined, user: AuthenticatedUser): Promise<PreviewDto> {
    const mailing = await this.row(this.dataSource.manager, id);
    const recipients = await this.recipientsSql(this.dataSource.manager, mailing, user);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${recipients.sql}) r`, recipients.params);
    const recipient = await this.pickRecipient(mailing, contactId, user);
    const data = recipient ? recipient.data : await this.sampleData(user);
    return {
      contactId: recipient?.contactId ?? null,
      address: recipient?.address ?? null,
      subject: render(mailing.subject, data, false),
      html: render(mailing.body_html, data, true),
      text: render(mailing.body_text, data, false),
      recipientCount: n,
    };
  }

  /** Sends the mail to the user's own address now (not through the queue, no delivery row). */
  async testSend(id: string, contactId: string | undefined, user: AuthenticatedUser): Promise<TestSentDto> {
    const mailing = await this.row(this.dataSource.manager, id);
    const recipient = await this.pickRecipient(mailing, contactId, user);
    const data = recipient ? recipient.data : await this.sampleData(user);
    try {
      const sent = await this.transport.send({
        to: user.email,
        subject: `[Тест] ${render(mailing.subject, data, false)}`,
        html: render(mailing.body_html, data, true),
        text: render(mailing.body_text, data, false),
        headers: this.unsubscribeHeaders(user.email),
      });
      return { to: user.email, smtpResponse: sent.response };
    } catch (e) {
      const failure = smtpFailure(e);
      throw new DomainError(422, 'smtp_failed', `The SMTP server refused the test mail: ${failure.response}`);
    }
  }

  async send(id: string, version: number, user: AuthenticatedUser): Promise<MailingDto> {
    return this.dataSource.transaction(async (em) => {
      const mailing = await this.row(em, id, true);
      if (mailing.version !== version) throw new StaleVersionError('Mailing', version, mailing.version);
      if (mailing.status !== 'draft') throw new RuleViolationError('mailing_not_draft', 'The mailing was already sent', [{ field: 'version', message: `The mailing is ${mailing.status}` }]);
      checkPlaceholders({ subject: mailing.subject, bodyHtml: mailing.body_html, bodyText: mailing.body_text });
      const recipients = await this.recipientsSql(em, mailing, user, 1);
      await em.query(
        `INSERT INTO mail_deliveries (mailing_id, address, client_id, contact_id, state)
         SELECT $1, r.address, r.client_id, r.contact_id,
                CASE WHEN EXISTS (SELECT 1 FROM mail_suppressions s WHERE s.address = r.address) THEN 'suppressed' ELSE 'queued' END
           FROM (${recipients.sql}) r
         ON CONFLICT (mailing_id, address) DO NOTHING`,
        [id, ...recipients.params],
      );
      await em.query(`UPDATE mailings SET status = 'sending', started_at = now(), sent_by = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, user.id]);
      await this.queue.enqueue(em, MAILING_DISPATCH_QUEUE, { mailingId: id }, { key: `mailing:${id}` });
      await this.finishMailing(em, id);
      await this.audit.record(em, { action: 'update', entityType: 'mailing', entityId: id, before: { status: 'draft' }, after: { status: 'sending' } });
      return this.get(id, em);
    });
  }

  async cancel(id: string, version: number, user: AuthenticatedUser): Promise<MailingDto> {
    return this.dataSource.transaction(async (em) => {
      const mailing = await this.row(em, id, true);
      if (mailing.version !== version) throw new StaleVersionError('Mailing', version, mailing.version);
      if (mailing.status !== 'sending' && mailing.status !== 'draft') {
        throw new RuleViolationError('mailing_not_cancellable', 'Only a draft or a mailing being sent can be cancelled', [{ field: 'version', message: `The mailing is ${mailing.status}` }]);
      }
      await em.query(`UPDATE mail_deliveries SET state = 'cancelled', updated_at = now() WHERE mailing_id = $1 AND state = 'queued'`, [id]);
      await em.query(`UPDATE mailings SET status = 'cancelled', finished_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
      await this.audit.record(em, { action: 'update', entityType: 'mailing', entityId: id, before: { status: mailing.status }, after: { status: 'cancelled' }, actorId: user.id });
      return this.get(id, em);
    });
  }

  async deliveries(id: string, query: DeliveryListQueryDto): Promise<Page<DeliveryDto>> {
    await this.row(this.dataSource.manager, id);
    const params: unknown[] = [id];
    const where = ['d.mailing_id = $1'];
    if (query.state) where.push(`d.state = $${params.push(query.state)}`);
    if (query.q) where.push(`d.address ILIKE $${params.push(`%${query.q.replace(/[\\%_]/g, '\\$&')}%`)}`);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM mail_deliveries d WHERE ${where.join(' AND ')}`, params);
    const rows = await this.dataSource.query(
      `SELECT d.id::text, d.address, d.client_id, c.name AS client_name, d.contact_id, x.full_name AS contact_name, d.state, d.attempts, d.smtp_response, d.sent_at
         FROM mail_deliveries d LEFT JOIN clients c ON c.id = d.client_id LEFT JOIN client_contacts x ON x.id = d.contact_id
        WHERE ${where.join(' AND ')} ORDER BY d.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return pageOf(
      rows.map(
        (r: Record<string, unknown>): DeliveryDto => ({
          id: r.id as string,
          address: r.address as string,
          clientId: r.client_id as string | null,
          clientName: r.client_name as string | null,
          contactId: r.contact_id as string | null,
          contactName: r.contact_name as string | null,
          state: r.state as DeliveryDto['state'],
          attempts: r.attempts as number,
          smtpResponse: r.smtp_response as string | null,
          sentAt: iso(r.sent_at as Date | null),
        }),
      ),
      total,
      query,
    );
  }

  // ---------- the queue handlers ----------

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
        `SELECT d.id::text, d.mailing_id, d.address, d.contact_id, d.state, m.status AS mailing_status, m.subject, m.body_html, m.body_text
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
      const data = await this.recipientData(em, d.contact_id, d.address);
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
  private async finishMailing(em: EntityManager, mailingId: string): Promise<void> {
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

  // ---------- unsubscribe, suppression, consent ----------

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

  private tokenAddress(token: string): string {
    const address = addressOfToken(token, this.config.jwt.accessSecret);
    if (!address) throw new DomainError(404, 'not_found', 'Unsubscribe link not valid', [{ field: 'token', message: 'The link is broken or forged' }]);
    return address;
  }

  async unsubscribeStatus(token: string): Promise<{ address: string; unsubscribed: boolean }> {
    const address = this.tokenAddress(token);
    const [row] = await this.dataSource.query(`SELECT 1 FROM mail_suppressions WHERE address = $1`, [address]);
    return { address: maskAddress(address), unsubscribed: !!row };
  }

  async unsubscribe(token: string): Promise<{ address: string; unsubscribed: boolean }> {
    const address = this.tokenAddress(token);
    await this.dataSource.transaction(async (em) => {
      const rows = await em.query(`INSERT INTO mail_suppressions (address, reason, note) VALUES ($1, 'unsubscribed', 'Отписка по ссылке из письма') ON CONFLICT (address) DO NOTHING RETURNING address`, [address]);
      if (rows.length) await this.audit.record(em, { action: 'create', entityType: 'mail_suppression', entityId: address, after: { reason: 'unsubscribed' }, actorId: null });
    });
    return { address: maskAddress(address), unsubscribed: true };
  }

  async suppressions(query: SuppressionListQueryDto): Promise<Page<SuppressionDto>> {
    const params: unknown[] = [];
    const where = query.q ? `WHERE address ILIKE $${params.push(`%${query.q.replace(/[\\%_]/g, '\\$&')}%`)}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM mail_suppressions ${where}`, params);
    const rows = await this.dataSource.query(`SELECT * FROM mail_suppressions ${where} ORDER BY created_at DESC, address LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
      ...params,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    ]);
    return pageOf(
      rows.map((r: Record<string, unknown>) => ({ address: r.address as string, reason: r.reason as SuppressionDto['reason'], note: r.note as string | null, createdAt: iso(r.created_at as Date)! })),
      total,
      query,
    );
  }

  async suppress(address: string, note: string | null, user: AuthenticatedUser): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(`INSERT INTO mail_suppressions (address, reason, note, created_by) VALUES ($1, 'manual', $2, $3) ON CONFLICT (address) DO NOTHING`, [address.toLowerCase(), note, user.id]);
      await this.audit.record(em, { action: 'create', entityType: 'mail_suppression', entityId: address.toLowerCase(), after: { reason: 'manual', note } });
    });
  }

  async unsuppress(address: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const rows = await em.query(`DELETE FROM mail_suppressions WHERE address = $1 RETURNING address, reason`, [address.toLowerCase()]);
      if (!rows.length) throw new DomainError(404, 'not_found', 'Address not on the suppression list', [{ field: 'address', message: 'Not suppressed' }]);
      await this.audit.record(em, { action: 'delete', entityType: 'mail_suppression', entityId: address.toLowerCase(), before: { reason: rows[0].reason } });
    });
  }

  async consents(clientId: string, contactId: string, user: AuthenticatedUser): Promise<ConsentDto[]> {
    await this.requireContact(clientId, contactId, user, 'see');
    const rows = await this.dataSource.query(
      `SELECT cc.id::text, cc.contact_id, cc.channel, cc.granted, cc.occurred_at, cc.method, u.full_name AS recorded_by_name, cc.recorded_at
         FROM contact_consents cc LEFT JOIN users u ON u.id = cc.recorded_by WHERE cc.contact_id = $1 ORDER BY cc.occurred_at DESC, cc.id DESC`,
      [contactId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id as string,
      contactId: r.contact_id as string,
      channel: r.channel as ConsentDto['channel'],
      granted: r.granted as boolean,
      occurredAt: iso(r.occurred_at as Date)!,
      method: r.method as string,
      recordedByName: r.recorded_by_name as string | null,
      recordedAt: iso(r.recorded_at as Date)!,
    }));
  }

  async recordConsent(clientId: string, contactId: string, input: RecordConsentDto, user: AuthenticatedUser): Promise<ConsentDto[]> {
    await this.requireContact(clientId, contactId, user, 'change');
    await this.dataSource.transaction(async (em) => {
      await em.query(`INSERT INTO contact_consents (contact_id, channel, granted, occurred_at, method, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
        contactId,
        input.channel,
        input.granted,
        input.occurredAt,
        input.method,
        user.id,
      ]);
      await this.audit.record(em, { action: 'create', entityType: 'contact_consent', entityId: contactId, after: { ...input } });
    });
    return this.consents(clientId, contactId, user);
  }

  private async requireContact(clientId: string, contactId: string, user: AuthenticatedUser, action: 'see' | 'change'): Promise<void> {
    const facts = await this.access.require(user, 'contact', contactId, action);
    if (facts.clientId && facts.clientId !== clientId) throw notVisible('contact');
  }

  // ---------- helpers ----------

  /**
   * `SELECT address, client_id, contact_id` of everyone the mailing would reach now: the
   * contacts with an e-mail of the active clients in its segments (the sender's scope),
   * one row per address; advertising needs the contact's latest e-mail consent to be yes.
   * Suppressed addresses are included (they get a `suppressed` row, so the log says why).
   */
  private async recipientsSql(em: EntityManager, m: MailingRow, user: AuthenticatedUser, offset = 0): Promise<{ sql: string; params: unknown[] }> {
    const members = await this.audience.segmentsSql(em, user, m.segment_ids, m.exclude_segment_ids, offset, 'segmentIds');
    const consent =
      m.purpose === 'advertising'
        ? `AND (SELECT cc.granted FROM contact_consents cc WHERE cc.contact_id = x.id AND cc.channel = 'email' ORDER BY cc.occurred_at DESC, cc.id DESC LIMIT 1) IS TRUE`
        : '';
    return {
      sql: `SELECT DISTINCT ON (lower(x.emails[1])) lower(x.emails[1]) AS address, x.client_id, x.id AS contact_id
              FROM client_contacts x JOIN (${members.sql}) seg ON seg.id = x.client_id
             WHERE cardinality(x.emails) > 0 ${consent}
             ORDER BY lower(x.emails[1]), x.is_primary DESC, x.id`,
      params: members.params,
    };
  }

  private async pickRecipient(m: MailingRow, contactId: string | undefined, user: AuthenticatedUser): Promise<{ contactId: string; address: string; data: RecipientData } | null> {
    const em = this.dataSource.manager;
    if (contactId) {
      await this.access.require(user, 'contact', contactId, 'see', { field: 'contactId' });
      const [c] = await em.query(`SELECT lower(emails[1]) AS address FROM client_contacts WHERE id = $1`, [contactId]);
      const address = c?.address ?? user.email;
      return { contactId, address, data: await this.recipientData(em, contactId, address) };
    }
    const recipients = await this.recipientsSql(em, m, user);
    const [first] = await em.query(`SELECT * FROM (${recipients.sql}) r LIMIT 1`, recipients.params);
    if (!first) return null;
    return { contactId: first.contact_id, address: first.address, data: await this.recipientData(em, first.contact_id, first.address) };
  }

  private async recipientData(em: EntityManager, contactId: string, address: string): Promise<RecipientData> {
    const [r] = await em.query(
      `SELECT x.full_name, x.position, c.name AS client_name, c.city, u.full_name AS manager_name, u.email AS manager_email, u.phone AS manager_phone
         FROM client_contacts x JOIN clients c ON c.id = x.client_id JOIN users u ON u.id = c.manager_id WHERE x.id = $1`,
      [contactId],
    );
    return {
      client: { name: r?.client_name ?? '', city: r?.city ?? null },
      contact: { fullName: r?.full_name ?? '', position: r?.position ?? null },
      manager: { name: r?.manager_name ?? '', email: r?.manager_email ?? '', phone: r?.manager_phone ?? null },
      unsubscribeUrl: this.unsubscribeUrl(address),
    };
  }

  /** Placeholder values for a preview when the mailing has no recipient yet. */
  private async sampleData(user: AuthenticatedUser): Promise<RecipientData> {
    return {
      client: { name: 'ООО «Пример»', city: 'Москва' },
      contact: { fullName: 'Иванов Иван Иванович', position: 'Директор' },
      manager: { name: user.fullName, email: user.email, phone: null },
      unsubscribeUrl: this.unsubscribeUrl(user.email),
    };
  }

  private async row(em: EntityManager, id: string, lock = false): Promise<MailingRow> {
    const [row] = await em.query(`SELECT * FROM mailings WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw notVisible('mailing');
    return row;
  }

  private async checkRefs(em: EntityManager, input: CreateMailingDto | UpdateMailingDto, user: AuthenticatedUser): Promise<void> {
    if (input.campaignId) {
      const [c] = await em.query(`SELECT 1 FROM campaigns WHERE id = $1`, [input.campaignId]);
      if (!c) throw notVisible('campaign', 'campaignId');
    }
    if (input.segmentIds || input.excludeSegmentIds) await this.audience.segmentsSql(em, user, input.segmentIds ?? [], input.excludeSegmentIds ?? [], 0, 'segmentIds');
  }

  private async countsOf(em: EntityManager, ids: string[]): Promise<Map<string, DeliveryCountsDto>> {
    const map = new Map<string, DeliveryCountsDto>();
    if (!ids.length) return map;
    const rows = await em.query(`SELECT mailing_id, state, count(*)::int AS n FROM mail_deliveries WHERE mailing_id = ANY($1::uuid[]) GROUP BY mailing_id, state`, [ids]);
    for (const r of rows) {
      const c = map.get(r.mailing_id) ?? emptyCounts();
      c[r.state as keyof Omit<DeliveryCountsDto, 'total'>] = r.n;
      c.total += r.n;
      map.set(r.mailing_id, c);
    }
    return map;
  }

  private map(r: MailingRow, counts: DeliveryCountsDto | undefined): MailingDto {
    return {
      id: r.id,
      name: r.name,
      purpose: r.purpose,
      campaignId: r.campaign_id,
      subject: r.subject,
      bodyHtml: r.body_html,
      bodyText: r.body_text,
      segmentIds: r.segment_ids,
      excludeSegmentIds: r.exclude_segment_ids,
      status: r.status,
      startedAt: iso(r.started_at),
      finishedAt: iso(r.finished_at),
      counts: counts ?? emptyCounts(),
      version: r.version,
    };
  }
}

const emptyCounts = (): DeliveryCountsDto => ({ total: 0, queued: 0, sending: 0, sent: 0, failed: 0, bounced: 0, suppressed: 0, cancelled: 0 });

/** `iv***@example.ru`: enough for the owner to recognise, little for anyone else. */
function maskAddress(address: string): string {
  const [local, domain] = address.split('@');
  return `${local.slice(0, 2)}***@${domain ?? ''}`;
}
