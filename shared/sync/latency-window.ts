/** A latency percentile summary: how many samples were ever taken, and the kept ones' ranks. */
export type LatencySummary = {
  samples: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
};

/**
 * The last `size` latency samples (ms), each with when it was taken, and their percentiles: a
 * bounded view of recent lag, optionally only of the samples taken since a moment.
 */
export class LatencyWindow {
  private readonly samples: number[] = [];
  private readonly times: number[] = [];
  private next = 0;
  private seen = 0;

  constructor(private readonly size = 10_000) {}

  /** Records one sample, taken at `at` (ms since the epoch). */
  add(ms: number, at = Date.now()): void {
    if (this.samples.length < this.size) {
      this.samples.push(ms);
      this.times.push(at);
    } else {
      this.samples[this.next] = ms;
      this.times[this.next] = at;
    }
    this.next = (this.next + 1) % this.size;
    this.seen += 1;
  }

  /**
   * How many samples were ever recorded, and nearest-rank percentiles of those kept (null when
   * none): all of them, or those taken at or after `since` (ms since the epoch).
   */
  summary(since?: number): LatencySummary {
    const kept =
      since === undefined
        ? [...this.samples]
        : this.samples.filter((_, i) => (this.times[i] as number) >= since);
    if (kept.length === 0) return { samples: this.seen, p50Ms: null, p99Ms: null, maxMs: null };
    const sorted = kept.sort((a, b) => a - b);
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
    return { samples: this.seen, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) as number };
  }
}
