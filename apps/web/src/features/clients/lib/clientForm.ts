import type { ClientDto, ClientKind, ClientStatus } from '@/api/types';
import { formatPhone, isPhone } from '@/utils/format';
import { parseRevenueInput, revenueToInput } from '@/views/clients/revenue';
import { cleanList } from '@/views/clients/validation';

/** The client form's values as typed (strings; lists with an empty row to type into). */
export interface ClientForm {
  kind: ClientKind;
  name: string;
  inn: string;
  kpp: string;
  ogrn: string;
  birthday: string;
  phones: string[];
  emails: string[];
  region: string;
  city: string;
  address: string;
  headcount: string;
  annualRevenue: string;
  status: ClientStatus;
  channelId: string;
  industryId: string;
  activityKindId: string;
  tags: string[];
  managerId: string;
}

/** The fields whose API errors are shown at the field (the rest in a toast). */
export const CLIENT_FORM_FIELDS = [
  'kind',
  'name',
  'inn',
  'kpp',
  'ogrn',
  'birthday',
  'phones',
  'emails',
  'region',
  'city',
  'address',
  'headcount',
  'annualRevenue',
  'status',
  'channelId',
  'industryId',
  'activityKindId',
  'tags',
  'managerId',
] as const;

export function emptyClientForm(): ClientForm {
  return {
    kind: 'legal_entity',
    name: '',
    inn: '',
    kpp: '',
    ogrn: '',
    birthday: '',
    phones: [''],
    emails: [''],
    region: '',
    city: '',
    address: '',
    headcount: '',
    annualRevenue: '',
    status: 'cold',
    channelId: '',
    industryId: '',
    activityKindId: '',
    tags: [],
    managerId: '',
  };
}

/** The form filled with a client's values, for editing. */
export function clientFormOf(c: ClientDto): ClientForm {
  return {
    kind: c.kind,
    name: c.name,
    inn: c.inn ?? '',
    kpp: c.kpp ?? '',
    ogrn: c.ogrn ?? '',
    birthday: c.birthday ?? '',
    phones: c.phones.length ? c.phones.map((p) => (isPhone(p) ? formatPhone(p) : p)) : [''],
    emails: c.emails.length ? [...c.emails] : [''],
    region: c.region ?? '',
    city: c.city ?? '',
    address: c.address ?? '',
    headcount: c.headcount === null ? '' : String(c.headcount),
    annualRevenue: revenueToInput(c.annualRevenue),
    status: c.status,
    channelId: c.channelId ?? '',
    industryId: c.industryId ?? '',
    activityKindId: c.activityKindId ?? '',
    tags: [...c.tags],
    managerId: c.managerId,
  };
}

function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

/** Phones as people read them: `+7 (XXX) XXX-XX-XX` (the API normalises for search). */
function phonesForApi(values: readonly string[]): string[] {
  return cleanList(values).map((p) => (isPhone(p) ? formatPhone(p) : p));
}

/** What creating and editing both send (the manager and the version are added by the caller). */
export function clientFormBody(form: ClientForm) {
  const revenue = parseRevenueInput(form.annualRevenue);
  const legal = form.kind === 'legal_entity';
  const headcount = form.headcount.replace(/\s/g, '');
  return {
    kind: form.kind,
    name: form.name.trim(),
    inn: textOrNull(form.inn),
    kpp: legal ? textOrNull(form.kpp.toUpperCase()) : null,
    ogrn: legal ? textOrNull(form.ogrn) : null,
    birthday: legal ? null : form.birthday || null,
    phones: phonesForApi(form.phones),
    emails: cleanList(form.emails),
    region: textOrNull(form.region),
    city: textOrNull(form.city),
    address: textOrNull(form.address),
    headcount: headcount ? Number(headcount) : null,
    annualRevenue: revenue.ok ? revenue.value : null,
    status: form.status,
    channelId: form.channelId || null,
    industryId: form.industryId || null,
    activityKindId: form.activityKindId || null,
    tags: cleanList(form.tags),
  };
}
