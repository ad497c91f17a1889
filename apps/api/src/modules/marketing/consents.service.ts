import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, notVisible } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DomainError } from '../../common/errors/domain-error';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import type { ConsentDto, RecordConsentDto, SuppressionDto, SuppressionListQueryDto } from './dto/mailings.dto';
import { addressOfToken } from './mail/unsubscribe-token';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Who may receive mail: the global suppression list (unsubscribed through the signed
 * link, bounced, added by hand), honoured by every mailing forever, and the consent to
 * advertising per contact and channel with when, how and who recorded it.
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

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
}

/** `iv***@example.ru`: enough for the owner to recognise, little for anyone else. */
function maskAddress(address: string): string {
  const [local, domain] = address.split('@');
  return `${local.slice(0, 2)}***@${domain ?? ''}`;
}
