import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import type { ClientExportQuery } from '@/api/types';

/** Hands a Blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** `attachment; filename="clients-2026-01-15.xlsx"` (or RFC 5987 `filename*=`) → the name. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Downloads the client list for the given filters (server-side export, your scope)
 * through the API client, so the bearer token and the silent refresh apply.
 */
export async function downloadClients(query: ClientExportQuery): Promise<string> {
  let disposition: string | null = null;
  const blob = await unwrap(
    api
      .GET('/api/clients/export', { params: { query }, parseAs: 'blob' })
      .then((result) => {
        disposition = result.response.headers.get('Content-Disposition');
        return result;
      }),
  );
  const fileName = fileNameFrom(disposition, `clients.${query.format}`);
  saveBlob(blob as Blob, fileName);
  return fileName;
}
