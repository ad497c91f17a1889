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
