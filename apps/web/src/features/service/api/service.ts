import type { paths, Schemas } from '@polar/api-client';
import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { queryClient } from '@/shared/query/client';

export type InstallationDto = Schemas['InstallationDto'];
export type EquipmentUnitDto = Schemas['EquipmentUnitDto'];
export type EquipmentHistoryEntryDto = Schemas['EquipmentHistoryEntryDto'];
export type ServiceContractDto = Schemas['ServiceContractDto'];
export type ServiceVisitDto = Schemas['ServiceVisitDto'];
export type ServiceRequestDto = Schemas['ServiceRequestDto'];
export type ServiceCalendarDto = Schemas['ServiceCalendarDto'];
export type CalendarItemDto = Schemas['ServiceCalendarItemDto'];
export type ReportServiceVisitDto = Schemas['ReportServiceVisitDto'];
export type FinishInstallationDto = Schemas['FinishInstallationDto'];
export type CreateServiceRequestDto = Schemas['CreateServiceRequestDto'];
export type PartUsedDto = Schemas['PartUsedDto'];
export type SlipCode = Schemas['SlipCode'];

export type InstallationQuery = NonNullable<paths['/api/installations']['get']['parameters']['query']>;
export type EquipmentQuery = NonNullable<paths['/api/equipment']['get']['parameters']['query']>;
export type ContractQuery = NonNullable<paths['/api/service-contracts']['get']['parameters']['query']>;
export type VisitQuery = NonNullable<paths['/api/service-visits']['get']['parameters']['query']>;
export type RequestQuery = NonNullable<paths['/api/service-requests']['get']['parameters']['query']>;

/** Query keys of the service module: every change invalidates `serviceKeys.all` (lists are cheap and related). */
export const serviceKeys = {
  all: ['service'] as const,
  installations: (q: InstallationQuery) => ['service', 'installations', q] as const,
  equipment: (q: EquipmentQuery) => ['service', 'equipment', q] as const,
  unit: (id: string) => ['service', 'unit', id] as const,
  history: (id: string) => ['service', 'unit', id, 'history'] as const,
  contracts: (q: ContractQuery) => ['service', 'contracts', q] as const,
  contract: (id: string) => ['service', 'contract', id] as const,
  visits: (q: VisitQuery) => ['service', 'visits', q] as const,
  visit: (id: string) => ['service', 'visit', id] as const,
  requests: (q: RequestQuery) => ['service', 'requests', q] as const,
  calendar: (from: string, to: string, engineerId?: string) => ['service', 'calendar', from, to, engineerId ?? ''] as const,
};

const list = <K extends readonly unknown[], D>(key: () => K, fn: (signal: AbortSignal) => Promise<D>, enabled?: Ref<boolean>) =>
  useQuery({ queryKey: computed(key), queryFn: ({ signal }) => fn(signal), placeholderData: keepPreviousData, ...(enabled ? { enabled } : {}) }, queryClient);

export const useInstallationsQuery = (q: Ref<InstallationQuery>, enabled?: Ref<boolean>) =>
  list(() => serviceKeys.installations(q.value), (signal) => unwrap(api.GET('/api/installations', { params: { query: q.value }, signal })), enabled);

export const useEquipmentQuery = (q: Ref<EquipmentQuery>, enabled?: Ref<boolean>) =>
  list(() => serviceKeys.equipment(q.value), (signal) => unwrap(api.GET('/api/equipment', { params: { query: q.value }, signal })), enabled);

export const useUnitQuery = (id: Ref<string>) =>
  list(() => serviceKeys.unit(id.value), (signal) => unwrap(api.GET('/api/equipment/{id}', { params: { path: { id: id.value } }, signal })));

export const useUnitHistoryQuery = (id: Ref<string>) =>
  list(() => serviceKeys.history(id.value), (signal) => unwrap(api.GET('/api/equipment/{id}/history', { params: { path: { id: id.value } }, signal })));

export const useContractsQuery = (q: Ref<ContractQuery>, enabled?: Ref<boolean>) =>
  list(() => serviceKeys.contracts(q.value), (signal) => unwrap(api.GET('/api/service-contracts', { params: { query: q.value }, signal })), enabled);

export const useContractQuery = (id: Ref<string>) =>
  list(() => serviceKeys.contract(id.value), (signal) => unwrap(api.GET('/api/service-contracts/{id}', { params: { path: { id: id.value } }, signal })));

export const useVisitsQuery = (q: Ref<VisitQuery>, enabled?: Ref<boolean>) =>
  list(() => serviceKeys.visits(q.value), (signal) => unwrap(api.GET('/api/service-visits', { params: { query: q.value }, signal })), enabled);

export const useVisitQuery = (id: Ref<string>) =>
  list(() => serviceKeys.visit(id.value), (signal) => unwrap(api.GET('/api/service-visits/{id}', { params: { path: { id: id.value } }, signal })));

/**
 * Complaints about a unit (the quality module's list, filtered by equipment), for the
 * unit's history. Read through the typed client, not the quality feature's code.
 */
export const useUnitComplaintsQuery = (id: Ref<string>, enabled: Ref<boolean>) =>
  list(
    () => ['service', 'unit', id.value, 'complaints'] as const,
    (signal) => unwrap(api.GET('/api/complaints', { params: { query: { equipmentUnitId: id.value, state: 'all', pageSize: 100 } }, signal })),
    enabled,
  );

export const useRequestsQuery = (q: Ref<RequestQuery>) =>
  list(() => serviceKeys.requests(q.value), (signal) => unwrap(api.GET('/api/service-requests', { params: { query: q.value }, signal })));

export const useCalendarQuery = (from: Ref<string>, to: Ref<string>, engineerId?: Ref<string | undefined>) =>
  list(
    () => serviceKeys.calendar(from.value, to.value, engineerId?.value),
    (signal) => unwrap(api.GET('/api/service/calendar', { params: { query: { from: from.value, to: to.value, ...(engineerId?.value ? { engineerId: engineerId.value } : {}) } }, signal })),
  );

/** After any change: every service list and card re-reads. */
export function invalidateService(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: serviceKeys.all });
}

async function changed<T>(call: Promise<T>): Promise<T> {
  const result = await call;
  void invalidateService();
  return result;
}

export const planInstallation = (job: InstallationDto, body: { plannedOn?: string; engineerIds?: string[] }) =>
  changed(unwrap(api.PATCH('/api/installations/{id}', { params: { path: { id: job.id } }, body: { ...body, version: job.version } })));

export const startInstallation = (job: InstallationDto) =>
  changed(unwrap(api.POST('/api/installations/{id}/start', { params: { path: { id: job.id } }, body: { version: job.version } })));

export const finishInstallation = (job: InstallationDto, body: Omit<FinishInstallationDto, 'version'>) =>
  changed(unwrap(api.POST('/api/installations/{id}/finish', { params: { path: { id: job.id } }, body: { ...body, version: job.version } })));

export const cancelInstallation = (job: InstallationDto, reason: string) =>
  changed(unwrap(api.POST('/api/installations/{id}/cancel', { params: { path: { id: job.id } }, body: { version: job.version, reason } })));

export const reportVisit = (visit: ServiceVisitDto, body: Omit<ReportServiceVisitDto, 'version'>) =>
  changed(unwrap(api.POST('/api/service-visits/{id}/report', { params: { path: { id: visit.id } }, body: { ...body, version: visit.version } })));

export const createUnit = (body: Schemas['CreateEquipmentDto']) => changed(unwrap(api.POST('/api/equipment', { body })));

export const createContract = (body: Schemas['CreateServiceContractDto']) => changed(unwrap(api.POST('/api/service-contracts', { body })));

/** Changes a contract's terms or status; the visit plan is regenerated by the API. A stale version is a 409. */
export const updateContract = (id: string, body: Schemas['UpdateServiceContractDto']) =>
  changed(unwrap(api.PATCH('/api/service-contracts/{id}', { params: { path: { id } }, body })));

export const createRequest = (body: CreateServiceRequestDto) => changed(unwrap(api.POST('/api/service-requests', { body })));

export const resolveRequest = (r: ServiceRequestDto, outcome: string) =>
  changed(unwrap(api.POST('/api/service-requests/{id}/resolve', { params: { path: { id: r.id } }, body: { version: r.version, outcome } })));

export const escalateRequest = (r: ServiceRequestDto, plannedOn: string, engineerIds: string[]) =>
  changed(unwrap(api.POST('/api/service-requests/{id}/escalate', { params: { path: { id: r.id } }, body: { version: r.version, plannedOn, ...(engineerIds.length ? { engineerIds } : {}) } })));
