import { computed, onBeforeUnmount, ref } from 'vue';
import { api } from '@/api/client';
import { notifyError, unwrap } from '@/api/errors';
import type { ClientImportDto } from '@/api/types';
import { t } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { pollImport, type ImportPoller } from '@/features/clients/api/importPoller';

export type ImportStep = 'upload' | 'check' | 'confirm' | 'progress' | 'result';
export const IMPORT_STEPS: readonly ImportStep[] = ['upload', 'check', 'confirm', 'progress', 'result'];

const MAX_BYTES = 25 * 1024 * 1024;

/**
 * The import wizard's state: 1 choose a file → 2 dry run (report) → 3 confirm → 4 progress
 * → 5 result. The real import re-sends the same file with `dryRun=false`; the API writes
 * all rows or none.
 */
export function useClientImport() {
  const session = useSessionStore();
  const canConfirmDuplicates = computed(() => session.can('clients.confirm_duplicate'));

  const step = ref<ImportStep>('upload');
  const file = ref<File | null>(null);
  const fileError = ref('');
  const busy = ref(false);
  const dryRun = ref<ClientImportDto | null>(null);
  const job = ref<ClientImportDto | null>(null);
  const importDuplicates = ref(false);
  const lostTrack = ref(false);
  let poller: ImportPoller | null = null;

  onBeforeUnmount(() => poller?.stop());

  function choose(candidate: File | null | undefined): void {
    fileError.value = '';
    if (!candidate) return;
    if (!/\.(csv|xlsx)$/i.test(candidate.name)) {
      fileError.value = t('clients.import.wrongType');
      return;
    }
    if (candidate.size > MAX_BYTES) {
      fileError.value = t('clients.import.tooLarge');
      return;
    }
    file.value = candidate;
    dryRun.value = null;
    job.value = null;
  }

  /** Starts an import of the chosen file and follows it to the end. */
  async function run(options: { dryRun: boolean; confirmDuplicates: boolean }): Promise<ClientImportDto | null> {
    const chosen = file.value;
    if (!chosen) return null;
    const started = await unwrap(
      api.POST('/api/clients/imports', {
        body: { file: chosen as unknown as string, dryRun: options.dryRun, confirmDuplicates: options.confirmDuplicates },
        bodySerializer: () => {
          const data = new FormData();
          data.append('file', chosen, chosen.name);
          data.append('dryRun', String(options.dryRun));
          data.append('confirmDuplicates', String(options.confirmDuplicates));
          return data;
        },
      }),
    );
    job.value = started;
    if (started.status !== 'running') return started;
    poller?.stop();
    poller = pollImport(
      () => unwrap(api.GET('/api/clients/imports/{id}', { params: { path: { id: started.id } } })),
      (update) => (job.value = update),
      { interval: 500 },
    );
    return poller.done;
  }

  async function check(): Promise<void> {
    if (!file.value || busy.value) return;
    busy.value = true;
    try {
      const result = await run({ dryRun: true, confirmDuplicates: false });
      if (!result) return;
      dryRun.value = result;
      importDuplicates.value = false;
      step.value = 'check';
    } catch (error) {
      notifyError(error);
    } finally {
      busy.value = false;
    }
  }

  async function start(): Promise<void> {
    if (!file.value || busy.value) return;
    busy.value = true;
    lostTrack.value = false;
    job.value = null; // the progress starts from zero, not from the finished dry run
    step.value = 'progress';
    try {
      const result = await run({ dryRun: false, confirmDuplicates: importDuplicates.value });
      if (result) job.value = result;
      step.value = 'result';
    } catch (error) {
      if (job.value) {
        lostTrack.value = true; // the import may still be running on the server
        step.value = 'result';
      } else {
        notifyError(error);
        step.value = 'confirm';
      }
    } finally {
      busy.value = false;
    }
  }

  function restart(): void {
    poller?.stop();
    file.value = null;
    dryRun.value = null;
    job.value = null;
    fileError.value = '';
    lostTrack.value = false;
    step.value = 'upload';
  }

  // ---------------------------------------------------------------- what the dry run found
  const report = computed(() => dryRun.value?.report ?? null);
  const errorCount = computed(() => report.value?.errors.length ?? 0);
  const duplicateCount = computed(() => report.value?.duplicates.length ?? 0);
  const checkFailed = computed(() => dryRun.value?.status === 'failed');
  const canProceed = computed(() => !!report.value && !checkFailed.value && errorCount.value === 0 && report.value.validRows > 0);
  // Possible duplicates are among the valid rows: without confirmation the API imports nothing.
  const willCreate = computed(() => report.value?.validRows ?? 0);
  const canStart = computed(() => canProceed.value && (duplicateCount.value === 0 || importDuplicates.value));

  const phaseText = computed(() => (job.value ? t(`clients.import.phases.${job.value.phase}`) : ''));

  return {
    step,
    file,
    fileError,
    busy,
    dryRun,
    job,
    importDuplicates,
    lostTrack,
    canConfirmDuplicates,
    duplicateCount,
    canProceed,
    willCreate,
    canStart,
    phaseText,
    choose,
    check,
    start,
    restart,
  };
}
