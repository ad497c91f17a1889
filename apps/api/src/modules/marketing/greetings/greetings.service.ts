import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, RuleViolationError, StaleVersionError } from '../../../common/errors/domain-error';
import { AuditService } from '../../audit/audit.service';
import { refreshCalendarOverrides } from '../../calendar/calendar-overrides';
import { ClientsDirectory } from '../../clients/clients-directory';
import type { JobContext } from '../../jobs/job-definition';
import { hasEmailConsent, MailDelivery } from '../mail-delivery.service';
import { checkPlaceholders } from '../mail/template';
import { birthdayDays, dueDays, holidayDays, type OccasionDay } from './greeting-days';
import type { CreateGreetingHolidayDto, GreetingOccasionDto, UpdateGreetingOccasionDto } from './greetings.dto';

interface OccasionRow {
  code: string;
  kind: GreetingOccasionDto['kind'];
  name: string;
  month: number | null;
  day: number | null;
  enabled: boolean;
  shift_to_working_day: boolean;
  purpose: GreetingOccasionDto['purpose'];
  subject: string;
  body_html: string;
  body_text: string;
  version: number;
}

const ddmmyyyy = (day: string) => day.split('-').reverse().join('.');

/**
 * Greetings: birthdays of contacts and individual clients, and a configurable list of
 * holidays, each occasion with its own template, on/off switch and shift rule.
 *
 * Delivery is the mailings' own: each run creates one mailing per occasion (visible in
 * the mailings list with its delivery log) and hands its recipients to MailDelivery,
 * so the suppression list, the unsubscribe headers, the throttle and the exactly-once
 * delivery apply unchanged.
 *
 * Advertising law (38-ФЗ, art. 18): consent is required for advertising, i.e. mail that
 * promotes goods or services. A greeting without an offer is information, not
 * advertising, so greetings default to `information` (everyone not suppressed). A
 * marketer who adds an offer (a discount, a promotion) must switch the occasion to
 * `advertising`; then only contacts whose latest e-mail consent is a yes are greeted
 * (individual clients have no consent record and are skipped).
 *
 * "Never twice a year per person and occasion" is the unique key of greeting_sends
 * (occasion, year of the occasion date, person): the person is recorded there in the
 * same transaction that creates their delivery, and a repeated or overlapping run
 * inserts nothing for them.
 */
@Injectable()
export class GreetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clients: ClientsDirectory,
    private readonly delivery: MailDelivery,
  ) {}

  async list(): Promise<GreetingOccasionDto[]> {
    const rows: OccasionRow[] = await this.dataSource.query(`SELECT * FROM greeting_occasions ORDER BY kind, month NULLS FIRST, day, name`);
    return rows.map(toDto);
  }

  async createHoliday(input: CreateGreetingHolidayDto): Promise<GreetingOccasionDto> {
    checkDate(input.month, input.day);
    checkPlaceholders({ subject: input.subject, bodyHtml: input.bodyHtml, bodyText: input.bodyText });
    return this.dataSource.transaction(async (em) => {
      const code = `holiday_${randomBytes(4).toString('hex')}`;
      await em.query(
        `INSERT INTO greeting_occasions (code, kind, name, month, day, enabled, shift_to_working_day, purpose, subject, body_html, body_text)
         VALUES ($1, 'holiday', $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [code, input.name, input.month, input.day, input.enabled ?? false, input.shiftToWorkingDay ?? false, input.purpose ?? 'information', input.subject, input.bodyHtml, input.bodyText],
      );
      await this.audit.record(em, { action: 'create', entityType: 'greeting_occasion', entityId: code, after: { name: input.name, month: input.month, day: input.day } });
      return toDto(await this.row(em, code));
    });
  }

  async update(code: string, input: UpdateGreetingOccasionDto): Promise<GreetingOccasionDto> {
    checkPlaceholders({ subject: input.subject, bodyHtml: input.bodyHtml, bodyText: input.bodyText });
    return this.dataSource.transaction(async (em) => {
      const before = await this.row(em, code, true);
      if (before.version !== input.version) throw new StaleVersionError('Greeting occasion', input.version, before.version);
      if (before.kind === 'birthday' && (input.month !== undefined || input.day !== undefined)) {
        throw new RuleViolationError('birthday_has_no_date', 'A birthday has no fixed date', [{ field: input.month !== undefined ? 'month' : 'day', message: 'Only a holiday has a date' }]);
      }
      const month = input.month ?? before.month;
      const day = input.day ?? before.day;
      if (before.kind === 'holiday') checkDate(month!, day!);
      await em.query(
        `UPDATE greeting_occasions SET name = $2, month = $3, day = $4, enabled = $5, shift_to_working_day = $6, purpose = $7, subject = $8, body_html = $9, body_text = $10,
                updated_at = now(), version = version + 1 WHERE code = $1`,
        [
          code,
          input.name ?? before.name,
          month,
          day,
          input.enabled ?? before.enabled,
          input.shiftToWorkingDay ?? before.shift_to_working_day,
          input.purpose ?? before.purpose,
          input.subject ?? before.subject,
          input.bodyHtml ?? before.body_html,
          input.bodyText ?? before.body_text,
        ],
      );
      const after = await this.row(em, code);
      await this.audit.record(em, { action: 'update', entityType: 'greeting_occasion', entityId: code, before: auditView(before), after: auditView(after) });
      return toDto(after);
    });
  }

  async remove(code: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const before = await this.row(em, code, true);
      if (before.kind === 'birthday') throw new RuleViolationError('birthday_not_removable', 'Birthdays can be switched off, not removed', [{ field: 'code', message: 'Switch it off instead' }]);
      await em.query(`DELETE FROM greeting_occasions WHERE code = $1`, [code]);
      await this.audit.record(em, { action: 'delete', entityType: 'greeting_occasion', entityId: code, before: auditView(before) });
    });
  }

  /** The scheduled run for `ctx.today`: one step per enabled occasion that falls due. */
  async run(ctx: JobContext): Promise<Record<string, number>> {
    const occasions = await ctx.step(async (em) => {
      // A day an admin changed in the calendar counts in this very run.
      await refreshCalendarOverrides(em);
      return (await em.query(`SELECT * FROM greeting_occasions WHERE enabled ORDER BY code`)) as OccasionRow[];
    });
    let greeted = 0;
    let mailings = 0;
    for (const o of occasions) {
      const days = dueDays(ctx.today, o.shift_to_working_day);
      const keys = o.kind === 'birthday' ? birthdayDays(days) : holidayDays(days, o.month!, o.day!);
      if (!keys.length) continue;
      const n = await ctx.step((em) => this.greet(em, o, keys, ctx.today));
      greeted += n;
      if (n) mailings++;
    }
    return { occasions: occasions.length, mailings, greeted };
  }

  /**
   * One occasion's greetings of one run, in the caller's transaction: the mailing, a
   * greeting_sends row per person not yet greeted this year (the unique key drops the
   * rest), and their deliveries. A run that finds nobody new leaves no mailing behind.
   */
  private async greet(em: EntityManager, o: OccasionRow, keys: OccasionDay[], today: string): Promise<number> {
    const mailingId = randomUUID();
    await em.query(
      `INSERT INTO mailings (id, name, purpose, subject, body_html, body_text, status, started_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, 'sending', now(), 1)`,
      [mailingId, `Поздравление «${o.name}» ${ddmmyyyy(today)}`, o.purpose, o.subject, o.body_html, o.body_text],
    );
    const people = this.clients.peopleSql({ birthdays: o.kind === 'birthday' ? keys.map((k) => k.md) : undefined, offset: 3 });
    const rows: unknown[] = await em.query(
      `INSERT INTO greeting_sends (occasion_code, year, person_id, client_id, contact_id, address, occasion_on, mailing_id)
       SELECT DISTINCT ON (p.person_id) $1, extract(year FROM k.day)::int, p.person_id, p.client_id, p.contact_id, p.address, k.day, $2
         FROM (${people.sql}) p JOIN jsonb_to_recordset($3::jsonb) AS k(day date, md text) ON ${o.kind === 'birthday' ? 'k.md = p.birthday_md' : 'TRUE'}
        ${o.purpose === 'advertising' ? `WHERE p.contact_id IS NOT NULL AND ${hasEmailConsent('p.contact_id')}` : ''}
        ORDER BY p.person_id, k.day
       ON CONFLICT (occasion_code, year, person_id) DO NOTHING
       RETURNING id`,
      [o.code, mailingId, JSON.stringify(keys), ...people.params],
    );
    if (!rows.length) {
      await em.query(`DELETE FROM mailings WHERE id = $1`, [mailingId]);
      return 0;
    }
    // Two people sharing an address (a couple of contacts at one mailbox) get one mail.
    await this.delivery.queueDeliveries(em, mailingId, {
      sql: `SELECT DISTINCT ON (address) address, client_id, contact_id FROM greeting_sends WHERE mailing_id = $1 ORDER BY address, contact_id NULLS LAST, id`,
      params: [],
    });
    await this.audit.record(em, { action: 'create', entityType: 'mailing', entityId: mailingId, after: { greeting: o.code, people: rows.length }, actorId: null });
    return rows.length;
  }

  private async row(em: EntityManager, code: string, lock = false): Promise<OccasionRow> {
    const [row] = await em.query(`SELECT * FROM greeting_occasions WHERE code = $1 ${lock ? 'FOR UPDATE' : ''}`, [code]);
    if (!row) throw new DomainError(404, 'not_found', 'Greeting occasion not found', [{ field: 'code', message: 'Not found' }]);
    return row;
  }
}

/** 29 February is refused: a holiday that exists one year in four is not a holiday. */
function checkDate(month: number, day: number): void {
  const valid = day <= new Date(Date.UTC(2025, month, 0)).getUTCDate();
  if (!valid) throw new RuleViolationError('date_invalid', `There is no ${day}.${month} every year`, [{ field: 'day', message: `Month ${month} has no day ${day} every year` }]);
}

const auditView = (r: OccasionRow) => ({ name: r.name, month: r.month, day: r.day, enabled: r.enabled, shiftToWorkingDay: r.shift_to_working_day, purpose: r.purpose, subject: r.subject });

function toDto(r: OccasionRow): GreetingOccasionDto {
  return {
    code: r.code,
    kind: r.kind,
    name: r.name,
    month: r.month,
    day: r.day,
    enabled: r.enabled,
    shiftToWorkingDay: r.shift_to_working_day,
    purpose: r.purpose,
    subject: r.subject,
    bodyHtml: r.body_html,
    bodyText: r.body_text,
    version: r.version,
  };
}
