import { ElMessage, ElMessageBox } from 'element-plus';
import { api } from '@/api/client';
import { notifyError, unwrap } from '@/api/errors';
import type { BodyOf, QueryOf } from '@/api/types';
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

/** One page of invoices (the invoices screen, a deal's invoices tab). */
export const fetchInvoices = (query: QueryOf<'/api/invoices', 'get'>) => unwrap(api.GET('/api/invoices', { params: { query } }));

export const fetchInvoice = (id: string) => unwrap(api.GET('/api/invoices/{id}', { params: { path: { id } } }));

/** `POST /api/invoices` for a deal or a contract; 422 with field errors. */
export const createInvoice = (body: BodyOf<'/api/invoices', 'post'>) => unwrap(api.POST('/api/invoices', { body }));

export const fetchPayments = (invoiceId: string, pageSize: number) =>
  unwrap(api.GET('/api/invoices/{id}/payments', { params: { path: { id: invoiceId }, query: { pageSize } } }));

/** Records a payment; 422 when it exceeds what is outstanding. */
export const savePayment = (invoiceId: string, body: BodyOf<'/api/invoices/{id}/payments', 'post'>) =>
  unwrap(api.POST('/api/invoices/{id}/payments', { params: { path: { id: invoiceId } }, body }));
