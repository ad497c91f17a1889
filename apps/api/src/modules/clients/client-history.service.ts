import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { StaleVersionError } from '../../common/errors/domain-error';
import type { Page, PageQueryDto } from '../../common/pagination/page.dto';
import { scopeOf } from '../../common/scope/record-scope';
import { EventBus } from '../../common/events';
import { diffRecords } from '../audit/audit.service';
import { ClientsRepository } from './clients.repository';
import type { DossierContentDto, DossierDto, PutDossierDto, TimelineEventDto, TimelineQueryDto } from './dto/history.dto';
import { ClientDossier, type DossierContent } from './entities/client-dossier.entity';
import { TimelineService } from './timeline.service';

const EMPTY_DOSSIER: DossierContent = {
  industryTrends: null,
  keySuccessFactors: null,
  marketShare: null,
  competitors: [],
  goals: { marketShare: null, newCustomers: null, assortment: null, costCut: null, newProducts: null, newBranches: null },
  purchaseBehaviour: null,
  potentialNeeds: null,
};

function toContent(input: DossierContentDto): DossierContent {
  const g = input.goals ?? EMPTY_DOSSIER.goals;
  return {
    industryTrends: input.industryTrends ?? null,
    keySuccessFactors: input.keySuccessFactors ?? null,
    marketShare: input.marketShare ?? null,
    competitors: input.competitors ?? [],
    goals: {
      marketShare: g.marketShare ?? null,
      newCustomers: g.newCustomers ?? null,
      assortment: g.assortment ?? null,
      costCut: g.costCut ?? null,
      newProducts: g.newProducts ?? null,
      newBranches: g.newBranches ?? null,
    },
    purchaseBehaviour: input.purchaseBehaviour ?? null,
    potentialNeeds: input.potentialNeeds ?? null,
  };
}

/** The key-client dossier, notes and the timeline of one client. */
@Injectable()
export class ClientHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsRepository,
    private readonly timeline: TimelineService,
    private readonly events: EventBus,
  ) {}

  async getDossier(clientId: string, user: AuthenticatedUser): Promise<DossierDto> {
    await this.clients.getInScope(clientId, scopeOf(user));
    const d = await this.dataSource.getRepository(ClientDossier).findOne({ where: { clientId } });
    return {
      clientId,
      ...(d?.content ?? EMPTY_DOSSIER),
      updatedAt: d?.updatedAt.toISOString() ?? null,
      updatedBy: d?.updatedBy ?? null,
      version: d?.version ?? 0,
    };
  }

  /** Replaces the dossier; `version` 0 creates it, a stale version is 409. */
  async putDossier(clientId: string, input: PutDossierDto, user: AuthenticatedUser): Promise<DossierDto> {
    await this.dataSource.transaction(async (em) => {
      await this.clients.lockInScope(em, clientId, scopeOf(user));
      const existing = await em.findOne(ClientDossier, { where: { clientId }, lock: { mode: 'pessimistic_write' } });
      const current = existing?.version ?? 0;
      if (current !== input.version) throw new StaleVersionError('Dossier', input.version, current);
      const content = toContent(input);
      const before = existing?.content ?? null;
      const dossier = existing ?? em.create(ClientDossier, { clientId });
      dossier.content = content;
      dossier.updatedBy = user.id;
      await em.save(dossier);
      const changes = diffRecords(before ? flatten(before) : null, flatten(content));
      await this.events.publish(em, {
        type: 'dossier.updated',
        payload: { clientId, changes },
        audit: { action: existing ? 'update' : 'create', entityType: 'client_dossier', entityId: clientId, before: before ? flatten(before) : null, after: flatten(content) },
      });
    });
    return this.getDossier(clientId, user);
  }

  async addNote(clientId: string, text: string, user: AuthenticatedUser): Promise<TimelineEventDto> {
    await this.dataSource.transaction(async (em) => {
      await this.clients.lockInScope(em, clientId, scopeOf(user));
      // A note is the history entry itself, not a consequence of another change.
      await this.timeline.add(em, { clientId, kind: 'note', payload: { text } });
    });
    const page = await this.timeline.list(clientId, { page: 1, pageSize: 1, kindsOnly: ['note'] });
    return page.items[0];
  }

  async notes(clientId: string, query: PageQueryDto, user: AuthenticatedUser): Promise<Page<TimelineEventDto>> {
    await this.clients.getInScope(clientId, scopeOf(user));
    return this.timeline.list(clientId, { ...query, kindsOnly: ['note'] });
  }

  async history(clientId: string, query: TimelineQueryDto, user: AuthenticatedUser): Promise<Page<TimelineEventDto>> {
    await this.clients.getInScope(clientId, scopeOf(user));
    return this.timeline.list(clientId, query);
  }
}

function flatten(c: DossierContent): Record<string, unknown> {
  const { goals, ...rest } = c;
  return { ...rest, ...Object.fromEntries(Object.entries(goals).map(([k, v]) => [`goals.${k}`, v])) };
}
