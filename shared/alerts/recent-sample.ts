/**
 * A few mention refs per bucket over the last `buckets` buckets, plus each bucket's earliest
 * mention time: enough to say which mentions an alert's window held without keeping them all.
 * Keeps the first `perBucket` refs of each bucket, so the sample spreads over the window.
 */
export class RecentSample {
  private readonly bucketOf: Float64Array;
  private readonly firstAt: Float64Array;
  private readonly fill: Uint32Array;
  private readonly refs: (string | undefined)[];
  private readonly negative: Uint8Array;

  constructor(
    private readonly buckets: number,
    private readonly perBucket: number,
  ) {
    this.bucketOf = new Float64Array(buckets).fill(-Infinity);
    this.firstAt = new Float64Array(buckets);
    this.fill = new Uint32Array(buckets);
    this.refs = new Array<string | undefined>(buckets * perBucket);
    this.negative = new Uint8Array(buckets * perBucket);
  }

  /** Notes one mention of bucket `b` (late mentions for a recycled slot are ignored). */
  add(b: number, at: number, negative: boolean, ref: string | undefined): void {
    const slot = this.slot(b);
    const held = this.bucketOf[slot] as number;
    if (held !== b) {
      if (held > b) return;
      this.bucketOf[slot] = b;
      this.firstAt[slot] = at;
      this.fill[slot] = 0;
    } else if (at < (this.firstAt[slot] as number)) {
      this.firstAt[slot] = at;
    }
    const n = this.fill[slot] as number;
    if (ref === undefined || n >= this.perBucket) return;
    const i = slot * this.perBucket + n;
    this.refs[i] = ref;
    this.negative[i] = negative ? 1 : 0;
    this.fill[slot] = n + 1;
  }

  /** Earliest mention time in buckets [from, to), or null when none is known. */
  firstMentionAt(from: number, to: number): number | null {
    for (let b = from; b < to; b++) {
      const slot = this.slot(b);
      if (this.bucketOf[slot] === b) return this.firstAt[slot] as number;
    }
    return null;
  }

  /** Up to `max` refs from buckets [from, to), oldest first; negatives only when asked. */
  refsIn(from: number, to: number, max: number, negativeOnly: boolean): string[] {
    const out: string[] = [];
    for (let b = from; b < to && out.length < max; b++) {
      const slot = this.slot(b);
      if (this.bucketOf[slot] !== b) continue;
      const n = this.fill[slot] as number;
      for (let k = 0; k < n && out.length < max; k++) {
        const i = slot * this.perBucket + k;
        if (negativeOnly && this.negative[i] === 0) continue;
        out.push(this.refs[i] as string);
      }
    }
    return out;
  }

  private slot(b: number): number {
    const s = b % this.buckets;
    return s < 0 ? s + this.buckets : s;
  }
}
