import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '@/api/client';
import { notifyError, unwrap } from '@/api/errors';
import { t } from '@/i18n';
import { funnelCodeMessage } from '@/features/funnel/lib/formErrors';
import type { InvoiceDto } from '@/features/funnel/lib/types';

/** Cancelling an invoice after a confirmation; `done` reloads the list. */
export function useInvoiceCancel(done: () => unknown) {
  async function cancel(invoice: InvoiceDto): Promise<void> {
    try {
      await ElMessageBox.confirm(t('funnel.invoices.cancelConfirm', { number: invoice.number }), t('funnel.common.confirm'), {
        type: 'warning',
        confirmButtonText: t('funnel.invoices.cancel'),
        cancelButtonText: t('funnel.common.cancel'),
      });
    } catch {
      return; // not confirmed
    }
    try {
      await unwrap(api.POST('/api/invoices/{id}/cancel', { params: { path: { id: invoice.id } } }));
      ElMessage.success(t('funnel.invoices.cancelled', { number: invoice.number }));
      await done();
    } catch (error) {
      notifyError(error, funnelCodeMessage(error) ?? undefined);
    }
  }
  return { cancel };
}
