import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AccessAction, type Actor, type RecordFacts, type RecordKind, reachOf, reaches, SCOPED_RECORD_KINDS } from '@polar/access';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { reachCondition, type ReachColumns } from './reach-sql';

/**
 * What the owning module knows about one record: the facts the rules read, and its
 * client. A module that does not own clients returns `clientId` and leaves
 * `clientManager` out; the service asks the clients module for it.
 */
export interface LoadedRecord extends RecordFacts {
  /** The client the record hangs off, if any (a task linked to a deal takes the deal's client). */
  clientId?: string | null;
}

/** Loads one record's facts inside the given EntityManager; null when it does not exist. */
export type RecordLoader = (em: EntityManager, id: string) => Promise<LoadedRecord | null>;

const LABELS: Record<RecordKind, string> = {
  client: 'Client',
  contact: 'Contact',
  deal: 'Deal',
  proposal: 'Proposal',
  contract: 'Contract',
  invoice: 'Invoice',
  installation: 'Installation job',
  equipment: 'Equipment unit',
  service_contract: 'Service contract',
  service_visit: 'Service visit',
  service_request: 'Service request',
  task: 'Task',
  plan: 'Plan',
  segment: 'Segment',
  import: 'Import',
  complaint: 'Complaint',
  survey: 'Survey',
  user: 'User',
  department: 'Department',
  stage: 'Stage',
  product: 'Product',
  reference: 'Reference entry',
  job: 'Job',
  influence: 'Influence',
  campaign: 'Campaign',
  mailing: 'Mailing',
};

/** 404 for "does not exist" and "not yours" alike; names the request field when there is one. */
export function notVisible(kind: RecordKind, field?: string): DomainError {
  return new DomainError(404, 'not_found', `${LABELS[kind]} not found`, field ? [{ field, message: 'Not found' }] : undefined);
}

/** 403 for a record the user sees but may not change (a shared segment, a colleague's task on your client). */
export function readOnly(kind: RecordKind): DomainError {
  return new DomainError(403, 'read_only', `${LABELS[kind]} is not yours to change`);
}

/**
 * The one answer to "may this user see / change record X". The rules live in
 * `@polar/access` (pure, shared with the web client); the modules register how to load
 * the facts of the kinds they own, so this service reads no module's tables itself.
 *
 * Out of scope is always 404, the same answer as for an id that exists nowhere, so a
 * record's existence never leaks.
 */
@Injectable()
export class AccessService implements OnApplicationBootstrap {
  private readonly loaders = new Map<RecordKind, RecordLoader>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A kind with a per-record rule but no module loading it would fail only at request time: refuse to start instead. */
  onApplicationBootstrap(): void {
    const missing = SCOPED_RECORD_KINDS.filter((kind) => !this.loaders.has(kind));
    if (missing.length) throw new Error(`No module registered the record kinds: ${missing.join(', ')}`);
  }

  /** Called by the owning module at start-up; one loader per kind. */
  register(kind: RecordKind, loader: RecordLoader): void {
    if (this.loaders.has(kind)) throw new Error(`Record kind ${kind} is registered twice`);
    this.loaders.set(kind, loader);
  }

  /**
   * The record's facts if the user may `action` it; otherwise 404 (naming `field` when
   * the id came from a request body field). Pass the transaction's EntityManager inside
   * one: the embedded database has a single connection.
   */
  async require(user: Actor, kind: RecordKind, id: string, action: AccessAction = 'see', options: { em?: EntityManager; field?: string } = {}): Promise<LoadedRecord> {
    const loader = this.loaders.get(kind);
    if (!loader) throw new Error(`No module registered the record kind ${kind}`);
    const em = options.em ?? this.dataSource.manager;
    const record = await loader(em, id);
    // A record hanging off a client takes the client's responsible manager from the
    // clients module, so no module has to read the clients table itself.
    if (record && record.clientManager === undefined && record.clientId && kind !== 'client') {
      const client = await this.loaders.get('client')?.(em, record.clientId);
      record.clientManager = client?.clientManager ?? null;
    }
    if (!record) throw notVisible(kind, options.field);
    this.assert(user, kind, action, record, options.field);
    return record;
  }

  /**
   * The facts of a record whatever the user's reach (null when it does not exist), for a
   * module checking a link it stores (a complaint about a deal: is it the client's deal?)
   * after it has decided the user may make that link.
   */
  async facts(kind: RecordKind, id: string, em: EntityManager = this.dataSource.manager): Promise<LoadedRecord | null> {
    const loader = this.loaders.get(kind);
    if (!loader) throw new Error(`No module registered the record kind ${kind}`);
    return loader(em, id);
  }

  /**
   * Throws unless the user may `action` a record with these facts: 404 when the user may
   * not even see it (indistinguishable from a missing record), 403 when it is in sight
   * but read-only for them.
   */
  assert(user: Actor, kind: RecordKind, action: AccessAction, facts: RecordFacts, field?: string): void {
    if (!reaches(reachOf(user, kind, 'see'), facts)) throw notVisible(kind, field);
    if (action === 'change' && !reaches(reachOf(user, kind, 'change'), facts)) throw readOnly(kind);
  }

  /** True when the user may `action` the record (for rows already loaded). */
  allows(user: Actor, kind: RecordKind, action: AccessAction, facts: RecordFacts): boolean {
    return reaches(reachOf(user, kind, action), facts);
  }

  /**
   * Narrows a list query to the records the user may `action`. `columns` maps the rule's
   * facts to SQL expressions of the query (e.g. `{ clientManager: 'c.manager_id' }`);
   * a fact the query has no column for never matches.
   */
  narrow<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, user: Actor, kind: RecordKind, action: AccessAction, columns: ReachColumns): SelectQueryBuilder<T> {
    const condition = reachCondition(reachOf(user, kind, action), columns);
    return condition ? qb.andWhere(condition.sql, condition.params) : qb;
  }
}
