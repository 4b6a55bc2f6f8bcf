/**
 * The per-start secret that proves a request to the dev server comes from the page it
 * served (the grid page or the sidebar). The server writes it into those pages as a meta
 * tag; their scripts send it back in a header. Another site open in the same browser cannot
 * read the pages (same-origin policy), so it cannot send the header either.
 */
export const TOKEN_META_NAME = 'kartoteka-request-token';
export const TOKEN_HEADER = 'x-kartoteka-token';

/** The token of the page this script runs in ('' when the page has none). */
export function pageToken(): string {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META_NAME}"]`);
  return meta?.content ?? '';
}
