import { ElMessage } from 'element-plus';
import { api } from '@/api/client';
import { notifyError, unwrap } from '@/api/errors';
import { t } from '@/i18n';

/** The documents the API prints on the company's letterhead. */
export type PrintableDocument = 'proposal' | 'invoice' | 'contract';

function fetchPrintHtml(kind: PrintableDocument, id: string): Promise<unknown> {
  const options = { params: { path: { id } }, parseAs: 'text' as const };
  switch (kind) {
    case 'proposal':
      return unwrap(api.GET('/api/proposals/{id}/print', options));
    case 'invoice':
      return unwrap(api.GET('/api/invoices/{id}/print', options));
    case 'contract':
      return unwrap(api.GET('/api/contracts/{id}/print', options));
  }
}

/**
 * Opens a printable document: the HTML is fetched with the bearer token (a plain
 * link would carry none) and shown in a new window from a Blob URL, where the browser
 * prints it or saves it as PDF. The window is opened before the request so that
 * pop-up blockers treat it as the user's own action. Resolves to false when the
 * browser refused the window.
 */
export async function openDocumentPrint(kind: PrintableDocument, id: string): Promise<boolean> {
  const win = window.open('', '_blank');
  if (!win) return false;
  try {
    win.document.title = '…';
    const html = await fetchPrintHtml(kind, id);
    const url = URL.createObjectURL(new Blob([html as string], { type: 'text/html;charset=utf-8' }));
    win.location.href = url;
    // The new document has loaded the URL by then; release it a little later.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return true;
  } catch (error) {
    win.close();
    throw error;
  }
}

/** Opens the print form from a button: tells the user when the pop-up was blocked or the form failed. */
export async function printDocument(kind: PrintableDocument, id: string): Promise<void> {
  try {
    if (!(await openDocumentPrint(kind, id))) ElMessage.warning(t('funnel.proposals.popupBlocked'));
  } catch (error) {
    notifyError(error, t('funnel.proposals.printFailed'));
  }
}
