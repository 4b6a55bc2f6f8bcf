/** npm start's embedded default workbook: set up and filled through the bundle itself. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST } from '../../scripts/build.ts';
import { startDevServer, type DevServer } from '../../src/local/dev-server.ts';
import { loadWorkbook } from '../../src/local/workbook-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-demo-'));
let server: DevServer | undefined;
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the default workbook', () => {
  it('is created with the tabs and a small card index that passes its own checks', async () => {
    const path = join(dir, 'kartoteka.workbook.json');
    server = await startDevServer({
      workbookPath: path,
      codePath: join(DIST, 'Code.js'),
      port: 0,
      demo: true,
    });
    const runtime = server.runtime();
    const list = runtime.run<{ total: number; items: Array<{ id: string; name: string }> }>(
      'listRecords',
      ['customers', { text: 'Anna' }],
      { source: 'script-run' },
    );
    expect(list.error).toBeUndefined();
    expect(list.value?.total).toBe(1);
    const card = runtime.run<{ metrics: { purchaseCount: number; totalSpent: number } }>(
      'getCustomerCard',
      [list.value?.items[0].id],
      { source: 'script-run' },
    );
    expect(card.value?.metrics).toMatchObject({ purchaseCount: 2, totalSpent: 5550 });
    expect(runtime.run('getProblems', [], { source: 'script-run' }).value).toEqual([]);
    expect(loadWorkbook(path).sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Customers',
        'Contacts',
        'Deals',
        'Services',
        'Activity',
        'Settings',
      ]),
    );
  });
});
