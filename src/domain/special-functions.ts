/**
 * The two special functions the BG/NBD model needs: ln Γ (for the likelihood) and Gauss's
 * hypergeometric ₂F₁ (for the conditional expectation). Pure arithmetic, no dependencies, so
 * the same code runs in Apps Script and in the browser.
 */

/**
 * Lanczos approximation with g = 7 and nine terms: about 15 significant digits for real
 * arguments, which is as much as a double holds. (Coefficients: Godfrey's set for g = 7, the
 * one given in Press et al., "Numerical Recipes", 3rd ed., §6.1.)
 */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln |Γ(x)|. Non-positive integers (the poles) give +Infinity; NaN gives NaN.
 * Arguments below ½ go through the reflection formula Γ(x)Γ(1−x) = π / sin(πx), because the
 * Lanczos series loses accuracy there.
 */
export function lnGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  }
  const z = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) {
    series += LANCZOS_COEFFICIENTS[i] / (z + i);
  }
  const t = z + LANCZOS_G + 0.5;
  return HALF_LN_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

export interface Hyp2f1Options {
  /** Stop when a term is below this fraction of the running sum. */
  relativeTolerance?: number;
  /** Give up (throw) after this many terms. */
  maxTerms?: number;
}

/**
 * Gauss's hypergeometric function ₂F₁(a, b; c; z) by its defining series
 * Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, for |z| < 1 only.
 *
 * The series converges for every |z| < 1 but slowly as |z| → 1, so it is cut off after
 * `maxTerms`; instead of returning a truncated (wrong) sum it throws a RangeError, as it does
 * for |z| ≥ 1 and for a pole (c a non-positive integer that the series reaches).
 */
export function hyp2f1(
  a: number,
  b: number,
  c: number,
  z: number,
  options: Hyp2f1Options = {},
): number {
  const tolerance = options.relativeTolerance ?? 1e-15;
  const maxTerms = options.maxTerms ?? 100_000;
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new RangeError(`hyp2f1: non-finite argument (${a}, ${b}, ${c}, ${z})`);
  }
  if (Math.abs(z) >= 1) throw new RangeError(`hyp2f1: series needs |z| < 1, got z = ${z}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    // A zero numerator factor ends a terminating series (a or b a non-positive integer)
    // before a later zero denominator factor could matter.
    if (term === 0) return sum;
    if (c + n === 0) throw new RangeError(`hyp2f1: pole, c = ${c} is a non-positive integer`);
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    // Far enough out the term ratio settles monotonically towards |z|, so the whole tail is
    // bounded by a geometric series with ratio ρ = max(|z|, next ratio); stop when that bound
    // is below the tolerance.
    if (n > Math.abs(a) && n > Math.abs(b) && n > Math.abs(c)) {
      const nextRatio = Math.abs((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z);
      const rho = Math.max(Math.abs(z), nextRatio);
      if (rho < 1 && (Math.abs(term) * rho) / (1 - rho) <= tolerance * Math.abs(sum)) return sum;
    }
    if (!Number.isFinite(sum)) break;
  }
  throw new RangeError(
    `hyp2f1: series did not converge in ${maxTerms} terms for (${a}, ${b}, ${c}, ${z})`,
  );
}
