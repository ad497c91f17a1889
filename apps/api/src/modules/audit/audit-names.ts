import type { RecordKind } from '@polar/access';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { AccessService } from '../../common/access/access.service';
import type { ReachColumns } from '../../common/access/reach-sql';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';

/**
 * Where the name of a record id found in the history comes from: the table, the SQL of
 * its title, and, for records in a user's scope, the access rule's kind and columns
 * (`x` is the record, `c` its client when `clientJoin` is set). The log itself needs
 * `audit.read`; a name is still given only for a record the reader may see, so the log
 * never shows more of a record than the rest of the CRM would.
 */
interface NameSource {
  table: string;
  title: string;
  clientJoin?: string;
  userJoin?: string;
  scope?: { kind: RecordKind; columns: ReachColumns };
}

const CLIENT_REACH: ReachColumns = { clientManager: 'c.manager_id' };

const SOURCES: readonly NameSource[] = [
  { table: 'users', title: 'x.full_name' },
  { table: 'departments', title: 'x.name' },
  { table: 'clients', title: 'x.name', clientJoin: 'x.id', scope: { kind: 'client', columns: CLIENT_REACH } },
  { table: 'client_contacts', title: 'x.full_name', clientJoin: 'x.client_id', scope: { kind: 'contact', columns: CLIENT_REACH } },
  { table: 'deals', title: 'x.title', clientJoin: 'x.client_id', scope: { kind: 'deal', columns: CLIENT_REACH } },
  { table: 'invoices', title: 'x.number', clientJoin: 'x.client_id', scope: { kind: 'invoice', columns: CLIENT_REACH } },
  {
    table: 'tasks',
    title: 'x.subject',
    clientJoin: 'x.client_id',
    scope: { kind: 'task', columns: { assignee: 'x.assignee_id', author: 'x.author_id', clientManager: 'c.manager_id' } },
  },
  {
    table: 'monthly_plans',
    title: `u.full_name || ', ' || to_char(x.month, 'MM.YYYY')`,
    userJoin: 'x.manager_id',
    scope: { kind: 'plan', columns: { manager: 'x.manager_id' } },
  },
  { table: 'segments', title: 'x.name', scope: { kind: 'segment', columns: { owner: 'x.owner_id', shared: 'x.shared' } } },
  { table: 'pipeline_stages', title: 'x.name' },
  { table: 'products', title: 'x.name' },
  { table: 'reference_items', title: 'x.name' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every UUID in a history entry: its record id and the ids among its old and new values. */
export function uuidsIn(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (UUID.test(value)) out.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const item of value) uuidsIn(item, out);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) uuidsIn(item, out);
  }
  return out;
}

/**
 * The names of the given record ids, as far as `user` may see the records: one query per
 * table, whatever the number of entries on the page. Ids of unknown or unseen records are
 * left out (the screen then says «запись недоступна» rather than showing the UUID).
 */
export async function resolveNames(
  dataSource: DataSource,
  access: AccessService,
  user: AuthenticatedUser,
  ids: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!ids.size) return names;
  const list = [...ids];
  for (const source of SOURCES) {
    const qb: SelectQueryBuilder<Record<string, unknown>> = dataSource
      .createQueryBuilder()
      .select('x.id::text', 'id')
      .addSelect(source.title, 'title')
      .from(source.table, 'x')
      .where('x.id IN (:...ids)', { ids: list });
    if (source.clientJoin) qb.leftJoin('clients', 'c', `c.id = ${source.clientJoin}`);
    if (source.userJoin) qb.leftJoin('users', 'u', `u.id = ${source.userJoin}`);
    if (source.scope) access.narrow(qb, user, source.scope.kind, 'see', source.scope.columns);
    const rows = await qb.getRawMany<{ id: string; title: string | null }>();
    for (const row of rows) if (row.title) names.set(row.id, row.title);
  }
  return names;
}
