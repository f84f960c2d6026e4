import { describe, expect, it } from 'vitest';
import { logGamma, logPoissonUpperTail, poissonUpperTail } from './poisson-tail';

/** P(X ≥ k) by summing the pmf from k upward (slow but plainly right). */
function bruteUpperTail(k: number, lambda: number): number {
  let logPmf = k * Math.log(lambda) - lambda - logGamma(k + 1);
  let sum = 0;
  for (let j = k; j < k + 20_000; j++) {
    sum += Math.exp(logPmf);
    logPmf += Math.log(lambda) - Math.log(j + 1);
  }
  return sum;
}

describe('Poisson upper tail', () => {
  it('matches ln Γ at known points', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('matches the summed pmf on both sides of λ', () => {
    const cases: [number, number][] = [
      [1, 0.5],
      [5, 5],
      [3, 10],
      [20, 5],
      [20, 6.67],
      [50, 49.5],
      [100, 30],
      [1_000, 900],
      [10, 0.001],
    ];
    for (const [k, lambda] of cases) {
      const want = bruteUpperTail(k, lambda);
      expect(poissonUpperTail(k, lambda) / want).toBeCloseTo(1, 9);
    }
    expect(poissonUpperTail(20, 5)).toBeCloseTo(3.4521358e-7, 13);
  });

  it('stays finite in log space where the p-value underflows', () => {
    expect(poissonUpperTail(200, 1)).toBe(0);
    expect(logPoissonUpperTail(200, 1)).toBeCloseTo(-864.227, 2);
  });

  it('handles the edges', () => {
    expect(logPoissonUpperTail(0, 3)).toBe(0);
    expect(logPoissonUpperTail(5, 0)).toBe(-Infinity);
    expect(poissonUpperTail(40, 100)).toBeCloseTo(1, 10);
  });
});
