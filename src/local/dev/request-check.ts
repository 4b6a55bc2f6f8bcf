/**
 * Who may use the dev server (issue 9 §11). Without these checks any page open in the same
 * browser — another local dev server, a site that found the port — could POST to /api/run
 * and write records. Every request must be addressed to a loopback host name (a DNS
 * rebinding page sends its own name); a POST must come from the server's own origin when
 * the browser says where it comes from, and must carry the per-start token that only the
 * served pages hold.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER, TOKEN_META_NAME } from '../web/request-token';

export { TOKEN_HEADER } from '../web/request-token';

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Binding to every interface says nothing about the name clients use. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export function newRequestToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The tag that hands the token to a served page (base64url needs no escaping). */
export function tokenMetaTag(token: string): string {
  return `<meta name="${TOKEN_META_NAME}" content="${token}">`;
}

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
}

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RequestPolicy {
  token: string;
  /** The host the server was bound to, accepted as a Host name too unless a wildcard. */
  boundHost?: string;
}

/** Why the server must refuse this request (the 403 message), or null when it may answer. */
export function refusal(req: IncomingMessage, policy: RequestPolicy): string | null {
  const host = req.headers.host;
  const hostname = host === undefined ? undefined : hostnameOf(host);
  const bound = policy.boundHost;
  const allowed =
    hostname !== undefined &&
    (LOOPBACK_HOSTNAMES.has(hostname) ||
      (bound !== undefined && !WILDCARD_HOSTS.has(bound) && hostnameOf(bound) === hostname));
  if (!allowed) {
    return `Forbidden: the local runtime answers only requests to localhost, not to Host ${host ?? '(none)'}.`;
  }
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return `Forbidden: a page from ${origin} may not change the workbook; only http://${host} may.`;
  }
  const sent = req.headers[TOKEN_HEADER];
  if (typeof sent !== 'string' || !sameSecret(sent, policy.token)) {
    return (
      `Forbidden: missing or wrong ${TOKEN_HEADER} header. Only the pages served by this ` +
      'local runtime may change the workbook; reload the page if the server was restarted.'
    );
  }
  return null;
}
