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
};

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
type XlsxPath = '/api/analytics/dashboard.xlsx' | '/api/analytics/managers/monthly.xlsx';

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
