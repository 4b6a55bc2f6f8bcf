/**
 * The dev server over plain HTTP: who may change the workbook (issue 9 §11: Host, Origin and
 * the per-start token) and "run now" for a trigger going through the runtime's trigger run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer, TOKEN_HEADER, type DevServer } from '../../src/local/dev-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-dev-server-'));
const PROBE = join(dir, 'Code.js');
writeFileSync(
  PROBE,
  `
function write(text) { SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue(text); return text; }
function installHourly() { return ScriptApp.newTrigger('tick').timeBased().everyHours(1).create().getUniqueId(); }
function tick(e) { PropertiesService.getDocumentProperties().setProperty('event', JSON.stringify(e)); }
`,
);
writeFileSync(
  join(dir, 'sidebar.html'),
  '<!doctype html><html><head></head><body>probe</body></html>',
);

let server: DevServer;
let port: number;

beforeAll(async () => {
  server = await startDevServer({
    workbookPath: join(dir, 'test.workbook.json'),
    codePath: PROBE,
    port: 0,
  });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: { ok?: boolean; value?: unknown; error?: { message: string } } & Record<string, unknown>;
  text: string;
}

/** A raw request, so the test decides every header (fetch would add or forbid some). */
function send(
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { host: `localhost:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          const json = res.headers['content-type']?.includes('json') ? JSON.parse(text) : {};
          resolve({ status: res.statusCode ?? 0, body: json, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function pageToken(): Promise<string> {
  const page = await send('GET', '/', {});
  const token = /<meta name="kartoteka-request-token" content="([^"]+)">/.exec(page.text)?.[1];
  expect(token).toMatch(/^[\w-]{40,}$/);
  return token!;
}

const cellA1 = () => server.runtime().state.sheets[0].rows[0]?.[0]?.v;

describe('dev server: who may change the workbook', () => {
  it('runs a POST that carries the token its page was given', async () => {
    const token = await pageToken();
    const sidebar = await send('GET', '/sidebar', {});
    expect(sidebar.text).toContain(`content="${token}"`);
    const reply = await send(
      'POST',
      '/api/run',
      { [TOKEN_HEADER]: token, origin: `http://localhost:${port}` },
      { functionName: 'write', args: ['from the page'] },
    );
    expect(reply).toMatchObject({ status: 200, body: { ok: true, value: 'from the page' } });
    expect(cellA1()).toBe('from the page');
  });

  it.each([
    ['no token', {}, /missing or wrong x-kartoteka-token/],
    ['a wrong token', { [TOKEN_HEADER]: 'guessed' }, /missing or wrong x-kartoteka-token/],
  ])('refuses a POST with %s (403) and runs nothing', async (_what, headers, message) => {
    const before = cellA1();
    const reply = await send('POST', '/api/run', headers, {
      functionName: 'write',
      args: ['forged'],
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({
      ok: false,
      error: { name: 'Error', message: expect.any(String) },
    });
    expect(reply.body.error!.message).toMatch(message);
    expect(cellA1()).toBe(before);
  });

  it('refuses a POST from another origin even with the right token', async () => {
    const token = await pageToken();
    const reply = await send(
      'POST',
      '/api/run',
      { [TOKEN_HEADER]: token, origin: 'http://localhost:5173' },
      { functionName: 'write', args: ['forged'] },
    );
    expect(reply.status).toBe(403);
    expect(reply.body.error!.message).toBe(
      `Forbidden: a page from http://localhost:5173 may not change the workbook; only http://localhost:${port} may.`,
    );
    expect(cellA1()).not.toBe('forged');
  });

  it('answers nothing to a request addressed to another host name (DNS rebinding)', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const reply = await send(method, '/', { host: `attacker.example:${port}` });
      expect(reply.status).toBe(403);
      expect(reply.text).not.toContain('kartoteka-request-token');
      expect(reply.body.error!.message).toMatch(/only requests to localhost/);
    }
  });
});

describe('dev server: "run now" for a trigger', () => {
  it('runs the trigger through the runtime: the clock event, lastRun and the next run', async () => {
    const token = await pageToken();
    const headers = { [TOKEN_HEADER]: token };
    server.runtime().setNow(new Date('2026-03-08T23:30:00Z'));
    const install = await send('POST', '/api/run', headers, { functionName: 'installHourly' });
    const uniqueId = install.body.value as string;
    const reply = await send('POST', '/api/triggers/run-now', headers, { uniqueId });
    expect(reply).toMatchObject({ status: 200, body: { ok: true } });
    const trigger = server.runtime().state.triggers.find((t) => t.uniqueId === uniqueId)!;
    expect(trigger.lastRun).toBe('2026-03-08T23:30:00.000Z');
    expect(trigger.nextRun).toBe('2026-03-09T00:30:00.000Z');
    const event = JSON.parse(server.runtime().state.properties.document.event!);
    expect(event).toMatchObject({ triggerUid: uniqueId, 'day-of-week': 7, timezone: 'UTC' });
    const executions = (reply.body.state as { executions: Array<{ functionName: string }> })
      .executions;
    expect(executions.at(-1)?.functionName).toBe('tick');
  });

  it('answers 404 for an unknown trigger', async () => {
    const reply = await send(
      'POST',
      '/api/triggers/run-now',
      { [TOKEN_HEADER]: await pageToken() },
      { uniqueId: 'nope' },
    );
    expect(reply).toMatchObject({
      status: 404,
      body: { ok: false, error: { message: 'No such trigger' } },
    });
  });
});
