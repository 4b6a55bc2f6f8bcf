/**
 * Issue 10's targets, checked against a bench run: Spreadsheet calls per action within their
 * budgets and the same at every size, modelled server time within 2 s and the document lock
 * within 1 s at the largest size measured. Printed by `npm run bench` and included in its
 * JSON, so a regression shows as a named failure, never as a flaky timed test.
 */
import type { Figures } from './bench.ts';

/** The budgets of the issue: most calls an action may make. */
const CALL_BUDGETS: Record<string, number> = {
  'first load': 6,
  'customer save (new)': 6,
  'customer save (edit)': 6,
  'deal save (new)': 8,
  'deal save (edit)': 8,
  card: 8,
  'search (browser)': 0,
};
const SERVER_MS = 2_000;
const LOCK_MS = 1_000;

export interface TargetCheck {
  target: string;
  met: boolean;
  detail: string;
}

export function checkTargets(reports: ReadonlyMap<string, Record<string, Figures>>): TargetCheck[] {
  const sizes = [...reports.keys()];
  const largest = sizes[sizes.length - 1];
  const checks: TargetCheck[] = [];
  for (const [operation, budget] of Object.entries(CALL_BUDGETS)) {
    const calls = sizes.map((size) => reports.get(size)?.[operation]?.calls);
    const known = calls.filter((c): c is number => c !== undefined);
    const within = known.every((c) => c <= budget);
    const same = new Set(known).size <= 1;
    checks.push({
      target: `${operation}: ≤ ${budget} calls, the same at every size`,
      met: known.length === sizes.length && within && same,
      detail: sizes.map((size, i) => `${size}: ${calls[i] ?? '—'}`).join(', '),
    });
    if (budget === 0) continue;
    const figures = reports.get(largest)?.[operation];
    if (!figures) continue;
    checks.push({
      target: `${operation} at ${largest}: ≤ ${SERVER_MS / 1000} s modelled, lock ≤ ${LOCK_MS / 1000} s`,
      met: figures.modelledMs <= SERVER_MS && figures.lockMs <= LOCK_MS,
      detail: `${(figures.modelledMs / 1000).toFixed(2)} s, lock ${(figures.lockMs / 1000).toFixed(2)} s`,
    });
  }
  return checks;
}

export function printTargets(checks: readonly TargetCheck[]): void {
  const missed = checks.filter((c) => !c.met).length;
  console.log(
    `\nTargets (issues 10 and 11): ${missed ? `${missed} NOT met` : `all ${checks.length} met`}`,
  );
  for (const c of checks) console.log(`  ${c.met ? '✓' : '✗'} ${c.target} — ${c.detail}`);
}

/** Issue 11's: the whole-sheet recompute in ≤ 10 calls at every scale, its logic under 2 s. */
export function checkLifecycleTargets(
  runs: ReadonlyArray<{ scale: number; spreadsheetCalls: number; logicCpuMs: number }>,
): TargetCheck[] {
  if (!runs.length) return [];
  const calls = runs.map((r) => r.spreadsheetCalls);
  return [
    {
      target: 'lifecycle recompute: ≤ 10 calls, the same at every scale',
      met: calls.every((c) => c <= 10) && new Set(calls).size === 1,
      detail: runs.map((r) => `${r.scale}× CDNOW: ${r.spreadsheetCalls}`).join(', '),
    },
    {
      target: 'lifecycle recompute at 1× CDNOW: logic (fit included) < 2 s CPU',
      met: runs[0].logicCpuMs < 2_000,
      detail: `${runs[0].logicCpuMs} ms`,
    },
  ];
}
