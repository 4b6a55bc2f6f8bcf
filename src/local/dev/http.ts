/**
 * The dev server's replies and request bodies. Every error the server sends goes through
 * replyError, so the page always gets `{ ok: false, error: { name, message } }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 5_000_000;

/** An error a route throws to answer with a given HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/**
 * The one error reply. Status 200 is used on purpose for failures that are the answer to a
 * well-formed request (a script error for google.script.run), as the page's protocol expects.
 */
export function replyError(
  res: ServerResponse,
  status: number,
  error: { name?: string; message: string },
): void {
  sendJson(res, status, {
    ok: false,
    error: { name: error.name ?? 'Error', message: error.message },
  });
}

export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HttpError(400, 'Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
