import { api } from '@/api/client';
import { unwrap } from '@/api/errors';

/**
 * Opens the printable proposal: the HTML is fetched with the bearer token (a plain
 * link would carry none) and shown in a new window from a Blob URL, where the browser
 * prints it or saves it as PDF. The window is opened before the request so that
 * pop-up blockers treat it as the user's own action. Resolves to false when the
 * browser refused the window.
 */
export async function openProposalPrint(proposalId: string): Promise<boolean> {
  const win = window.open('', '_blank');
  if (!win) return false;
  try {
    win.document.title = '…';
    const html = await unwrap(
      api.GET('/api/proposals/{id}/print', { params: { path: { id: proposalId } }, parseAs: 'text' }),
    );
    const url = URL.createObjectURL(new Blob([html as unknown as string], { type: 'text/html;charset=utf-8' }));
    win.location.href = url;
    // The new document has loaded the URL by then; release it a little later.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return true;
  } catch (error) {
    win.close();
    throw error;
  }
}
