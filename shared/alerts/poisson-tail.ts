/**
 * Poisson upper tail P(X ≥ k) for X ~ Poisson(λ), in log space so a 50× spike reports a real
 * number rather than underflowing to 0. Uses the identity P(X ≥ k) = P(k, λ), the regularized
 * lower incomplete gamma function, evaluated by its power series when λ < k + 1 and by Lentz's
 * continued fraction for Q otherwise (Numerical Recipes, 3rd ed., §6.2 `gser`/`gcf`), with
 * ln Γ from the Lanczos approximation (g = 7, n = 9; ~15 significant digits).
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
] as const;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const EPS = 1e-15;
const MAX_ITER = 10_000;
const TINY = 1e-300;

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln P(X ≥ k) for X ~ Poisson(λ): 0 when k ≤ 0, −Infinity when λ = 0 and k > 0. */
export function logPoissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  const a = k;
  const logPrefix = a * Math.log(lambda) - lambda - logGamma(a);
  if (lambda < a + 1) {
    // Series for P(a, λ): converges quickly exactly where the tail is small (k well above λ).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITER; n++) {
      term *= lambda / (a + n);
      sum += term;
      if (term < sum * EPS) break;
    }
    return Math.min(0, logPrefix + Math.log(sum));
  }
  // Continued fraction for Q(a, λ) = 1 − P(a, λ); here P ≥ ~0.5, so log1p(−Q) loses nothing.
  let b = lambda + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.log1p(-Math.exp(logPrefix + Math.log(h)));
}

/** P(X ≥ k) for X ~ Poisson(λ) (may underflow to 0 for extreme spikes: compare logs then). */
export function poissonUpperTail(k: number, lambda: number): number {
  return Math.exp(logPoissonUpperTail(k, lambda));
}
