/**
 * The nearest-rank percentile (p in 0–100) of a list of numbers: the smallest value with at least
 * p % of the values at or below it (NIST/Excel's PERCENTILE.INC differ by interpolating; a
 * response time that really happened reads better). Null for an empty list.
 */
export function percentile(values: readonly number[], p: number): number | null {
  return nearestRank(Float64Array.from(values).sort(), p);
}

/** `percentile` of numbers already in ascending order. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}
