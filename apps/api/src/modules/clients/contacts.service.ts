import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { NotFoundError, StaleVersionError } from '../../common/errors/domain-error';
import { type Page, pageOf, type PageQueryDto } from '../../common/pagination/page.dto';
import { scopeOf } from '../../common/scope/record-scope';
import { EventBus } from '../../common/events';
import { diffRecords } from '../audit/audit.service';
import { normalizeEmails, normalizePhones } from './client-normalize';
import { ClientsRepository } from './clients.repository';
import type { ContactDto, CreateContactDto, UpdateContactDto } from './dto/contact.dto';
import { ClientContact } from './entities/client-contact.entity';

function mapContact(c: ClientContact): ContactDto {
  return {
    id: c.id,
    clientId: c.clientId,
    fullName: c.fullName,
    position: c.position,
    phones: c.phones,
    emails: c.emails,
    birthday: c.birthday,
    influence: c.influence,
    personalBenefits: c.personalBenefits,
    character: c.character,
    hobbies: c.hobbies,
    isPrimary: c.isPrimary,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    version: c.version,
  };
}

function historyFields(c: ClientContact): Record<string, unknown> {
  const { id: _id, clientId: _c, phonesNormalized: _p, emailsNormalized: _e, createdAt: _ca, updatedAt: _u, version: _v, searchVector: _s, client: _cl, ...rest } = c;
  return rest;
}

/** Contact persons of a client. Every operation first checks the client is in scope. */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsRepository,
    private readonly events: EventBus,
  ) {}

  async list(clientId: string, query: PageQueryDto, user: AuthenticatedUser): Promise<Page<ContactDto>> {
    await this.clients.getInScope(clientId, scopeOf(user));
    const [rows, total] = await this.dataSource.getRepository(ClientContact).findAndCount({
      where: { clientId },
      order: { isPrimary: 'DESC', fullName: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(rows.map(mapContact), total, query);
  }

  async create(clientId: string, input: CreateContactDto, user: AuthenticatedUser): Promise<ContactDto> {
    return this.dataSource.transaction(async (em) => {
      await this.clients.lockInScope(em, clientId, scopeOf(user));
      if (input.isPrimary) await em.update(ClientContact, { clientId, isPrimary: true }, { isPrimary: false });
      const contact = em.create(ClientContact, {
        clientId,
        fullName: input.fullName,
        position: input.position ?? null,
        phones: input.phones ?? [],
        phonesNormalized: normalizePhones(input.phones ?? []),
        emails: input.emails ?? [],
        emailsNormalized: normalizeEmails(input.emails ?? []),
        birthday: input.birthday ?? null,
        influence: input.influence ?? null,
        personalBenefits: input.personalBenefits ?? null,
        character: input.character ?? null,
        hobbies: input.hobbies ?? null,
        isPrimary: input.isPrimary ?? false,
      });
      await em.save(contact);
      await this.events.publish(em, {
        type: 'contact.created',
        payload: { clientId, contactId: contact.id, fullName: contact.fullName, position: contact.position },
        audit: { action: 'create', entityType: 'client_contact', entityId: contact.id, after: historyFields(contact) },
      });
      return mapContact(contact);
    });
  }

  async update(clientId: string, contactId: string, input: UpdateContactDto, user: AuthenticatedUser): Promise<ContactDto> {
    return this.dataSource.transaction(async (em) => {
      await this.clients.lockInScope(em, clientId, scopeOf(user));
      const contact = await em.findOne(ClientContact, { where: { id: contactId, clientId }, lock: { mode: 'pessimistic_write' } });
      if (!contact) throw new NotFoundError('Contact');
      if (contact.version !== input.version) throw new StaleVersionError('Contact', input.version, contact.version);
      const before = historyFields(contact);
      const { version: _v, ...changes } = input;
      Object.assign(contact, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
      if (input.phones !== undefined) contact.phonesNormalized = normalizePhones(input.phones);
      if (input.emails !== undefined) contact.emailsNormalized = normalizeEmails(input.emails);
      const diff = diffRecords(before, historyFields(contact));
      if (!Object.keys(diff).length) return mapContact(contact);
      if (input.isPrimary) {
        await em
          .createQueryBuilder()
          .update(ClientContact)
          .set({ isPrimary: false })
          .where('client_id = :clientId AND is_primary AND id <> :contactId', { clientId, contactId })
          .execute();
      }
      await em.save(contact);
      await this.events.publish(em, {
        type: 'contact.updated',
        payload: { clientId, contactId, fullName: contact.fullName, changes: diff },
        audit: { action: 'update', entityType: 'client_contact', entityId: contactId, before, after: historyFields(contact) },
      });
      return mapContact(contact);
    });
  }

  async remove(clientId: string, contactId: string, user: AuthenticatedUser): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.clients.lockInScope(em, clientId, scopeOf(user));
      const contact = await em.findOne(ClientContact, { where: { id: contactId, clientId } });
      if (!contact) throw new NotFoundError('Contact');
      await em.delete(ClientContact, { id: contactId });
      await this.events.publish(em, {
        type: 'contact.removed',
        payload: { clientId, contactId, fullName: contact.fullName },
        audit: { action: 'delete', entityType: 'client_contact', entityId: contactId, before: historyFields(contact) },
      });
    });
  }
}
