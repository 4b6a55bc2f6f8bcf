/**
 * DESIGN.md's layers, enforced: imports point down only, domain code touches no Apps
 * Script global and no DOM, and only src/server/main.ts names entry points.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../../scripts/build.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|tsx)$/.test(entry) ? [path] : [];
  });
}

/**
 * Imports that put code into the importing layer. `import type` is erased by the compiler,
 * so the sidebar may take its RPC types from the server's own code without bundling it.
 */
function relativeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8').replace(/^import type [^;]+;/gm, '');
  return [...source.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) =>
    relative(ROOT, join(file, '..', m[1])),
  );
}

const SRC = join(ROOT, 'src');
const layerOf = (path: string) => relative(SRC, path).split('/')[0];
const ALLOWED: Record<string, string[]> = {
  domain: ['domain'],
  server: ['server', 'domain'],
  sidebar: ['sidebar', 'domain'],
  local: ['local'],
};

describe('layers', () => {
  for (const file of filesUnder(SRC)) {
    const layer = layerOf(file);
    it(`${relative(ROOT, file)} imports only ${ALLOWED[layer]?.join(', ')}`, () => {
      expect(ALLOWED[layer], `unknown layer ${layer}`).toBeDefined();
      for (const target of relativeImports(file)) {
        expect(ALLOWED[layer]).toContain(layerOf(join(ROOT, target)));
      }
    });
  }

  it('domain code uses no Apps Script service and no DOM', () => {
    const services =
      /\b(SpreadsheetApp|LockService|PropertiesService|CacheService|ScriptApp|MailApp|HtmlService|Session|Utilities|Logger|document|window)\s*\./;
    for (const file of filesUnder(join(SRC, 'domain'))) {
      expect(readFileSync(file, 'utf8'), relative(ROOT, file)).not.toMatch(services);
    }
  });
});
