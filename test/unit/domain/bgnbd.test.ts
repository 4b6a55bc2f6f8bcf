/**
 * The BG/NBD model against its published CDNOW analysis.
 *
 * Published figures (2,357-customer CDNOW sample, 39-week calibration period to 1997-09-30,
 * time in weeks):
 * - Fader, Hardie & Lee, "'Counting Your Customers' the Easy Way", Marketing Science 24(2),
 *   2005, §4: r = 0.243, α = 4.414, a = 0.793, b = 2.426, log-likelihood −9582.4.
 * - Fader, Hardie & Lee, "Implementing the BG/NBD Model for Customer Base Analysis in Excel"
 *   (2005, http://brucehardie.com/notes/004/): the same estimates, and for the first customer
 *   (x = 2, t_x = 30.43, T = 38.86) 1.226 expected purchases in the next 39 weeks. Both
 *   figures are what the `lifetimes` package tests itself against
 *   (https://github.com/CamDavidsonPilon/lifetimes/blob/master/tests/test_estimation.py,
 *   test_params_out_is_close_to_Hardie_paper and
 *   test_conditional_expectation_returns_same_value_as_Hardie_excel_sheet; its
 *   docs/Quickstart.md shows the fit "a: 0.79, alpha: 4.41, b: 2.43, r: 0.24"), and BTYD's
 *   documentation uses the same parameters in its example
 *   (https://rdrr.io/cran/BTYD/man/bgnbd.ConditionalExpectedTransactions.html:
 *   params <- c(0.243, 4.414, 0.793, 2.426)).
 *
 * Data: ../shared/data/cdnow/CDNOW_sample.txt beside the repository when present, else the
 * summary derived from it in test/fixtures/cdnow-sample-summary.csv.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  expectedPurchases,
  fitBgNbd,
  logLikelihood,
  MIN_REPEAT_BUYERS,
  probabilityAlive,
  summarise,
  summariseCustomer,
  type BgNbdParams,
  type PurchaseSummary,
} from '../../../src/domain/bgnbd.ts';
import { lnGamma } from '../../../src/domain/special-functions.ts';
import { CALIBRATION_END, cdnowPath, readCdnow } from '../../../scripts/cdnow.ts';

const FIXTURE = new URL('../../fixtures/cdnow-sample-summary.csv', import.meta.url);
const WEEK = 7;
const PUBLISHED = { r: 0.243, alphaWeeks: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 };
/** The published parameters with α in days, as the API takes it. */
const PUBLISHED_DAYS: BgNbdParams = {
  r: PUBLISHED.r,
  alpha: PUBLISHED.alphaWeeks * WEEK,
  a: PUBLISHED.a,
  b: PUBLISHED.b,
};
/** The worked example: customer 1 of the sample, in days. */
const EXAMPLE: PurchaseSummary = { x: 2, tx: 30.43 * WEEK, T: 38.86 * WEEK };

function readFixture(): Map<number, PurchaseSummary> {
  const rows = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('id'));
  return new Map(
    rows.map((line) => {
      const [id, x, tx, T] = line.split(',').map(Number);
      return [id, { x, tx, T }];
    }),
  );
}

const SAMPLE = cdnowPath('CDNOW_sample.txt');
const MASTER = cdnowPath('CDNOW_master.txt');

function cdnowSample(): PurchaseSummary[] {
  const summaries = SAMPLE ? summarise(readCdnow(SAMPLE), CALIBRATION_END) : readFixture();
  return [...summaries.entries()].sort(([p], [q]) => p - q).map(([, s]) => s);
}

const toWeeks = (s: PurchaseSummary) => ({ x: s.x, tx: s.tx / WEEK, T: s.T / WEEK });

function significant(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}

describe('purchase summaries', () => {
  it('counts distinct purchase days and measures days from the first purchase', () => {
    const dates = ['2026-01-10', '2026-03-01', '2026-01-10', '2026-02-14', '2026-03-01'];
    expect(summariseCustomer(dates, '2026-04-01')).toEqual({ x: 2, tx: 50, T: 81 });
  });

  it('leaves out purchases after today and customers without any before', () => {
    expect(summariseCustomer(['2026-01-10', '2026-05-01'], '2026-04-01')).toEqual({
      x: 0,
      tx: 0,
      T: 81,
    });
    expect(summariseCustomer(['2026-05-01'], '2026-04-01')).toBeNull();
    expect(summariseCustomer([], '2026-04-01')).toBeNull();
    expect(summariseCustomer(['2026-04-01'], '2026-04-01')).toEqual({ x: 0, tx: 0, T: 0 });
  });

  it('rejects text that is not a calendar date', () => {
    expect(() => summariseCustomer(['2026-02-30'], '2026-04-01')).toThrow(RangeError);
    expect(() => summariseCustomer(['2026-01-10'], '1.4.2026')).toThrow(RangeError);
  });

  it('summarises a map or a record of customers, dropping those with no purchase yet', () => {
    const byCustomer = { ann: ['2026-01-01', '2026-01-08'], bob: ['2026-06-01'] };
    const fromRecord = summarise(Object.entries(byCustomer), '2026-02-01');
    expect([...fromRecord]).toEqual([['ann', { x: 1, tx: 7, T: 31 }]]);
    expect(summarise(new Map(Object.entries(byCustomer)), '2026-02-01')).toEqual(fromRecord);
  });

  it('has the sample’s published first customer in the fixture', () => {
    const fixture = readFixture();
    expect(fixture.size).toBe(2357);
    // x = 2, t_x = 30.43 weeks, T = 38.86 weeks, in days.
    expect(fixture.get(1)).toEqual({ x: 2, tx: 213, T: 272 });
  });

  it.skipIf(!SAMPLE)('reproduces the fixture from the raw CDNOW sample', () => {
    expect(summarise(readCdnow(SAMPLE ?? ''), CALIBRATION_END)).toEqual(readFixture());
  });
});

describe('BG/NBD log-likelihood', () => {
  /** Hardie's Excel note, term by term with ln Γ: an independent route to the same number. */
  function closedForm({ r, alpha, a, b }: BgNbdParams, s: PurchaseSummary): number {
    const a1 = lnGamma(r + s.x) - lnGamma(r) + r * Math.log(alpha);
    const a2 = lnGamma(a + b) + lnGamma(b + s.x) - lnGamma(b) - lnGamma(a + b + s.x);
    const a3 = -(r + s.x) * Math.log(alpha + s.T);
    const a4 =
      s.x > 0 ? Math.log(a) - Math.log(b + s.x - 1) - (r + s.x) * Math.log(alpha + s.tx) : null;
    return a1 + a2 + Math.log(Math.exp(a3) + (a4 === null ? 0 : Math.exp(a4)));
  }

  it('equals the closed form summed customer by customer', () => {
    const sample = cdnowSample();
    for (const params of [PUBLISHED_DAYS, { r: 1.3, alpha: 80, a: 0.4, b: 6 }]) {
      const expected = sample.reduce((sum, s) => sum + closedForm(params, s), 0);
      expect(logLikelihood(params, sample)).toBeCloseTo(expected, 6);
    }
  });

  it('gives the published −9582.4 at the published parameters (weeks)', () => {
    const weeks = cdnowSample().map(toWeeks);
    const { alphaWeeks, r, a, b } = PUBLISHED;
    expect(logLikelihood({ r, alpha: alphaWeeks, a, b }, weeks)).toBeCloseTo(
      PUBLISHED.logLikelihood,
      1,
    );
  });

  it('rejects malformed summaries', () => {
    expect(() => logLikelihood(PUBLISHED_DAYS, [{ x: 1.5, tx: 1, T: 2 }])).toThrow(RangeError);
    expect(() => logLikelihood(PUBLISHED_DAYS, [{ x: 1, tx: 3, T: 2 }])).toThrow(RangeError);
    expect(() => logLikelihood(PUBLISHED_DAYS, [{ x: 0, tx: 1, T: 2 }])).toThrow(RangeError);
  });
});

describe('fitting the BG/NBD to the CDNOW sample', () => {
  const sample = cdnowSample();
  const fit = fitBgNbd(sample);

  it('reproduces the published estimates to three significant digits', () => {
    if (!fit.ok) throw new Error(fit.reason);
    expect(fit.customers).toBe(2357);
    expect(fit.repeatCustomers).toBe(946);
    expect(significant(fit.params.r, 3)).toBe(PUBLISHED.r);
    expect(significant(fit.params.alpha / WEEK, 3)).toBe(significant(PUBLISHED.alphaWeeks, 3));
    expect(significant(fit.params.a, 3)).toBe(PUBLISHED.a);
    expect(significant(fit.params.b, 3)).toBe(significant(PUBLISHED.b, 3));
    // In days the likelihood carries the Jacobian of the unit change: Σx · ln 7.
    const repeatPurchases = sample.reduce((n, s) => n + s.x, 0);
    const inWeeks = fit.logLikelihood + repeatPurchases * Math.log(WEEK);
    expect(inWeeks).toBeCloseTo(PUBLISHED.logLikelihood, 1);
    expect(fit.iterations).toBeGreaterThan(0);
  });

  it('gives the worked example customer the published 1.226 purchases in 39 weeks', () => {
    if (!fit.ok) throw new Error(fit.reason);
    expect(expectedPurchases(fit.params, EXAMPLE, 39 * WEEK)).toBeCloseTo(1.226, 3);
    expect(expectedPurchases(PUBLISHED_DAYS, EXAMPLE, 39 * WEEK)).toBeCloseTo(1.226, 3);
  });

  it.skipIf(!MASTER)('fits the full CDNOW master file (23,570 customers)', () => {
    const master = fitBgNbd(summarise(readCdnow(MASTER ?? ''), CALIBRATION_END).values());
    if (!master.ok) throw new Error(master.reason);
    expect(master.customers).toBe(23570);
    // The sample is a 1/10 draw of the same cohort, so the estimates should be close.
    expect(master.params.r).toBeCloseTo(PUBLISHED.r, 1);
    expect(master.params.a).toBeCloseTo(PUBLISHED.a, 0);
  });
});

describe('refused fits', () => {
  const sample = cdnowSample();

  it(`needs ${MIN_REPEAT_BUYERS} repeat buyers by default`, () => {
    const repeaters = sample.filter((s) => s.x > 0).slice(0, MIN_REPEAT_BUYERS - 1);
    const result = fitBgNbd([...repeaters, ...sample.filter((s) => s.x === 0)]);
    expect(result).toMatchObject({ ok: false, code: 'too-few-repeat-buyers' });
    expect(fitBgNbd([])).toMatchObject({ ok: false, code: 'too-few-repeat-buyers' });
  });

  it('refuses parameters the data do not determine, instead of returning them', () => {
    // Every repeat buyer bought again on the last day observed: nobody ever looks lapsed,
    // so the likelihood keeps rising as the drop-out probability a/(a+b) goes to 0.
    const loyal = sample.map((s) => (s.x > 0 ? { ...s, tx: s.T } : s));
    const result = fitBgNbd(loyal);
    expect(result).toMatchObject({ ok: false, code: 'parameter-at-bound' });
    if (!result.ok) expect(result.reason).toMatch(/bound/);
  });

  it('refuses a fit that ends on a box too small for it', () => {
    // α is about 31 days for CDNOW; a box up to 10 cannot hold it.
    const result = fitBgNbd(sample, { bounds: { lower: 1e-4, upper: 10 } });
    expect(result).toMatchObject({ ok: false, code: 'parameter-at-bound' });
    if (!result.ok) expect(result.reason).toMatch(/^alpha ran to its bound 10\b/);
    expect(() => fitBgNbd(sample, { bounds: { lower: 0, upper: 10 } })).toThrow(RangeError);
  });

  it('reports a fit that runs out of iterations', () => {
    expect(fitBgNbd(sample, { maxIterations: 10 })).toMatchObject({
      ok: false,
      code: 'not-converged',
    });
  });
});

describe('P(alive)', () => {
  it('is 1 for a customer who has not bought again, however long ago', () => {
    expect(probabilityAlive(PUBLISHED_DAYS, { x: 0, tx: 0, T: 0 })).toBe(1);
    expect(probabilityAlive(PUBLISHED_DAYS, { x: 0, tx: 0, T: 10_000 })).toBe(1);
  });

  it('is 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) otherwise', () => {
    const { r, alpha, a, b } = PUBLISHED_DAYS;
    const s = EXAMPLE;
    const expected = 1 / (1 + (a / (b + s.x - 1)) * ((alpha + s.T) / (alpha + s.tx)) ** (r + s.x));
    expect(probabilityAlive(PUBLISHED_DAYS, s)).toBeCloseTo(expected, 14);
    // A purchase on the last day observed: only the drop-out after it can have happened.
    expect(probabilityAlive(PUBLISHED_DAYS, { x: 3, tx: 100, T: 100 })).toBeCloseTo(
      1 / (1 + a / (b + 2)),
      14,
    );
  });

  it('falls the longer a customer stays away, and faster for frequent buyers', () => {
    const quiet = [0, 30, 90, 180, 365].map((gap) =>
      probabilityAlive(PUBLISHED_DAYS, { x: 3, tx: 100, T: 100 + gap }),
    );
    quiet.slice(1).forEach((p, i) => expect(p).toBeLessThan(quiet[i]));
    const rare = probabilityAlive(PUBLISHED_DAYS, { x: 1, tx: 100, T: 200 });
    const frequent = probabilityAlive(PUBLISHED_DAYS, { x: 10, tx: 100, T: 200 });
    expect(frequent).toBeLessThan(rare);
    // Very long absences underflow to 0, not NaN.
    expect(probabilityAlive(PUBLISHED_DAYS, { x: 400, tx: 10, T: 100_000 })).toBe(0);
  });
});

describe('expected purchases', () => {
  /** Equation (10) as printed, with the plain series of ₂F₁(r+x, b+x; a+b+x−1; z). */
  function asPrinted({ r, alpha, a, b }: BgNbdParams, s: PurchaseSummary, t: number) {
    const z = t / (alpha + s.T + t);
    let term = 1;
    let series = 1;
    for (let n = 0; n < 5000; n++) {
      term *= (((r + s.x + n) * (b + s.x + n)) / ((a + b + s.x - 1 + n) * (n + 1))) * z;
      series += term;
    }
    const numerator = ((a + b + s.x - 1) / (a - 1)) * (1 - (1 - z) ** (r + s.x) * series);
    const odds = s.x > 0 ? (a / (b + s.x - 1)) * ((alpha + s.T) / (alpha + s.tx)) ** (r + s.x) : 0;
    return numerator / (1 + odds);
  }

  it('agrees with the formula as printed in the paper', () => {
    for (const s of [EXAMPLE, { x: 0, tx: 0, T: 200 }, { x: 7, tx: 150, T: 250 }]) {
      for (const days of [1, 30, 273, 1000]) {
        expect(expectedPurchases(PUBLISHED_DAYS, s, days)).toBeCloseTo(
          asPrinted(PUBLISHED_DAYS, s, days),
          10,
        );
      }
    }
  });

  it('is 0 for no time and refuses a negative or infinite horizon', () => {
    expect(expectedPurchases(PUBLISHED_DAYS, EXAMPLE, 0)).toBe(0);
    expect(() => expectedPurchases(PUBLISHED_DAYS, EXAMPLE, -1)).toThrow(RangeError);
    expect(() => expectedPurchases(PUBLISHED_DAYS, EXAMPLE, Infinity)).toThrow(RangeError);
  });

  it('stays finite and continuous through a = 1, where the formula reads 0/0', () => {
    const at = (a: number) => expectedPurchases({ ...PUBLISHED_DAYS, a }, EXAMPLE, 273);
    const [below, one, above] = [at(1 - 1e-3), at(1), at(1 + 1e-3)];
    expect(Number.isFinite(one)).toBe(true);
    expect(one).toBeCloseTo((below + above) / 2, 6);
    // A larger a means more drop-out, so fewer purchases.
    expect(above).toBeLessThan(one);
    expect(one).toBeLessThan(below);
  });

  it('handles very frequent buyers without overflowing', () => {
    const daily = { x: 800, tx: 999, T: 1000 };
    const expected = expectedPurchases(PUBLISHED_DAYS, daily, 30);
    expect(Number.isFinite(expected)).toBe(true);
    // Close to 30 days at their own rate of ~0.8 a day, less the chance they drop out.
    expect(expected).toBeGreaterThan(15);
    expect(expected).toBeLessThan(30 * 0.81);
  });
});
