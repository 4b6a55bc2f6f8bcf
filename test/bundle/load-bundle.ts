/**
 * Loads the built dist/Code.js the way Apps Script does: as a classic script in a fresh
 * context with no Node globals (no require, module, process), using gas-local.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { DIST } from '../../scripts/build.ts';

const require = createRequire(import.meta.url);
// gas-local ships no types; its one function is (folder, globals, options) => vm context.
const gasRequire = require('gas-local').require as (
  folder: string,
  globals: object,
  options?: { filter?: (file: string) => boolean },
) => Record<string, unknown>;

export const CODE_PATH = join(DIST, 'Code.js');

export function readBundle(): string {
  return readFileSync(CODE_PATH, 'utf8');
}

/** Evaluates dist/Code.js with the given globals; the host Date keeps instanceof working. */
export function loadBundle(globals: Record<string, unknown>): Record<string, unknown> {
  return gasRequire(DIST, { Date, ...globals }, { filter: (f) => f.endsWith('/Code.js') });
}
