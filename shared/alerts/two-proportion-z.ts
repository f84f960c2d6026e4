/**
 * One-sided two-proportion z-test with a pooled standard error (e.g. Agresti, "An Introduction
 * to Categorical Data Analysis", §2.2): z = (p₁ − p₀) / √(p̂(1 − p̂)(1/n₁ + 1/n₀)), where p̂ is
 * the pooled share. Positive z means the first sample's share is higher.
 */

/** z for "share x1/n1 is higher than x0/n0"; 0 when either sample is empty or nothing varies. */
export function twoProportionZ(x1: number, n1: number, x0: number, n0: number): number {
  if (n1 <= 0 || n0 <= 0) return 0;
  const pooled = (x1 + x0) / (n1 + n0);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n0);
  if (variance <= 0) return 0;
  return (x1 / n1 - x0 / n0) / Math.sqrt(variance);
}
