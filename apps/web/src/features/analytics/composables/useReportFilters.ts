import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';
import { notifyError } from '@/api/errors';
import { t } from '@/i18n';
import { downloadReport } from '@/features/analytics/api/analytics';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The report pages keep their filters in the address, so a link reproduces a report.
 * One reading of the address (`text`, `day`, `month`, `flag`, each with its default
 * when the address has none or a malformed one) and one way to change it (`set`, which
 * replaces the history entry and drops empty values).
 */
export function useReportAddress() {
  const route = useRoute();
  const router = useRouter();
  const raw = (name: string): string => {
    const value = route.query[name];
    return typeof value === 'string' ? value : '';
  };
  return {
    text: (name: string): string | undefined => raw(name) || undefined,
    day: (name: string, fallback: string): string => (DAY.test(raw(name)) ? raw(name) : fallback),
    month: (name: string, fallback: string): string => (MONTH.test(raw(name)) ? raw(name) : fallback),
    flag: (name: string): true | undefined => (raw(name) === 'true' ? true : undefined),
    oneOf: <T extends string>(name: string, allowed: readonly T[], fallback: T): T =>
      (allowed as readonly string[]).includes(raw(name)) ? (raw(name) as T) : fallback,
    set: (patch: Record<string, string | boolean | null | undefined>): void => {
      const query: LocationQueryRaw = { ...route.query };
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === null || value === '' || value === false) delete query[key];
        else query[key] = value === true ? 'true' : value;
      }
      void router.replace({ query });
    },
  };
}

/**
 * «Скачать XLSX» of a report page: the file is saved with its name, a toast says so, a
 * failure is shown once; `downloading` drives the button's spinner.
 */
export function useReportDownload() {
  const downloading = ref(false);
  async function download(path: Parameters<typeof downloadReport>[0], query: Parameters<typeof downloadReport>[1], fileName: string): Promise<void> {
    if (downloading.value) return;
    downloading.value = true;
    try {
      const name = await downloadReport(path, query, fileName);
      ElMessage.success(t('analytics.downloaded', { name }));
    } catch (error) {
      notifyError(error);
    } finally {
      downloading.value = false;
    }
  }
  return { downloading, download };
}
