/** The last `size` latency samples (ms) and their percentiles: a bounded view of recent lag. */
export class LatencyWindow {
  private readonly samples: number[] = [];
  private next = 0;
  private seen = 0;

  constructor(private readonly size = 10_000) {}

  /** Records one sample. */
  add(ms: number): void {
    if (this.samples.length < this.size) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.size;
    this.seen += 1;
  }

  /** How many samples were ever recorded, and percentiles of those kept (null when none). */
  summary(): { samples: number; p50Ms: number | null; p99Ms: number | null; maxMs: number | null } {
    if (this.samples.length === 0) return { samples: 0, p50Ms: null, p99Ms: null, maxMs: null };
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
    return { samples: this.seen, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) as number };
  }
}
