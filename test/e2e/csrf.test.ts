/**
 * Issue 9 §11 in real Chromium: a page served from another localhost port (another dev
 * server, or a site that found the port) tries to make the local runtime run the bundle.
 * The dev server must refuse with 403 and the workbook must stay as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { DevServer } from '../../src/local/dev-server.ts';
import { launchBrowser, startTestServer } from './browser.ts';

let browser: Browser;
let server: DevServer;
let other: Server;
let otherUrl: string;
let page: Page;

beforeAll(async () => {
  ({ server } = await startTestServer());
  other = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another local app</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()));
  const address = other.address();
  otherUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/`;
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(otherUrl);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve()));
});

describe('a page from another localhost port', () => {
  it("gets 403 for a simple cross-site POST to /api/run, and the workbook doesn't change", async () => {
    const target = `${server.url}api/run`;
    const sheetsBefore = server.runtime().state.sheets.map((s) => s.name);
    // text/plain keeps it a "simple" request: the browser sends it without asking first.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === target),
      page.evaluate(
        (url) =>
          fetch(url, {
            method: 'POST',
            mode: 'no-cors',
            headers: { 'content-type': 'text/plain' },
            body: JSON.stringify({ functionName: 'setupTabsFromMenu', args: [], source: 'menu' }),
          }).then(() => 'sent'),
        target,
      ),
    ]);
    expect(response.status()).toBe(403);
    expect(server.runtime().state.sheets.map((s) => s.name)).toEqual(sheetsBefore);
    expect(sheetsBefore).toEqual(['Sheet1']);
  });

  it('gets 403 with a clear message for a classic form POST, and nothing runs', async () => {
    const form = await browser.newPage();
    await form.goto(otherUrl);
    const [response] = await Promise.all([
      form.waitForNavigation(),
      form.evaluate((url) => {
        // enctype text/plain with this name/value pair posts a JSON body, the usual trick.
        const element = document.createElement('form');
        element.method = 'POST';
        element.action = url;
        element.enctype = 'text/plain';
        const input = document.createElement('input');
        input.name = '{"functionName":"setupTabsFromMenu","args":[],"x":"';
        input.value = '"}';
        element.append(input);
        document.body.append(element);
        element.submit();
      }, `${server.url}api/run`),
    ]);
    expect(response?.status()).toBe(403);
    // The message names the origin the server saw: the other port's, as the browser sent it.
    expect(await response?.json()).toEqual({
      ok: false,
      error: {
        name: 'Error',
        message: `Forbidden: a page from ${otherUrl.replace(/\/$/, '')} may not change the workbook; only ${server.url.replace(/\/$/, '')} may.`,
      },
    });
    expect(server.runtime().state.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    await form.close();
  });

  it('cannot send a token header either: the preflight is refused and the POST never goes', async () => {
    const outcome = await page.evaluate(
      (url) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-kartoteka-token': 'guessed' },
          body: JSON.stringify({ functionName: 'setupTabsFromMenu', args: [] }),
        }).then(
          (r) => `answered ${r.status}`,
          (error: Error) => `blocked: ${error.name}`,
        ),
      `${server.url}api/run`,
    );
    expect(outcome).toBe('blocked: TypeError');
    expect(server.runtime().state.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it("cannot read the dev server's page to learn its token", async () => {
    const outcome = await page.evaluate(
      (url) =>
        fetch(url).then(
          (r) => r.text(),
          (error: Error) => `blocked: ${error.name}`,
        ),
      server.url,
    );
    expect(outcome).toBe('blocked: TypeError');
  });

  it('while the served page itself still runs the same function', async () => {
    const own = await browser.newPage();
    await own.goto(server.url);
    await expect.poll(() => own.locator('table.sheet').count()).toBe(1);
    const status = await own.evaluate(async () => {
      const token = document.querySelector<HTMLMetaElement>(
        'meta[name="kartoteka-request-token"]',
      )!.content;
      const response = await fetch('/api/run', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kartoteka-token': token },
        body: JSON.stringify({ functionName: 'setupTabsFromMenu', args: [], source: 'menu' }),
      });
      return { status: response.status, body: (await response.json()) as { ok: boolean } };
    });
    expect(status).toMatchObject({ status: 200, body: { ok: true } });
    expect(server.runtime().state.sheets.map((s) => s.name)).toContain('Customers');
    await own.close();
  });
});
