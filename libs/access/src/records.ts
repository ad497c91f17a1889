import { can, type Permission } from './permissions';
import type { Role } from './roles';
import { ROLE_CLIENT_SCOPE } from './scope';

/**
 * Record-level access: which records of a kind a user may see or change.
 *
 * A rule is expressed as a *reach*: data, not code. The API turns a reach into a SQL
 * condition for lists and into a yes/no for one loaded record, so both always agree;
 * the web client can evaluate the same reach to hide buttons. Permissions (may this
 * role edit deals at all?) are checked separately by the route guard.
 */

/** The user asking, as far as the rules need to know them. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  /** For sales assistants: the managers whose clients they work with. */
  readonly assistedManagerIds: readonly string[];
}

/** The service department's records (SPEC §5), all hanging off a client. */
const SERVICE_KINDS = ['installation', 'equipment', 'service_contract', 'service_visit', 'service_request'] as const;

/**
 * Every kind of record the API addresses by id. Modules register how to load the facts
 * of the kinds they own; a route with an id parameter names one of these.
 */
export const RECORD_KINDS = [
  'client',
  'contact',
  'deal',
  'proposal',
  'contract',
  'invoice',
  ...SERVICE_KINDS,
  'task',
  'plan',
  'segment',
  'import',
  'complaint',
  'survey',
  'influence',
  // directory-like records: no per-record scope, the role's permission decides
  'user',
  'department',
  'stage',
  'product',
  'reference',
  'job',
  'campaign',
  'mailing',
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

/** The kinds with a per-record rule: the API must know how to load each one's facts. */
export const SCOPED_RECORD_KINDS: readonly RecordKind[] = ['client', 'contact', 'deal', 'proposal', 'contract', 'invoice', ...SERVICE_KINDS, 'task', 'plan', 'segment', 'import', 'complaint', 'survey', 'influence'];

/**
 * The facts about one record the rules look at.
 * - `clientManager`: the responsible manager of the client the record hangs off
 * - `assignee` / `author`: whose task it is and who gave it
 * - `owner`: who made a personal record (a saved segment); `shared`: shown to everyone
 * - `manager`: the manager a plan is for; `creator`: who started an import
 * - `subjectKind`: what a complaint is about (employee, equipment, deal, other)
 * - `requestee`: the people a complaint's department requests are addressed to (many)
 */
export type RecordField = 'clientManager' | 'assignee' | 'author' | 'owner' | 'manager' | 'creator' | 'subjectKind' | 'requestee';

export interface RecordFacts {
  clientManager?: string | null;
  assignee?: string | null;
  author?: string | null;
  owner?: string | null;
  manager?: string | null;
  creator?: string | null;
  subjectKind?: string | null;
  /** A list fact: the record is reached when any of them is among the term's ids. */
  requestee?: readonly string[];
  shared?: boolean;
}

/** One way of reaching a record: a field equal to one of the ids, or the shared flag. */
export type ReachTerm = { readonly field: RecordField; readonly anyOf: readonly string[] } | { readonly field: 'shared' };

/** `'all'`: every record of the kind; otherwise a record matching ANY term ([] = none). */
export type Reach = 'all' | readonly ReachTerm[];

export type AccessAction = 'see' | 'change';

/**
 * The permission without which a role sees no record of the kind at all (the route
 * guard checks it for the kind's own routes; this covers a record named in another
 * module's request, e.g. a task linked to a deal).
 */
const READ_PERMISSION: Partial<Record<RecordKind, Permission>> = {
  client: 'clients.read',
  contact: 'clients.read',
  segment: 'clients.read',
  import: 'clients.import',
  deal: 'funnel.read',
  proposal: 'funnel.read',
  contract: 'funnel.read',
  invoice: 'funnel.read',
  installation: 'service.read',
  equipment: 'service.read',
  service_contract: 'service.read',
  service_visit: 'service.read',
  service_request: 'service.read',
  task: 'planning.read',
  plan: 'planning.read',
  complaint: 'complaints.read',
  survey: 'quality.read',
  influence: 'campaigns.read',
};

/**
 * The kinds that hang off a client: reached through the client's responsible manager.
 * Service data too (SPEC §5): the service department sees every client, a sales
 * manager the service data of their own clients — read-only, because only the service
 * roles hold `service.write`.
 */
const CLIENT_BOUND: ReadonlySet<RecordKind> = new Set<RecordKind>(['client', 'contact', 'deal', 'proposal', 'contract', 'invoice', ...SERVICE_KINDS, 'influence']);

/** Responsible managers whose clients the actor reaches; null = every client. */
export function clientManagersOf(actor: Actor): readonly string[] | null {
  switch (ROLE_CLIENT_SCOPE[actor.role]) {
    case 'all':
      return null;
    case 'own':
      return [actor.id];
    case 'assisted':
      return [...actor.assistedManagerIds];
    case 'none':
      return [];
  }
}

function clientReach(actor: Actor): Reach {
  const managers = clientManagersOf(actor);
  return managers === null ? 'all' : [{ field: 'clientManager', anyOf: managers }];
}

/**
 * Tasks (SPEC "Roles and access"): everyone works their own tasks and those given to
 * them. Heads see and steer every task. Sales staff also see the tasks on the clients in
 * their scope; an assistant changes the tasks of the managers assisted. Service, quality,
 * marketing and legal staff see and change only their own and given tasks: they never
 * edit another person's task.
 */
function taskReach(actor: Actor, action: AccessAction): Reach {
  if (can(actor.role, 'planning.team')) return 'all';
  const mine: ReachTerm[] = [
    { field: 'assignee', anyOf: [actor.id] },
    { field: 'author', anyOf: [actor.id] },
  ];
  const scope = ROLE_CLIENT_SCOPE[actor.role];
  if (scope === 'assisted') mine.push({ field: 'assignee', anyOf: actor.assistedManagerIds });
  if (action === 'see' && (scope === 'own' || scope === 'assisted')) {
    mine.push({ field: 'clientManager', anyOf: clientManagersOf(actor) ?? [] });
  }
  return mine;
}

/**
 * Complaints (SPEC §6, "Roles and access"): the quality department and the heads see
 * every complaint. Everyone else sees those whose department requests are addressed to
 * them (legal sees nothing more); sales staff also the complaints of the clients in their
 * scope; service staff also every complaint about equipment. Changing a complaint is the
 * quality department's (`quality.write`); answering a request is checked on the request.
 */
function complaintReach(actor: Actor): Reach {
  if (can(actor.role, 'quality.write') || can(actor.role, 'planning.team')) return 'all';
  const terms: ReachTerm[] = [{ field: 'requestee', anyOf: [actor.id] }];
  const scope = ROLE_CLIENT_SCOPE[actor.role];
  if (scope === 'own' || scope === 'assisted') terms.push({ field: 'clientManager', anyOf: clientManagersOf(actor) ?? [] });
  if (can(actor.role, 'service.write')) terms.push({ field: 'subjectKind', anyOf: ['equipment'] });
  return terms;
}

/** The reach of a user over one kind of record, for seeing or for changing it. */
export function reachOf(actor: Actor, kind: RecordKind, action: AccessAction): Reach {
  const needed = READ_PERMISSION[kind];
  if (needed && !can(actor.role, needed)) return [];
  if (CLIENT_BOUND.has(kind)) return clientReach(actor);
  switch (kind) {
    case 'task':
      return taskReach(actor, action);
    case 'segment':
      // Saved segments belong to their owner; a shared one is read-only for the others.
      return action === 'see' ? [{ field: 'owner', anyOf: [actor.id] }, { field: 'shared' }] : [{ field: 'owner', anyOf: [actor.id] }];
    case 'plan':
      // The team sees every plan; a manager their own (changing is `plans.manage`).
      return can(actor.role, 'planning.team') ? 'all' : [{ field: 'manager', anyOf: [actor.id] }];
    case 'complaint':
      return complaintReach(actor);
    case 'survey':
      // Questionnaires and their answers belong to the quality department; heads read them.
      return can(actor.role, 'quality.write') || can(actor.role, 'planning.team') ? 'all' : [];
    case 'import':
      // Whoever started the import, and those who may give clients to any manager.
      return can(actor.role, 'clients.reassign') ? 'all' : [{ field: 'creator', anyOf: [actor.id] }];
    default:
      return 'all';
  }
}

/** Does the record with these facts lie within the reach? */
export function reaches(reach: Reach, facts: RecordFacts): boolean {
  if (reach === 'all') return true;
  return reach.some((term) => {
    if (term.field === 'shared') return facts.shared === true;
    if (term.field === 'requestee') return (facts.requestee ?? []).some((id) => term.anyOf.includes(id));
    const value = facts[term.field];
    return value != null && term.anyOf.includes(value);
  });
}

/** May the actor see / change the record with these facts? */
export function mayAccess(actor: Actor, kind: RecordKind, action: AccessAction, facts: RecordFacts): boolean {
  return reaches(reachOf(actor, kind, action), facts);
}

/**
 * May the actor make `managerId` responsible for something (a deal, an imported client,
 * a task's client work)? A sales manager only themselves, an assistant the managers
 * assisted, those who reassign clients (heads, management) anyone. Whether the person
 * may be a responsible manager at all (active, a sales role) is a separate check.
 */
export function mayActFor(actor: Actor, managerId: string): boolean {
  if (can(actor.role, 'clients.reassign')) return true;
  switch (ROLE_CLIENT_SCOPE[actor.role]) {
    case 'own':
      return managerId === actor.id;
    case 'assisted':
      return actor.assistedManagerIds.includes(managerId);
    default:
      return false;
  }
}
