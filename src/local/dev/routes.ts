/**
 * The dev server's HTTP routes, one small handler each. Handlers throw HttpError for a bad
 * request; the dispatcher (dev-server.ts) turns any throw into replyError.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionSource } from '../emulator/execution';
import { crossBoundary, ScriptRunBoundaryError } from '../script-run';
import { HttpError, readJsonBody, replyError, sendHtml, sendJson } from './http';
import type { DevSession } from './session';

export type Route = (
  session: DevSession,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<void> | void;

/** POST /api/run: google.script.run and menu items. Failures are answers, so status 200. */
async function runFunction(session: DevSession, req: IncomingMessage, res: ServerResponse) {
  const body = await readJsonBody(req);
  const functionName = String(body.functionName ?? '');
  const source = (body.source as ExecutionSource | undefined) ?? 'script-run';
  let args: unknown[];
  try {
    if (!Array.isArray(body.args ?? [])) throw new ScriptRunBoundaryError('args must be an array');
    args = crossBoundary((body.args as unknown[] | undefined) ?? [], 'arguments');
  } catch (error) {
    return replyError(res, 200, { message: (error as Error).message });
  }
  if (!session.entryPoints.includes(functionName)) {
    // Google's wording when the page calls a function the script does not define.
    return replyError(res, 200, { message: `Script function not found: ${functionName}` });
  }
  const result = session.execute(functionName, args, source);
  if (!result.ok) return replyError(res, 200, result.error!);
  try {
    sendJson(res, 200, { ok: true, value: crossBoundary(result.value, 'return value') ?? null });
  } catch (error) {
    replyError(res, 200, { message: (error as Error).message });
  }
}

/** POST /api/open: opening the document runs the simple trigger onOpen. */
function openDocument(session: DevSession, _req: IncomingMessage, res: ServerResponse) {
  // NONE until the add-on has been used in this document, LIMITED after (auth lifecycle).
  const authMode = session.runtime.state.addonEnabled ? 'LIMITED' : 'NONE';
  if (session.entryPoints.includes('onOpen')) {
    session.execute('onOpen', [{ authMode }], 'simple-trigger');
  }
  sendJson(res, 200, session.overview());
}

async function editCell(session: DevSession, req: IncomingMessage, res: ServerResponse) {
  const body = await readJsonBody(req);
  try {
    session.change(() =>
      session.runtime.userEdit(String(body.sheet), String(body.a1), String(body.text ?? '')),
    );
  } catch (error) {
    // Sheets refusing the input (validation, no such cell) is an answer for the page.
    return replyError(res, 200, { message: (error as Error).message });
  }
  sendJson(res, 200, { ok: true });
}

/** The user's cursor: what getActiveSheet/getCurrentCell see ("Edit the selected row"). */
async function selectCell(session: DevSession, req: IncomingMessage, res: ServerResponse) {
  const body = await readJsonBody(req);
  const state = session.runtime.state;
  const index = state.sheets.findIndex((s) => s.name === String(body.sheet));
  if (index === -1 || !/^[A-Z]+\d+$/.test(String(body.a1)))
    throw new HttpError(400, 'No such cell');
  session.change(() => {
    state.activeSheetIndex = index;
    state.activeCell = String(body.a1);
  });
  sendJson(res, 200, { ok: true });
}

async function setClock(session: DevSession, req: IncomingMessage, res: ServerResponse) {
  const body = await readJsonBody(req);
  const now = new Date(String(body.now));
  if (Number.isNaN(now.getTime())) throw new HttpError(400, `Not a date: ${String(body.now)}`);
  session.runtime.setNow(now);
  session.version++;
  sendJson(res, 200, session.overview());
}

function runDueTriggers(session: DevSession, _req: IncomingMessage, res: ServerResponse) {
  const handlers = new Map(
    session.runtime.state.triggers.map((t) => [t.uniqueId, t.handlerFunction]),
  );
  const runs = session.change(() => session.runtime.runDueTriggers());
  for (const run of runs) session.record(handlers.get(run.trigger) ?? run.trigger, run.result);
  sendJson(res, 200, { runs: runs.length, state: session.overview() });
}

/** "Run now" for one trigger: the runtime's own trigger run, not a plain function call. */
async function runTriggerNow(session: DevSession, req: IncomingMessage, res: ServerResponse) {
  const body = await readJsonBody(req);
  const trigger = session.runtime.state.triggers.find((t) => t.uniqueId === body.uniqueId);
  if (!trigger) throw new HttpError(404, 'No such trigger');
  if (trigger.eventType !== 'CLOCK') {
    throw new HttpError(400, `Only time-driven triggers run from the clock (${trigger.eventType})`);
  }
  const result = session.change(() => session.runtime.runTrigger(trigger.uniqueId));
  session.record(trigger.handlerFunction, result);
  sendJson(res, 200, { ok: result.ok, state: session.overview() });
}

/** Server-sent events: tells open pages to reload after a rebuild (npm run dev). */
function reloadEvents(session: DevSession, req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  session.reloadClients.add(res);
  req.on('close', () => session.reloadClients.delete(res));
}

export const ROUTES: Record<string, Route> = {
  'GET /': (session, _req, res) => sendHtml(res, session.shellPage()),
  'GET /sidebar': (session, _req, res) => sendHtml(res, session.sidebarPage()),
  'GET /api/state': (session, _req, res) => sendJson(res, 200, session.overview()),
  'GET /api/sheet': (session, _req, res, url) =>
    sendJson(res, 200, session.sheetView(url.searchParams.get('name') ?? '')),
  'GET /api/events': reloadEvents,
  'POST /api/open': openDocument,
  'POST /api/run': runFunction,
  'POST /api/edit': editCell,
  'POST /api/select': selectCell,
  'POST /api/now': setClock,
  'POST /api/triggers/run-due': runDueTriggers,
  'POST /api/triggers/run-now': runTriggerNow,
};
