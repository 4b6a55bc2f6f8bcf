/**
 * Builds dist/ when it is missing or older than any of its sources, so `npm test`
 * always tests what `clasp push` would upload.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, DIST, printSizes, ROOT } from './build.ts';

const OUTPUTS = ['Code.js', 'sidebar.html', 'appsscript.json'].map((f) => join(DIST, f));
const SOURCES = ['src', 'appsscript.json', 'scripts/build.ts', 'package-lock.json'].map((p) =>
  join(ROOT, p),
);

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isBuildStale(): boolean {
  if (!OUTPUTS.every((f) => existsSync(f))) return true;
  const oldestOutput = Math.min(...OUTPUTS.map((f) => statSync(f).mtimeMs));
  const newestSource = Math.max(...SOURCES.filter((p) => existsSync(p)).map(newestMtime));
  return newestSource > oldestOutput;
}

/** `write` receives the size lines (the CLI sends them to stderr to keep stdout JSON). */
export async function ensureBuild(write: (line: string) => void = console.log): Promise<void> {
  if (isBuildStale()) printSizes(await build(), write);
}

if (process.argv[1]?.endsWith('ensure-build.ts')) {
  ensureBuild().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
