import type { ClientDto } from './dto/client.dto';
import type { Client } from './entities/client.entity';

export function mapClient(c: Client): ClientDto {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    inn: c.inn,
    kpp: c.kpp,
    ogrn: c.ogrn,
    industryId: c.industryId,
    industryName: c.industry?.name ?? null,
    activityKindId: c.activityKindId,
    activityKindName: c.activityKind?.name ?? null,
    region: c.region,
    city: c.city,
    address: c.address,
    headcount: c.headcount,
    annualRevenue: c.annualRevenue,
    status: c.status,
    channelId: c.channelId,
    channelName: c.channel?.name ?? null,
    tags: c.tags,
    managerId: c.managerId,
    managerName: c.manager?.fullName ?? null,
    birthday: c.birthday,
    phones: c.phones,
    emails: c.emails,
    archivedAt: c.archivedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    version: c.version,
  };
}

/** Client fields as history shows them (ids of references, amounts as strings). */
export function clientHistoryFields(c: Client): Record<string, unknown> {
  return {
    kind: c.kind,
    name: c.name,
    inn: c.inn,
    kpp: c.kpp,
    ogrn: c.ogrn,
    industryId: c.industryId,
    activityKindId: c.activityKindId,
    region: c.region,
    city: c.city,
    address: c.address,
    headcount: c.headcount,
    annualRevenue: c.annualRevenue,
    status: c.status,
    channelId: c.channelId,
    tags: c.tags,
    managerId: c.managerId,
    birthday: c.birthday,
    phones: c.phones,
    emails: c.emails,
    archivedAt: c.archivedAt,
  };
}

/**
 * The client with the names of its manager and reference entries, as plain SQL: the FROM
 * that CARD_COLUMNS reads (the same aliases as the query builder's joins in
 * `ClientsRepository.scoped`). Statements written once over it (card, list page) skip
 * TypeORM's per-request SQL building and entity hydration (issue 16).
 */
export const CARD_FROM =
  'clients c' +
  ' LEFT JOIN users manager ON manager.id = c.manager_id' +
  ' LEFT JOIN reference_items industry ON industry.id = c.industry_id' +
  ' LEFT JOIN reference_items activityKind ON activityKind.id = c.activity_kind_id' +
  ' LEFT JOIN reference_items channel ON channel.id = c.channel_id';

/** The card's columns as a plain select (aliases of `ClientsRepository.card`'s joins, see CARD_FROM). */
export const CARD_COLUMNS = [
  'c.id AS id',
  'c.kind AS kind',
  'c.name AS name',
  'c.inn AS inn',
  'c.kpp AS kpp',
  'c.ogrn AS ogrn',
  'c.industry_id AS industry_id',
  'industry.name AS industry_name',
  'c.activity_kind_id AS activity_kind_id',
  'activityKind.name AS activity_kind_name',
  'c.region AS region',
  'c.city AS city',
  'c.address AS address',
  'c.headcount AS headcount',
  // numeric and date as text, exactly as the entity reads them (no float, no time zone).
  'c.annual_revenue::text AS annual_revenue',
  'c.status AS status',
  'c.channel_id AS channel_id',
  'channel.name AS channel_name',
  'c.tags AS tags',
  'c.manager_id AS manager_id',
  'manager.full_name AS manager_name',
  'c.birthday::text AS birthday',
  'c.phones AS phones',
  'c.emails AS emails',
  'c.archived_at AS archived_at',
  'c.created_at AS created_at',
  'c.updated_at AS updated_at',
  'c.version AS version',
];

export interface ClientCardRow {
  id: string;
  kind: ClientDto['kind'];
  name: string;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  industry_id: string | null;
  industry_name: string | null;
  activity_kind_id: string | null;
  activity_kind_name: string | null;
  region: string | null;
  city: string | null;
  address: string | null;
  headcount: number | null;
  annual_revenue: string | null;
  status: ClientDto['status'];
  channel_id: string | null;
  channel_name: string | null;
  tags: string[];
  manager_id: string;
  manager_name: string | null;
  birthday: string | null;
  phones: string[];
  emails: string[];
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** A CARD_COLUMNS row as the API's client: the same fields and values as `mapClient`. */
export function mapClientRow(r: ClientCardRow): ClientDto {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    inn: r.inn,
    kpp: r.kpp,
    ogrn: r.ogrn,
    industryId: r.industry_id,
    industryName: r.industry_name ?? null,
    activityKindId: r.activity_kind_id,
    activityKindName: r.activity_kind_name ?? null,
    region: r.region,
    city: r.city,
    address: r.address,
    headcount: r.headcount,
    annualRevenue: r.annual_revenue,
    status: r.status,
    channelId: r.channel_id,
    channelName: r.channel_name ?? null,
    tags: r.tags,
    managerId: r.manager_id,
    managerName: r.manager_name ?? null,
    birthday: r.birthday,
    phones: r.phones,
    emails: r.emails,
    archivedAt: r.archived_at ? new Date(r.archived_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: Number(r.version),
  };
}
