/**
 * A token bucket (the classic rate limiter: Turner, "New directions in communications", 1986;
 * RFC 2697's single-rate meter is the same idea): `capacity` tokens, refilled at `perSecond`,
 * one taken per request. Bursts up to the capacity pass at once; the long-run rate is capped.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.at = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
  }

  /** Takes a token: 0 when there was one, else the seconds until there will be (Retry-After). */
  take(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }
}
