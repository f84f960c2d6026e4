import { describe, expect, it } from 'vitest';
import { twoProportionZ } from './two-proportion-z';

describe('two-proportion z', () => {
  it('gives the pooled z for a textbook case', () => {
    // 80 % of 100 against 50 % of 100: pooled 0.65, se = √(0.65 · 0.35 · 0.02) ≈ 0.06745.
    expect(twoProportionZ(80, 100, 50, 100)).toBeCloseTo(4.4475, 3);
    expect(twoProportionZ(50, 100, 80, 100)).toBeCloseTo(-4.4475, 3);
  });

  it('is 0 when a sample is empty or nothing varies', () => {
    expect(twoProportionZ(0, 0, 5, 10)).toBe(0);
    expect(twoProportionZ(10, 10, 20, 20)).toBe(0);
  });
});
