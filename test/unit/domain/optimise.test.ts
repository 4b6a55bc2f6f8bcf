import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../../src/domain/optimise.ts';

const rosenbrock = ([x, y]: readonly number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;

describe('nelderMead', () => {
  it('finds the minimum of Rosenbrock’s valley from the classic start', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { xTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 7);
    expect(result.x[1]).toBeCloseTo(1, 7);
    expect(result.value).toBeLessThan(1e-14);
    expect(result.evaluations).toBeGreaterThan(result.iterations);
  });

  it('minimises a 4-dimensional quadratic with very different scales', () => {
    const centre = [3, -2, 0.5, 40];
    const weights = [1, 100, 0.01, 10];
    const f = (x: readonly number[]) =>
      x.reduce((s, v, i) => s + weights[i] * (v - centre[i]) ** 2, 0);
    const result = nelderMead(f, [0, 0, 0, 0], { xTolerance: 1e-9 });
    expect(result.converged).toBe(true);
    result.x.forEach((v, i) => expect(v).toBeCloseTo(centre[i], 6));
  });

  it('lands on the box when the minimum is outside it, never evaluating beyond it', () => {
    const lower = [-1, -1, -1];
    const upper = [2, 2, 2];
    const outside: number[][] = [];
    const f = (x: readonly number[]) => {
      if (x.some((v, i) => v < lower[i] || v > upper[i])) outside.push([...x]);
      return (x[0] - 5) ** 2 + (x[1] + 3) ** 2 + (x[2] - 0.5) ** 2;
    };
    const result = nelderMead(f, [1.9, 0, 0], { lower, upper, initialStep: 1 });
    expect(outside).toEqual([]);
    expect(result.x[0]).toBe(2);
    expect(result.x[1]).toBe(-1);
    expect(result.x[2]).toBeCloseTo(0.5, 7);
  });

  it('converges on a kinked function, where it has to shrink the simplex', () => {
    const f = ([x, y]: readonly number[]) =>
      Math.abs(x - 1) + 3 * Math.abs(y + 2) + Math.abs(x - y - 3);
    const result = nelderMead(f, [5, 5], { xTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(-2, 6);
  });

  it('treats NaN and infinite values as worse than any finite one', () => {
    const f = ([x]: readonly number[]) => (x < 0 ? NaN : x > 10 ? Infinity : (x - 2) ** 2);
    const result = nelderMead(f, [9], { initialStep: 4, xTolerance: 1e-10 });
    expect(result.x[0]).toBeCloseTo(2, 8);
  });

  it('reports running out of iterations', () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 20 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(20);
  });

  it('rejects bounds that do not fit the start', () => {
    expect(() => nelderMead(rosenbrock, [0, 0], { lower: [0] })).toThrow(RangeError);
    expect(() => nelderMead(rosenbrock, [0, 0], { lower: [1, 1], upper: [1, 2] })).toThrow(
      RangeError,
    );
    expect(() => nelderMead(rosenbrock, [])).toThrow(RangeError);
  });
});

describe('nelderMead shrink step', () => {
  it('shrinks towards the best vertex and re-evaluates the moved vertices', () => {
    // Start simplex (0,0), (1,0), (0,1) with values 0, 1, 2; the reflection (1,−1) and the
    // inside contraction (0.25,0.5) are worse than the worst vertex, so the only way on is to
    // shrink, to (0.5,0) and (0,0.5). (0.5,0) is secretly the minimum: it is found only if
    // the shrunk vertices are evaluated afresh rather than keeping their old values.
    const values = new Map([
      ['0,0', 0],
      ['1,0', 1],
      ['0,1', 2],
      ['0.5,0', -1],
    ]);
    const calls: string[] = [];
    const f = (x: readonly number[]) => {
      const key = x.join(',');
      calls.push(key);
      return values.get(key) ?? 10;
    };
    const result = nelderMead(f, [0, 0], { initialStep: 1, restarts: 0 });
    expect(calls.slice(0, 7)).toEqual(['0,0', '1,0', '0,1', '1,-1', '0.25,0.5', '0.5,0', '0,0.5']);
    expect(result.x).toEqual([0.5, 0]);
    expect(result.value).toBe(-1);
  });
});
