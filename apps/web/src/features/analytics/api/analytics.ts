import type { Schemas } from '@polar/api-client';
import { keepPreviousData, useQuery } from '@tanstack/vue-query';
import { computed, type Ref } from 'vue';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { fileNameFrom, saveBlob } from '@/features/clients/api/download';
import { queryClient } from '@/shared/query/client';

/** Query keys of the analytics screens (reports are read-only: nothing invalidates them but time). */
export const analyticsKeys = {
  all: ['analytics'] as const,
  dashboard: (date: string) => ['analytics', 'dashboard', date] as const,
  managersMonthly: (month: string) => ['analytics', 'managers', month] as const,
  funnel: (q: FunnelFilters) => ['analytics', 'funnel', q.from, q.to, q.managerId ?? ''] as const,
  competitors: ['analytics', 'competitors'] as const,
  sales: (q: SalesFilters) => ['analytics', 'sales', q.period, q.from, q.to] as const,
};

export interface SalesFilters {
  period: 'day' | 'week' | 'month' | 'quarter' | 'year';
  from: string;
  to: string;
}

/** The 15 sales indicators for a span, stepped by the chosen unit, beside the period before and last year. */
export function useSalesReportQuery(filters: Ref<SalesFilters>) {
  return useQuery(
    {
      queryKey: computed(() => analyticsKeys.sales(filters.value)),
      queryFn: ({ signal }) => unwrap(api.GET('/api/analytics/sales', { params: { query: { ...filters.value } }, signal })),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    },
    queryClient,
  );
}

export interface FunnelFilters {
  from: string;
  to: string;
  managerId?: string;
}

/** The funnel for deals created in the period, beside the period before it. */
export function useFunnelReportQuery(filters: Ref<FunnelFilters>) {
  return useQuery(
    {
      queryKey: computed(() => analyticsKeys.funnel(filters.value)),
      queryFn: ({ signal }) => unwrap(api.GET('/api/analytics/funnel', { params: { query: { ...filters.value } }, signal })),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    },
    queryClient,
  );
}

/** Every competitor (archived ones too), with the losses in the user's scope. */
export function useCompetitorsQuery() {
  return useQuery(
    {
      queryKey: analyticsKeys.competitors,
      queryFn: ({ signal }) => unwrap(api.GET('/api/competitors', { params: { query: { all: true } }, signal })),
      staleTime: 60_000,
    },
    queryClient,
  );
}

export type CompetitorInput = Schemas['CreateCompetitorDto'];

export async function saveCompetitor(input: CompetitorInput, existing?: { id: string; version: number }): Promise<Schemas['CompetitorDto']> {
  const saved = existing
    ? await unwrap(api.PATCH('/api/competitors/{id}', { params: { path: { id: existing.id } }, body: { ...input, version: existing.version } }))
    : await unwrap(api.POST('/api/competitors', { body: input }));
  await queryClient.invalidateQueries({ queryKey: analyticsKeys.competitors });
  return saved;
}

export async function archiveCompetitor(c: { id: string; version: number }, isActive: boolean): Promise<void> {
  await unwrap(api.PATCH('/api/competitors/{id}', { params: { path: { id: c.id } }, body: { version: c.version, isActive } }));
  await queryClient.invalidateQueries({ queryKey: analyticsKeys.competitors });
}

/** The director's day for a Moscow day, scoped by the server to what the user may see. */
export function useDashboardQuery(date: Ref<string>) {
  return useQuery(
    {
      queryKey: computed(() => analyticsKeys.dashboard(date.value)),
      queryFn: ({ signal }) => unwrap(api.GET('/api/analytics/dashboard', { params: { query: { date: date.value } }, signal })),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    },
    queryClient,
  );
}

/** Per manager for a month: interests, proposals and the 11 KPIs (a manager gets their own row). */
export function useManagersMonthlyQuery(month: Ref<string>) {
  return useQuery(
    {
      queryKey: computed(() => analyticsKeys.managersMonthly(month.value)),
      queryFn: ({ signal }) => unwrap(api.GET('/api/analytics/managers/monthly', { params: { query: { month: month.value } }, signal })),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    },
    queryClient,
  );
}

/** The XLSX exports, each with the same filters as its screen. */
type XlsxPath = '/api/analytics/dashboard.xlsx' | '/api/analytics/managers/monthly.xlsx' | '/api/analytics/funnel.xlsx' | '/api/analytics/sales.xlsx' | '/api/analytics/clients/portfolio.xlsx';

/** Downloads a report workbook through the API client (bearer token and silent refresh apply). */
export async function downloadReport(path: XlsxPath, query: Record<string, string | undefined>, fallback: string): Promise<string> {
  let disposition: string | null = null;
  const blob = await unwrap(
    api.GET(path, { params: { query }, parseAs: 'blob' }).then((result) => {
      disposition = result.response.headers.get('Content-Disposition');
      return result;
    }),
  );
  const fileName = fileNameFrom(disposition, fallback);
  saveBlob(blob as Blob, fileName);
  return fileName;
}

export interface PortfolioFilters {
  q?: string;
  region?: string;
  city?: string;
  buyersOnly?: boolean;
}

/** One keyset page of the client portfolio. */
export function fetchPortfolioPage(filters: PortfolioFilters, cursor?: string): Promise<Schemas['PortfolioPageDto']> {
  return unwrap(api.GET('/api/analytics/clients/portfolio', { params: { query: { ...filters, cursor, pageSize: 50 } } }));
}
