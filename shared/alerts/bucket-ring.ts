/** Mentions and negative mentions in a run of buckets. */
export type BucketSum = { count: number; negatives: number };

/** A window and the baseline span just before it, as of one step. */
export type WindowSums = { window: BucketSum; baseline: BucketSum };

/**
 * Per-key counts of mentions and negative mentions in fixed-width time buckets over the last
 * `spanBuckets` (baseline + window): a ring indexed by bucket number, so adding is O(1) and old
 * buckets are zeroed lazily as time moves on. `sumsAt` slides the window and baseline sums one
 * step at a time (O(1) per step), recomputing only after a gap.
 */
export class BucketRing {
  private readonly size: number;
  private readonly counts: Uint32Array;
  private readonly negatives: Uint32Array;
  /** Newest bucket number written; buckets (newest − size, newest] are valid. */
  private newestBucket = -Infinity;
  /** Sum of counts over the valid buckets. */
  private totalCount = 0;
  /** The step `sums` hold: window [step − windowBuckets, step), baseline before it. */
  private cachedStep = -Infinity;
  private readonly sums: WindowSums = {
    window: { count: 0, negatives: 0 },
    baseline: { count: 0, negatives: 0 },
  };

  constructor(
    private readonly spanBuckets: number,
    private readonly windowBuckets: number,
  ) {
    // One more than the span, so the bucket leaving the baseline is still readable as it slides.
    this.size = spanBuckets + 1;
    this.counts = new Uint32Array(this.size);
    this.negatives = new Uint32Array(this.size);
  }

  /** Mentions in the valid buckets (as of the newest one). */
  get total(): number {
    return this.totalCount;
  }

  /** Counts one mention in bucket `b`; false when `b` is too old to be kept. */
  add(b: number, negative: boolean): boolean {
    if (b > this.newestBucket) this.advance(b);
    else if (b <= this.newestBucket - this.size) return false;
    const slot = this.slot(b);
    this.counts[slot] = (this.counts[slot] as number) + 1;
    if (negative) this.negatives[slot] = (this.negatives[slot] as number) + 1;
    this.totalCount += 1;
    // A late mention inside the cached range: keep the sliding sums exact.
    const step = this.cachedStep;
    if (b < step && b >= step - this.spanBuckets) {
      const part = b >= step - this.windowBuckets ? this.sums.window : this.sums.baseline;
      part.count += 1;
      if (negative) part.negatives += 1;
    }
    return true;
  }

  /** Makes `b` the newest bucket, zeroing the ones that fall out of the ring. */
  advance(b: number): void {
    if (b <= this.newestBucket) return;
    if (b - this.newestBucket >= this.size) {
      this.counts.fill(0);
      this.negatives.fill(0);
      this.totalCount = 0;
    } else {
      for (let x = this.newestBucket + 1; x <= b; x++) {
        const slot = this.slot(x);
        this.totalCount -= this.counts[slot] as number;
        this.counts[slot] = 0;
        this.negatives[slot] = 0;
      }
    }
    this.newestBucket = b;
  }

  /**
   * Window and baseline sums for the window ending at bucket `step` (exclusive). Must not be
   * called with a step at or before a bucket already written (evaluate before recording). The
   * returned object is reused: read it before the next call.
   */
  sumsAt(step: number): Readonly<WindowSums> {
    const { window, baseline } = this.sums;
    if (step === this.cachedStep + 1) {
      const entering = step - 1;
      const moving = step - 1 - this.windowBuckets;
      const leaving = step - 1 - this.spanBuckets;
      const cIn = this.countOf(entering);
      const cMid = this.countOf(moving);
      const nIn = this.negativesOf(entering);
      const nMid = this.negativesOf(moving);
      window.count += cIn - cMid;
      window.negatives += nIn - nMid;
      baseline.count += cMid - this.countOf(leaving);
      baseline.negatives += nMid - this.negativesOf(leaving);
    } else if (step !== this.cachedStep) {
      const w = this.sum(step - this.windowBuckets, step);
      const b = this.sum(step - this.spanBuckets, step - this.windowBuckets);
      window.count = w.count;
      window.negatives = w.negatives;
      baseline.count = b.count;
      baseline.negatives = b.negatives;
    }
    this.cachedStep = step;
    return this.sums;
  }

  /** Sum over buckets [from, to); buckets outside the ring count as empty. */
  sum(from: number, to: number): BucketSum {
    const lo = Math.max(from, this.newestBucket - this.size + 1);
    const hi = Math.min(to - 1, this.newestBucket);
    let count = 0;
    let negatives = 0;
    for (let x = lo; x <= hi; x++) {
      const slot = this.slot(x);
      count += this.counts[slot] as number;
      negatives += this.negatives[slot] as number;
    }
    return { count, negatives };
  }

  private valid(x: number): boolean {
    return x <= this.newestBucket && x > this.newestBucket - this.size;
  }

  private countOf(x: number): number {
    return this.valid(x) ? (this.counts[this.slot(x)] as number) : 0;
  }

  private negativesOf(x: number): number {
    return this.valid(x) ? (this.negatives[this.slot(x)] as number) : 0;
  }

  private slot(b: number): number {
    const s = b % this.size;
    return s < 0 ? s + this.size : s;
  }
}
