import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, notVisible } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DomainError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { AuditService } from '../audit/audit.service';
import { Audience } from './audience';
import type {
  CreateMailingDto,
  DeliveryCountsDto,
  DeliveryDto,
  DeliveryListQueryDto,
  MailingDto,
  PreviewDto,
  TestSentDto,
  UpdateMailingDto,
} from './dto/mailings.dto';
import { MailTransport, smtpFailure } from './mail/mail-transport';
import { checkPlaceholders, type RecipientData, render } from './mail/template';
import { hasEmailConsent, MailDelivery } from './mail-delivery.service';

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
 * Mailings to segments: drafts, preview, test send, sending (handed to MailDelivery),
 * cancelling, the delivery log. How a mail is delivered exactly once: see MailDelivery.
 */
@Injectable()
export class MailingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly audience: Audience,
    private readonly delivery: MailDelivery,
    private readonly transport: MailTransport,
  ) {}

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
        headers: this.delivery.unsubscribeHeaders(user.email),
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
      await em.query(`UPDATE mailings SET status = 'sending', started_at = now(), sent_by = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [id, user.id]);
      await this.delivery.queueDeliveries(em, id, await this.recipientsSql(em, mailing, user, 1));
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
        ? `AND ${hasEmailConsent('x.id')}`
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
      return { contactId, address, data: await this.delivery.recipientData(em, null, contactId, address) };
    }
    const recipients = await this.recipientsSql(em, m, user);
    const [first] = await em.query(`SELECT * FROM (${recipients.sql}) r LIMIT 1`, recipients.params);
    if (!first) return null;
    return { contactId: first.contact_id, address: first.address, data: await this.delivery.recipientData(em, first.client_id, first.contact_id, first.address) };
  }

  /** Placeholder values for a preview when the mailing has no recipient yet. */
  private async sampleData(user: AuthenticatedUser): Promise<RecipientData> {
    return {
      client: { name: 'ООО «Пример»', city: 'Москва' },
      contact: { fullName: 'Иванов Иван Иванович', position: 'Директор' },
      manager: { name: user.fullName, email: user.email, phone: null },
      unsubscribeUrl: this.delivery.unsubscribeUrl(user.email),
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

