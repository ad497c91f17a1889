import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addWorkingMinutes } from '@polar/business-time';
import { formatPhone, normalizePhone } from '@polar/ru-ids';
import { simpleParser } from 'mailparser';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../../common/context/clock';
import { DomainError, NotFoundError, RuleViolationError, ValidationFailedError } from '../../../common/errors/domain-error';
import { EventBus } from '../../../common/events';
import { type Page, pageOf } from '../../../common/pagination/page.dto';
import { findResponsibleManagers } from '../../../common/scope/responsible-managers';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { ClientsDirectory } from '../../clients/clients-directory';
import { DealsService } from '../../funnel/deals.service';
import { PlanningPort } from '../../planning/planning-port';
import { ReferenceDirectory } from '../../reference/reference-directory';
import { RateLimiter, rateLimitHeaders } from '../rate-limiter';
import type { CallDto, CallEventDto, InboundEmailDto, InboundSettingsDto, PublicLeadDto, ReviewQueryDto, UpdateInboundSettingsDto } from './inbound.dto';
import { InboundCall, InboundEmail } from './inbound.entity';

/** A call as every adapter hands it over (the generic payload and Mango Office alike). */
export interface CallEvent {
  provider: 'generic' | 'mango';
  externalId: string;
  direction: 'incoming' | 'outgoing';
  missed: boolean;
  clientPhone: string;
  startedAt: Date;
  durationSeconds: number;
  recordingUrl: string | null;
}

/** What a lead looks like to the code that turns it into client, deal and task. */
interface Lead {
  source: 'website' | 'call';
  contactName: string;
  clientName: string;
  phone: string | null;
  email: string | null;
  inn: string | null;
  city: string | null;
  message: string | null;
}

/** How long a new lead or a missed call may wait for the manager: working minutes (Moscow calendar). */
const ANSWER_WITHIN_MINUTES = 30;
const EMAIL_TEXT_LIMIT = 100_000;

/**
 * The inbound channels: the website lead form, call events from the telephony and raw
 * e-mails. Clients are found and created through ClientsDirectory (the client base's
 * duplicate rules), deals through DealsService, tasks through PlanningPort; the client
 * timeline hears of leads, calls and e-mails from the domain events published here.
 */
@Injectable()
export class InboundService {
  private readonly leadLimiter = new RateLimiter();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clients: ClientsDirectory,
    private readonly deals: DealsService,
    private readonly planning: PlanningPort,
    private readonly reference: ReferenceDirectory,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- settings

  async settings(em: EntityManager = this.dataSource.manager): Promise<InboundSettingsDto> {
    const [row]: Array<{ site_key: string | null; duty: string[]; cursor: number; lead_channel_id: string | null }> = await em.query(
      `SELECT site_key, duty_manager_ids::text[] AS duty, round_robin_cursor AS cursor, lead_channel_id FROM inbound_settings WHERE id = 1`,
    );
    const people = new Map((await findResponsibleManagers(em, row.duty)).map((m) => [m.id, m.fullName]));
    const duty = row.duty.filter((id) => people.has(id));
    return {
      siteKey: row.site_key,
      dutyManagers: duty.map((id) => ({ id, fullName: people.get(id)! })),
      leadChannelId: row.lead_channel_id,
      nextManagerIndex: duty.length ? row.cursor % duty.length : 0,
    };
  }

  async updateSettings(dto: UpdateInboundSettingsDto): Promise<InboundSettingsDto> {
    return this.dataSource.transaction(async (em) => {
      if (dto.dutyManagerIds !== undefined) {
        const found = new Set((await findResponsibleManagers(em, dto.dutyManagerIds)).map((m) => m.id));
        const wrong = dto.dutyManagerIds.filter((id) => !found.has(id));
        if (wrong.length) throw new ValidationFailedError([{ field: 'dutyManagerIds', message: `not active sales managers: ${wrong.join(', ')}` }]);
      }
      if (dto.leadChannelId && !(await this.reference.activeItemName(em, 'acquisition_channel', dto.leadChannelId))) {
        throw new ValidationFailedError([{ field: 'leadChannelId', message: 'not an active acquisition channel' }]);
      }
      await em.query(
        `UPDATE inbound_settings SET
           site_key = CASE WHEN $1 THEN $2 ELSE site_key END,
           duty_manager_ids = coalesce($3::uuid[], duty_manager_ids),
           round_robin_cursor = CASE WHEN $3::uuid[] IS NULL THEN round_robin_cursor ELSE 0 END,
           lead_channel_id = CASE WHEN $4 THEN $5::uuid ELSE lead_channel_id END,
           updated_at = now()
         WHERE id = 1`,
        [dto.siteKey !== undefined, dto.siteKey ?? null, dto.dutyManagerIds ?? null, dto.leadChannelId !== undefined, dto.leadChannelId ?? null],
      );
      return this.settings(em);
    });
  }

  // ---------------------------------------------------------------- website form

  /** A post of the website form: spam checks first, then client + deal + task in one transaction. */
  async submitLead(dto: PublicLeadDto, ip: string, setHeader: (name: string, value: string) => void): Promise<void> {
    const perMinute = this.config.integrations.leadsPerMinutePerIp;
    const decision = this.leadLimiter.take(`lead:${ip}`, perMinute / 60, perMinute);
    for (const [name, value] of Object.entries(rateLimitHeaders(decision))) setHeader(name, value);
    if (!decision.allowed) {
      throw new DomainError(429, 'rate_limited', `Too many forms from this address; retry in ${decision.retryAfterSeconds} s`, undefined, { retryAfterSeconds: decision.retryAfterSeconds });
    }
    // People do not see the honeypot field; only a bot fills it in.
    if (dto.website) throw new RuleViolationError('spam_refused', 'The form was refused as spam', [{ field: 'website', message: 'must be empty' }]);
    const phone = dto.phone ? normalizePhone(dto.phone) : null;
    if (dto.phone && !phone) throw new ValidationFailedError([{ field: 'phone', message: 'not a phone number' }]);
    if (!phone && !dto.email) throw new ValidationFailedError([{ field: 'phone', message: 'a phone or an e-mail is required' }]);

    await this.dataSource.transaction(async (em) => {
      const [settings]: Array<{ site_key: string | null }> = await em.query(`SELECT site_key FROM inbound_settings WHERE id = 1`);
      if (settings.site_key && dto.siteKey !== settings.site_key) {
        throw new DomainError(403, 'site_key_invalid', 'The site key is missing or wrong', [{ field: 'siteKey', message: 'wrong site key' }]);
      }
      await this.acceptLead(em, {
        source: 'website',
        contactName: dto.name,
        clientName: dto.company ?? dto.name,
        phone,
        email: dto.email ?? null,
        inn: dto.inn ?? null,
        city: dto.city ?? null,
        message: dto.message ?? null,
      });
    });
  }

  /**
   * Matches or creates the client, opens a deal in the first stage from the lead channel
   * and gives the responsible manager a task. A known client's lead goes to its manager;
   * a new client goes to the next manager on duty (round robin).
   */
  private async acceptLead(em: EntityManager, lead: Lead, actorId: string | null = null): Promise<{ clientId: string; matched: boolean }> {
    const [settings]: Array<{ lead_channel_id: string | null }> = await em.query(`SELECT lead_channel_id FROM inbound_settings WHERE id = 1`);
    const channelId = lead.source === 'website' ? settings.lead_channel_id : null;
    const match = await this.clients.matchInbound(em, { phones: lead.phone ? [lead.phone] : [], emails: lead.email ? [lead.email] : [], inn: lead.inn });
    let clientId: string;
    let managerId: string;
    if (match) {
      clientId = match.clientId;
      managerId = match.managerId;
    } else {
      managerId = await this.nextManagerOnDuty(em);
      clientId = await this.clients.createInbound(
        em,
        { name: lead.clientName, city: lead.city, inn: lead.inn, phones: lead.phone ? [lead.phone] : [], emails: lead.email ? [lead.email] : [], channelId, managerId },
        actorId,
      );
    }
    const title = lead.source === 'website' ? `Заявка с сайта: ${lead.contactName}` : `Входящий звонок: ${lead.contactName}`;
    const dealId = await this.deals.openInbound(em, { clientId, managerId, title, channelId }, actorId);
    const [taskId] = await this.planning.createTasks(
      em,
      `inbound.${lead.source}`,
      [
        {
          type: 'call',
          subject: lead.source === 'website' ? `Новая заявка с сайта: ${lead.contactName}` : `Новый клиент позвонил: ${lead.contactName}`,
          description: [lead.message, lead.phone && formatPhone(lead.phone), lead.email].filter(Boolean).join('\n') || null,
          clientId,
          assigneeId: managerId,
          dueAt: addWorkingMinutes(this.clock.now(), ANSWER_WITHIN_MINUTES),
          priority: 'high',
        },
      ],
      actorId,
    );
    await this.events.publish(em, {
      type: 'lead.received',
      actorId,
      payload: { clientId, dealId, taskId, managerId, source: lead.source, matched: match !== null, contactName: lead.contactName, phone: lead.phone, email: lead.email, message: lead.message },
    });
    return { clientId, matched: match !== null };
  }

  /** The next of the managers on duty who is still an active manager; the cursor moves under a row lock. */
  private async nextManagerOnDuty(em: EntityManager): Promise<string> {
    const [row]: Array<{ duty: string[]; cursor: number }> = await em.query(
      `SELECT duty_manager_ids::text[] AS duty, round_robin_cursor AS cursor FROM inbound_settings WHERE id = 1 FOR UPDATE`,
    );
    const active = new Set((await findResponsibleManagers(em, row.duty)).map((m) => m.id));
    const duty = row.duty.filter((id) => active.has(id));
    if (!duty.length) throw new RuleViolationError('no_managers_on_duty', 'No managers on duty are set for inbound leads (Administration → Inbound channels)');
    await em.query(`UPDATE inbound_settings SET round_robin_cursor = round_robin_cursor + 1 WHERE id = 1`);
    return duty[row.cursor % duty.length];
  }

  // ---------------------------------------------------------------- telephony

  /** The generic payload as a call event. */
  static fromGeneric(dto: CallEventDto): CallEvent {
    return {
      provider: 'generic',
      externalId: dto.callId,
      direction: dto.direction,
      missed: dto.result === 'missed',
      clientPhone: dto.clientPhone,
      startedAt: new Date(dto.startedAt),
      durationSeconds: dto.result === 'missed' ? 0 : dto.durationSeconds,
      recordingUrl: dto.recordingUrl ?? null,
    };
  }

  /**
   * Records a finished call once per provider call id: on the client's timeline; a missed
   * incoming call gives the manager a «перезвонить» task; an incoming call from a number
   * no client has becomes a lead.
   */
  async recordCall(event: CallEvent): Promise<CallDto> {
    const phone = normalizePhone(event.clientPhone);
    if (!phone) throw new ValidationFailedError([{ field: 'clientPhone', message: 'not a phone number' }]);
    return this.dataSource.transaction(async (em) => {
      // One call, one row, however often the PBX repeats its webhook (a concurrent repeat waits on the unique index).
      const inserted: Array<{ id: string }> = await em.query(
        `INSERT INTO inbound_calls (id, provider, external_id, direction, missed, phone, duration_seconds, recording_url, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (provider, external_id) DO NOTHING RETURNING id`,
        [randomUUID(), event.provider, event.externalId, event.direction, event.missed, phone, event.durationSeconds, event.recordingUrl, event.startedAt],
      );
      if (!inserted.length) {
        const existing = await em.findOneByOrFail(InboundCall, { provider: event.provider, externalId: event.externalId });
        return mapCall(existing, false);
      }
      const id = inserted[0].id;
      let clientId: string | null = null;
      let managerId: string | null = null;
      let leadCreated = false;
      const match = await this.clients.matchInbound(em, { phones: [phone] });
      if (match) {
        clientId = match.clientId;
        managerId = match.managerId;
      } else if (event.direction === 'incoming') {
        const name = formatPhone(phone);
        const lead = await this.acceptLead(em, { source: 'call', contactName: name, clientName: name, phone, email: null, inn: null, city: null, message: null });
        // The lead's own task asks the manager to call back; no second «перезвонить» task.
        clientId = lead.clientId;
        leadCreated = true;
      }
      let taskId: string | null = null;
      if (clientId && managerId && event.missed && event.direction === 'incoming' && !leadCreated) {
        [taskId] = await this.planning.createTasks(
          em,
          'inbound.missed_call',
          [
            {
              type: 'call',
              subject: `Перезвонить: пропущенный звонок с ${formatPhone(phone)}`,
              description: null,
              clientId,
              assigneeId: managerId,
              dueAt: addWorkingMinutes(this.clock.now(), ANSWER_WITHIN_MINUTES),
              priority: 'high',
            },
          ],
          null,
        );
      }
      await em.update(InboundCall, { id }, { clientId, taskId });
      if (clientId) {
        await this.events.publish(em, {
          type: 'call.recorded',
          payload: {
            callId: id,
            clientId,
            direction: event.direction,
            missed: event.missed,
            phone,
            durationSeconds: event.durationSeconds,
            recordingUrl: event.recordingUrl,
            startedAt: event.startedAt.toISOString(),
            taskId,
          },
        });
      }
      return mapCall(await em.findOneByOrFail(InboundCall, { id }), leadCreated);
    });
  }

  // ---------------------------------------------------------------- e-mail

  /**
   * A raw RFC 5322 message: decoded by mailparser (any charset and transfer encoding),
   * attached to the client with the sender's address, or put on the review list.
   * The same Message-ID delivered twice is stored once.
   */
  async receiveEmail(raw: Buffer): Promise<InboundEmailDto> {
    if (!raw.length) throw new ValidationFailedError([{ field: 'body', message: 'an RFC 5322 message is required' }]);
    const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
    const from = mail.from?.value.find((a) => a.address);
    if (!from?.address) throw new ValidationFailedError([{ field: 'From', message: 'the message has no sender address' }]);
    const text = (mail.text ?? (typeof mail.html === 'string' ? htmlToText(mail.html) : '')).trim().slice(0, EMAIL_TEXT_LIMIT);
    const messageId = (mail.messageId ?? `<sha256-${createHash('sha256').update(raw).digest('hex')}>`).slice(0, 300);
    return this.dataSource.transaction(async (em) => {
      const id = randomUUID();
      const match = await this.clients.matchInbound(em, { emails: [from.address!] });
      const inserted: unknown[] = await em.query(
        `INSERT INTO inbound_emails (id, message_id, from_address, from_name, subject, text, client_id, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (message_id) DO NOTHING RETURNING id`,
        [id, messageId, from.address!.toLowerCase().slice(0, 254), from.name?.slice(0, 200) || null, (mail.subject ?? '').slice(0, 500), text, match?.clientId ?? null, match ? 'attached' : 'review'],
      );
      if (!inserted.length) return mapEmail(await em.findOneByOrFail(InboundEmail, { messageId }));
      const email = await em.findOneByOrFail(InboundEmail, { id });
      if (match) await this.publishEmail(em, email);
      return mapEmail(email);
    });
  }

  async reviewList(query: ReviewQueryDto): Promise<Page<InboundEmailDto>> {
    const [rows, total] = await this.dataSource.getRepository(InboundEmail).findAndCount({
      where: { status: 'review' },
      order: { receivedAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(rows.map(mapEmail), total, query);
  }

  /** A reviewer says whose message it is: it joins that client's timeline. */
  async assignEmail(id: string, clientId: string): Promise<InboundEmailDto> {
    return this.dataSource.transaction(async (em) => {
      const email = await em.findOne(InboundEmail, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!email) throw new NotFoundError('Inbound e-mail');
      if (email.status !== 'review') throw new RuleViolationError('already_attached', 'The message is already on a client’s timeline');
      if (!(await this.clients.exists(em, clientId))) throw new ValidationFailedError([{ field: 'clientId', message: 'no such client' }]);
      email.clientId = clientId;
      email.status = 'attached';
      await em.save(email);
      await this.publishEmail(em, email);
      return mapEmail(email);
    });
  }

  private async publishEmail(em: EntityManager, email: InboundEmail): Promise<void> {
    await this.events.publish(em, {
      type: 'email.received',
      payload: { emailId: email.id, clientId: email.clientId!, fromAddress: email.fromAddress, fromName: email.fromName, subject: email.subject, excerpt: email.text.slice(0, 500) },
    });
  }
}

function mapCall(c: InboundCall, leadCreated: boolean): CallDto {
  return {
    id: c.id,
    provider: c.provider,
    callId: c.externalId,
    direction: c.direction,
    missed: c.missed,
    phone: c.phone,
    clientId: c.clientId,
    durationSeconds: c.durationSeconds,
    recordingUrl: c.recordingUrl,
    startedAt: c.startedAt.toISOString(),
    taskId: c.taskId,
    leadCreated,
  };
}

function mapEmail(e: InboundEmail): InboundEmailDto {
  return {
    id: e.id,
    messageId: e.messageId,
    fromAddress: e.fromAddress,
    fromName: e.fromName,
    subject: e.subject,
    text: e.text,
    clientId: e.clientId,
    status: e.status as InboundEmailDto['status'],
    receivedAt: e.receivedAt.toISOString(),
  };
}

/** Text of an HTML-only message: good enough for a timeline excerpt (the raw HTML is not kept). */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');
}
