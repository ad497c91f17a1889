import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, mayActFor } from '@polar/access';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { StaleVersionError } from '../../common/errors/domain-error';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { scopeOf } from '../../common/scope/record-scope';
import { EventBus } from '../../common/events';
import { findResponsibleManager } from '../../common/scope/responsible-managers';
import { diffRecords } from '../audit/audit.service';
import { ReferenceItem, type ReferenceKind } from '../reference/entities/reference-item.entity';
import { describeMatches, findDuplicates } from './client-duplicates';
import { clientHistoryFields } from './client.mapper';
import { normalizeEmails, normalizeName, normalizePhones } from './client-normalize';
import { ClientsRepository } from './clients.repository';
import {
  confirmNotAllowed,
  duplicateClient,
  innKindMismatch,
  managerNotAllowed,
  managerRequired,
  notAManager,
  reassignTargetMissing,
  referenceNotFound,
} from './clients.errors';
import type { BulkReassignDto, ClientDto, ClientListQueryDto, CreateClientDto, UpdateClientDto } from './dto/client.dto';
import { Client } from './entities/client.entity';

const REFERENCE_FIELDS: Array<[keyof CreateClientDto & string, ReferenceKind]> = [
  ['industryId', 'industry'],
  ['activityKindId', 'activity_kind'],
  ['channelId', 'acquisition_channel'],
];

/** The client base: the rules for creating, changing, archiving and reassigning clients. */
@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ClientsRepository,
    private readonly events: EventBus,
  ) {}

  async list(query: ClientListQueryDto, user: AuthenticatedUser): Promise<Page<ClientDto>> {
    const [rows, total, extras] = await this.repo.list(query, user);
    return pageOf(rows, { total, ...extras }, query);
  }

  async get(id: string, user: AuthenticatedUser): Promise<ClientDto> {
    return this.repo.card(id, scopeOf(user));
  }

  async create(input: CreateClientDto, user: AuthenticatedUser): Promise<ClientDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const managerId = await this.resolveManager(em, user, input.managerId);
      await this.checkReferences(em, input);
      if (input.kind === 'individual' && input.inn?.length === 10) throw innKindMismatch();
      const client = em.create(Client, {
        kind: input.kind,
        name: input.name,
        nameNormalized: normalizeName(input.name),
        inn: input.inn ?? null,
        kpp: input.kind === 'legal_entity' ? (input.kpp ?? null) : null,
        ogrn: input.kind === 'legal_entity' ? (input.ogrn ?? null) : null,
        industryId: input.industryId ?? null,
        activityKindId: input.activityKindId ?? null,
        channelId: input.channelId ?? null,
        region: input.region ?? null,
        city: input.city ?? null,
        address: input.address ?? null,
        headcount: input.headcount ?? null,
        annualRevenue: input.annualRevenue ?? null,
        status: input.status ?? 'cold',
        tags: normalizeTags(input.tags),
        managerId,
        birthday: input.kind === 'individual' ? (input.birthday ?? null) : null,
        phones: input.phones ?? [],
        phonesNormalized: normalizePhones(input.phones ?? []),
        emails: input.emails ?? [],
        emailsNormalized: normalizeEmails(input.emails ?? []),
        createdBy: user.id,
        archivedAt: null,
      });
      await this.guardDuplicates(em, client, user, input.confirmDuplicate === true);
      await em.save(client);
      await this.events.publish(em, {
        type: 'client.created',
        payload: { clientId: client.id, name: client.name },
        audit: { action: 'create', entityType: 'client', entityId: client.id, after: clientHistoryFields(client) },
      });
      return client.id;
    });
    return this.get(id, user);
  }

  async update(id: string, input: UpdateClientDto, user: AuthenticatedUser): Promise<ClientDto> {
    await this.dataSource.transaction(async (em) => {
      const client = await this.repo.lockInScope(em, id, scopeOf(user));
      if (client.version !== input.version) throw new StaleVersionError('Client', input.version, client.version);
      await this.checkReferences(em, input);
      const before = clientHistoryFields(client);
      const { version: _version, ...changes } = input;
      // Only the fields the caller sent: absent ones are undefined own properties on the DTO.
      Object.assign(client, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
      if (input.name !== undefined) client.nameNormalized = normalizeName(input.name);
      if (input.tags !== undefined) client.tags = normalizeTags(input.tags);
      if (input.phones !== undefined) client.phonesNormalized = normalizePhones(input.phones);
      if (input.emails !== undefined) client.emailsNormalized = normalizeEmails(input.emails);
      if (client.kind === 'individual') {
        if (client.inn?.length === 10) throw innKindMismatch();
        client.kpp = null;
        client.ogrn = null;
      } else {
        client.birthday = null;
      }
      const after = clientHistoryFields(client);
      const diff = diffRecords(before, after);
      if (!Object.keys(diff).length) return;
      await em.save(client);
      await this.events.publish(em, {
        type: 'client.updated',
        payload: { clientId: id, changes: diff },
        audit: { action: 'update', entityType: 'client', entityId: id, before, after },
      });
    });
    return this.get(id, user);
  }

  async setArchived(id: string, archived: boolean, user: AuthenticatedUser): Promise<ClientDto> {
    await this.dataSource.transaction(async (em) => {
      const client = await this.repo.lockInScope(em, id, scopeOf(user));
      if ((client.archivedAt !== null) === archived) return;
      const before = clientHistoryFields(client);
      client.archivedAt = archived ? new Date() : null;
      await em.save(client);
      await this.events.publish(em, {
        type: archived ? 'client.archived' : 'client.restored',
        payload: { clientId: id },
        audit: { action: archived ? 'archive' : 'restore', entityType: 'client', entityId: id, before, after: clientHistoryFields(client) },
      });
    });
    return this.get(id, user);
  }

  async reassign(id: string, managerId: string, reason: string, user: AuthenticatedUser): Promise<ClientDto> {
    await this.moveClients(user, { clientIds: [id], toManagerId: managerId, reason, mustExist: true });
    return this.get(id, user);
  }

  async bulkReassign(input: BulkReassignDto, user: AuthenticatedUser): Promise<number> {
    if (!input.clientIds?.length && !input.fromManagerId) throw reassignTargetMissing();
    return this.moveClients(user, {
      clientIds: input.clientIds ?? [],
      fromManagerId: input.fromManagerId,
      toManagerId: input.managerId,
      reason: input.reason,
      mustExist: false,
    });
  }

  /**
   * Moves clients to another manager in one statement, with history and the
   * `clients.reassigned` event (its subscribers: history, audit, open tasks follow the client) in the same transaction.
   */
  private async moveClients(
    user: AuthenticatedUser,
    move: { clientIds: string[]; fromManagerId?: string; toManagerId: string; reason: string; mustExist: boolean },
  ): Promise<number> {
    const scope = scopeOf(user);
    return this.dataSource.transaction(async (em) => {
      if (move.mustExist) await this.repo.lockInScope(em, move.clientIds[0], scope);
      const target = await this.assertAssignable(em, move.toManagerId);
      // For UPDATE … RETURNING TypeORM answers [rows, affected count].
      const [moved]: [Array<{ id: string; from_manager_id: string; from_manager_name: string }>, number] = await em.query(
        `WITH picked AS (
           SELECT c.id, c.manager_id FROM clients c
            WHERE (c.id = ANY($1::uuid[]) OR ($2::uuid IS NOT NULL AND c.manager_id = $2::uuid))
              AND c.manager_id <> $3 AND ($4::uuid[] IS NULL OR c.manager_id = ANY($4::uuid[]))
            FOR UPDATE
         )
         UPDATE clients c SET manager_id = $3, version = c.version + 1, updated_at = now()
           FROM picked JOIN users u ON u.id = picked.manager_id
          WHERE c.id = picked.id
         RETURNING c.id, picked.manager_id AS from_manager_id, u.full_name AS from_manager_name`,
        [move.clientIds, move.fromManagerId ?? null, move.toManagerId, scope.managerIds],
      );
      if (!moved.length) return 0;
      // One event for the whole move: history in bulk, and planning's open tasks follow the clients.
      await this.events.publish(em, {
        type: 'clients.reassigned',
        payload: {
          toManagerId: target.id,
          toManagerName: target.fullName,
          reason: move.reason,
          moves: moved.map((m) => ({ clientId: m.id, fromManagerId: m.from_manager_id, fromManagerName: m.from_manager_name })),
        },
        audit: moved.map((m) => ({
          action: 'reassign',
          entityType: 'client',
          entityId: m.id,
          before: { managerId: m.from_manager_id },
          after: { managerId: target.id, reason: move.reason },
        })),
      });
      return moved.length;
    });
  }

  /**
   * Who becomes responsible for a new client: whom the caller may act for (`mayActFor`
   * in @polar/access — the same rule as for a new deal); by default a sales manager or
   * the head themselves, others must say.
   */
  private async resolveManager(em: EntityManager, user: AuthenticatedUser, requested?: string): Promise<string> {
    const managerId = requested ?? (user.role === 'sales_manager' || user.role === 'sales_head' ? user.id : undefined);
    if (!managerId) throw managerRequired();
    if (!mayActFor(user, managerId)) throw managerNotAllowed();
    await this.assertAssignable(em, managerId);
    return managerId;
  }

  private async assertAssignable(em: EntityManager, managerId: string): Promise<{ id: string; fullName: string }> {
    const manager = await findResponsibleManager(em, managerId);
    if (!manager) throw notAManager();
    return { id: manager.id, fullName: manager.fullName };
  }

  private async checkReferences(em: EntityManager, input: Partial<CreateClientDto>): Promise<void> {
    const wanted = REFERENCE_FIELDS.filter(([field]) => typeof input[field] === 'string');
    if (!wanted.length) return;
    const ids = wanted.map(([field]) => input[field] as string);
    const found = await em.getRepository(ReferenceItem).createQueryBuilder('r').where('r.id IN (:...ids) AND r.is_active', { ids }).getMany();
    for (const [field, kind] of wanted) {
      if (!found.some((r) => r.id === input[field] && r.kind === kind)) throw referenceNotFound(field);
    }
  }

  private async guardDuplicates(em: EntityManager, client: Client, user: AuthenticatedUser, confirmed: boolean): Promise<void> {
    const rows = await findDuplicates(em, client);
    if (!rows.length) return;
    if (!confirmed) throw duplicateClient(describeMatches(rows, scopeOf(user)));
    if (!can(user.role, 'clients.confirm_duplicate')) throw confirmNotAllowed();
  }
}

export function normalizeTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];
}
