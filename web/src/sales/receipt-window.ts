import { api } from '../api.ts';
import { toApiError } from '../api-error.ts';

/**
 * Opens the printable receipt in a new window (it prints itself). The window is opened at
 * once, inside the click, so no pop-up blocker stops it; if the server cannot give the
 * receipt it is closed again and the reason is returned for the screen to show.
 */
export async function openReceipt(saleId: string): Promise<string | null> {
  const win = window.open('', '_blank');
  let response: Response;
  try {
    response = await fetch(api.receiptUrl(saleId, false), {
      credentials: 'same-origin',
      headers: { accept: 'text/html' },
    });
  } catch {
    win?.close();
    return 'Cannot reach the server. Check the connection and try again.';
  }
  if (!response.ok) {
    win?.close();
    return (await toApiError(response)).detail;
  }
  if (win === null) return 'The browser blocked the receipt window: allow pop-ups for this site.';
  win.location.href = api.receiptUrl(saleId, true);
  return null;
}
