/**
 * Derivative-free minimisation: a Nelder–Mead simplex search with box bounds, small enough to
 * ship inside the add-on. The coefficients and the order of the tests follow the standard
 * formulation in Lagarias, Reeds, Wright & Wright, "Convergence Properties of the Nelder–Mead
 * Simplex Method in Low Dimensions", SIAM J. Optim. 9(1), 1998.
 *
 * Bounds are enforced by projecting every trial point onto the box, so an optimum that lies
 * outside the box is reported on its boundary (callers can then tell "at a bound" from a
 * genuine interior minimum). The objective is never called outside the box.
 */

export type Objective = (x: readonly number[]) => number;

export interface NelderMeadOptions {
  /** Per-coordinate lower bounds (default −∞). */
  lower?: readonly number[];
  /** Per-coordinate upper bounds (default +∞). */
  upper?: readonly number[];
  /** Edge length of the starting simplex, per coordinate or for all (default 1). */
  initialStep?: number | readonly number[];
  /** Stop when every vertex lies within this distance (max-norm) of the best one… */
  xTolerance?: number;
  /** …and the values spread by at most this fraction of max(1, |best value|). */
  fTolerance?: number;
  /** Upper limit on iterations over all restarts. */
  maxIterations?: number;
  /**
   * After converging, start again from the best point with a fresh simplex, up to this many
   * times, until a restart no longer improves the value: a collapsed simplex can otherwise
   * stop short of the minimum.
   */
  restarts?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  /** False when maxIterations ran out before the tolerances were met. */
  converged: boolean;
}

// Reflection, expansion, contraction and shrink coefficients (Lagarias et al. 1998, §2).
const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

interface Vertex {
  x: number[];
  f: number;
}

class BoundedObjective {
  evaluations = 0;
  constructor(
    private readonly f: Objective,
    private readonly lower: readonly number[],
    private readonly upper: readonly number[],
  ) {}

  project(x: readonly number[]): number[] {
    return x.map((v, i) => Math.min(this.upper[i], Math.max(this.lower[i], v)));
  }

  /** A vertex at the projection of x; NaN and ±∞ count as +∞ so they are never "best". */
  vertex(x: readonly number[]): Vertex {
    const projected = this.project(x);
    this.evaluations++;
    const f = this.f(projected);
    return { x: projected, f: Number.isFinite(f) ? f : Infinity };
  }
}

/** p + t·(q − p), coordinate-wise. */
function along(p: readonly number[], q: readonly number[], t: number): number[] {
  return p.map((v, i) => v + t * (q[i] - v));
}

function initialSimplex(
  objective: BoundedObjective,
  start: Vertex,
  steps: readonly number[],
  upper: readonly number[],
): Vertex[] {
  const simplex = [start];
  for (let i = 0; i < start.x.length; i++) {
    const x = [...start.x];
    // Step away from an upper bound rather than into it, so no edge starts with length 0.
    x[i] += x[i] + steps[i] <= upper[i] ? steps[i] : -steps[i];
    simplex.push(objective.vertex(x));
  }
  return simplex;
}

function hasConverged(simplex: Vertex[], xTolerance: number, fTolerance: number): boolean {
  const best = simplex[0];
  const worst = simplex[simplex.length - 1];
  if (!(worst.f - best.f <= fTolerance * Math.max(1, Math.abs(best.f)))) return false;
  return simplex.every((v) => v.x.every((c, i) => Math.abs(c - best.x[i]) <= xTolerance));
}

/** One Nelder–Mead step on a simplex sorted best first; leaves it unsorted. */
function step(objective: BoundedObjective, simplex: Vertex[]): void {
  const n = simplex.length - 1;
  const best = simplex[0];
  const worst = simplex[n];
  const secondWorst = simplex[n - 1];
  const centroid = best.x.map((_, i) => simplex.slice(0, n).reduce((s, v) => s + v.x[i], 0) / n);

  const reflected = objective.vertex(along(centroid, worst.x, -REFLECT));
  if (reflected.f < best.f) {
    const expanded = objective.vertex(along(centroid, reflected.x, EXPAND));
    simplex[n] = expanded.f < reflected.f ? expanded : reflected;
    return;
  }
  if (reflected.f < secondWorst.f) {
    simplex[n] = reflected;
    return;
  }
  // Contract towards the better of the reflected point and the worst vertex.
  if (reflected.f < worst.f) {
    const outside = objective.vertex(along(centroid, reflected.x, CONTRACT));
    if (outside.f <= reflected.f) {
      simplex[n] = outside;
      return;
    }
  } else {
    const inside = objective.vertex(along(centroid, worst.x, CONTRACT));
    if (inside.f < worst.f) {
      simplex[n] = inside;
      return;
    }
  }
  // Shrink every vertex but the best towards the best, and re-evaluate all of them: the
  // old values no longer belong to the new points.
  for (let i = 1; i <= n; i++) simplex[i] = objective.vertex(along(best.x, simplex[i].x, SHRINK));
}

/** Minimises f from `start` within the box [lower, upper]. */
export function nelderMead(
  f: Objective,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const dimension = start.length;
  if (dimension === 0) throw new RangeError('nelderMead: nothing to optimise');
  const lower = options.lower ?? start.map(() => -Infinity);
  const upper = options.upper ?? start.map(() => Infinity);
  if (lower.length !== dimension || upper.length !== dimension) {
    throw new RangeError('nelderMead: bounds must have one entry per coordinate');
  }
  if (lower.some((l, i) => !(l < upper[i]))) {
    throw new RangeError('nelderMead: every lower bound must be below its upper bound');
  }
  const stepOption = options.initialStep ?? 1;
  const steps = typeof stepOption === 'number' ? start.map(() => stepOption) : [...stepOption];
  const xTolerance = options.xTolerance ?? 1e-8;
  const fTolerance = options.fTolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 5000;
  const restarts = options.restarts ?? 3;

  const objective = new BoundedObjective(f, lower, upper);
  let iterations = 0;
  let best: Vertex = objective.vertex(start);
  let converged = false;
  for (let round = 0; round <= restarts; round++) {
    const simplex = initialSimplex(objective, best, steps, upper);
    const sort = () => simplex.sort((p, q) => p.f - q.f);
    sort();
    converged = false;
    while (iterations < maxIterations) {
      if (hasConverged(simplex, xTolerance, fTolerance)) {
        converged = true;
        break;
      }
      step(objective, simplex);
      sort();
      iterations++;
    }
    const previous = best;
    best = simplex[0].f <= previous.f ? simplex[0] : previous;
    const improvement = previous.f - best.f;
    if (!converged || round === restarts) break;
    if (round > 0 && !(improvement > fTolerance * Math.max(1, Math.abs(best.f)))) break;
  }
  return { x: best.x, value: best.f, iterations, evaluations: objective.evaluations, converged };
}
