import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { notifyError } from '@/api/errors';
import { t } from '@/i18n';
import { downloadClients } from '@/features/clients/api/download';
import { toFilterQuery, type ClientListState } from '@/features/clients/lib/query';

export type ExportFormat = 'xlsx' | 'csv';

/** The export of the clients the list's filters select, one file at a time. */
export function useClientExport(state: ClientListState) {
  const exporting = ref<ExportFormat | null>(null);

  async function exportAs(format: ExportFormat): Promise<void> {
    if (exporting.value) return;
    exporting.value = format;
    try {
      const name = await downloadClients({ ...toFilterQuery(state), format });
      ElMessage.success(t('clients.exported', { name }));
    } catch (error) {
      notifyError(error);
    } finally {
      exporting.value = null;
    }
  }

  return { exporting, exportAs };
}
