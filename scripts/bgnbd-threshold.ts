/**
 * How many repeat buyers does a BG/NBD fit need before its P(alive) can be trusted? Fits the
 * model on seeded random subsets of the CDNOW master file (23,570 customers, calibration
 * period to 1997-09-30) holding N repeat buyers each, and compares every subset's P(alive)
 * for the master's repeat buyers with the full-data fit. The result sets MIN_REPEAT_BUYERS in
 * src/domain/bgnbd.ts.
 *
 * The threshold is where fits stop failing (a parameter running off to its bound, i.e. the
 * data cannot tell a, b or r apart from infinity). The P(alive) error is reported beside it:
 * it shrinks like 1/√N with no knee, so it informs rather than sets the threshold.
 *
 *   npx tsx scripts/bgnbd-threshold.ts [subsets per size, default 400]
 */
import {
  fitBgNbd,
  probabilityAlive,
  summarise,
  type BgNbdParams,
  type PurchaseSummary,
} from '../src/domain/bgnbd.ts';
import { CALIBRATION_END, cdnowPath, readCdnow } from './cdnow.ts';
import { seededRandom as random } from '../src/local/demo-people.ts';

const SIZES = [25, 50, 100, 150, 200, 250, 300, 400, 800, 1600];
/** The threshold is the smallest size from which on at most this share of fits fail. */
const MAX_FAILURE_RATE = 0.02;

/** Customers in random order until `repeat` of them are repeat buyers (others come along). */
function subset(all: readonly PurchaseSummary[], repeat: number, seed: number) {
  const next = random(seed);
  const pool = [...all];
  const chosen: PurchaseSummary[] = [];
  let repeaters = 0;
  for (let i = 0; i < pool.length && repeaters < repeat; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
    chosen.push(pool[i]);
    if (pool[i].x > 0) repeaters++;
  }
  return chosen;
}

function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((p, r) => p - r);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Mean and max |ΔP(alive)| over the reference customers (weighted by how many share a row). */
function aliveError(fit: BgNbdParams, full: BgNbdParams, rows: [PurchaseSummary, number][]) {
  let sum = 0;
  let count = 0;
  let max = 0;
  for (const [s, n] of rows) {
    const error = Math.abs(probabilityAlive(fit, s) - probabilityAlive(full, s));
    sum += error * n;
    count += n;
    max = Math.max(max, error);
  }
  return { mean: sum / count, max };
}

function main(): void {
  const path = cdnowPath('CDNOW_master.txt');
  if (!path) throw new Error('CDNOW_master.txt not found beside the repository (../shared)');
  const subsets = Number(process.argv[2] ?? 400);
  const all = [...summarise(readCdnow(path), CALIBRATION_END).values()];

  const started = performance.now();
  const full = fitBgNbd(all);
  const elapsed = performance.now() - started;
  if (!full.ok) throw new Error(`full fit failed: ${full.reason}`);
  const p = full.params;
  console.log(
    `full master: ${full.customers} customers, ${full.repeatCustomers} repeat buyers, ` +
      `fit in ${elapsed.toFixed(0)} ms (${full.iterations} iterations): r=${p.r.toFixed(4)} ` +
      `alpha=${p.alpha.toFixed(2)} days (${(p.alpha / 7).toFixed(3)} weeks) a=${p.a.toFixed(4)} b=${p.b.toFixed(4)}`,
  );

  const distinct = new Map<string, [PurchaseSummary, number]>();
  for (const s of all.filter((c) => c.x > 0)) {
    const key = `${s.x}|${s.tx}|${s.T}`;
    const row = distinct.get(key);
    if (row) row[1]++;
    else distinct.set(key, [s, 1]);
  }
  const reference = [...distinct.values()];

  console.log(`\n${subsets} subsets per size; |ΔP(alive)| vs the full fit over its repeat buyers`);
  console.log('repeat  failed  reasons                       mean|ΔP| p50  p90   max|ΔP| p90');
  let recommended: number | null = null;
  for (const size of SIZES) {
    const failures = new Map<string, number>();
    const means: number[] = [];
    const maxes: number[] = [];
    for (let seed = 1; seed <= subsets; seed++) {
      const fit = fitBgNbd(subset(all, size, seed * 7919 + size), { minRepeatBuyers: 0 });
      if (!fit.ok) {
        failures.set(fit.code, (failures.get(fit.code) ?? 0) + 1);
        continue;
      }
      const error = aliveError(fit.params, p, reference);
      means.push(error.mean);
      maxes.push(error.max);
    }
    const failed = subsets - means.length;
    const reasons = [...failures].map(([code, n]) => `${code} ${n}`).join(', ') || '-';
    const p90 = quantile(means, 0.9);
    console.log(
      `${String(size).padStart(6)}  ${`${((100 * failed) / subsets).toFixed(1)}%`.padStart(6)}  ` +
        `${reasons.padEnd(28)}  ${quantile(means, 0.5).toFixed(3)}  ${p90.toFixed(3)}  ` +
        `${quantile(maxes, 0.9).toFixed(3)}`,
    );
    if (failed / subsets > MAX_FAILURE_RATE) recommended = null;
    else recommended ??= size;
  }
  console.log(
    `\nsmallest size from which on ≤${MAX_FAILURE_RATE * 100}% of fits fail: ${recommended ?? 'none'}`,
  );
}

main();
