import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketRing } from './bucket-ring';

describe('bucket ring', () => {
  it('sums counts and negatives over a range of buckets', () => {
    const r = new BucketRing(3, 1);
    r.add(10, true);
    r.add(10, false);
    r.add(11, true);
    expect(r.sum(10, 12)).toEqual({ count: 3, negatives: 2 });
    expect(r.sum(11, 12)).toEqual({ count: 1, negatives: 1 });
    expect(r.sum(12, 20)).toEqual({ count: 0, negatives: 0 });
    expect(r.total).toBe(3);
  });

  it('forgets buckets that fall out of the ring and refuses ones too old to keep', () => {
    const r = new BucketRing(3, 1);
    r.add(10, false);
    r.add(13, false);
    expect(r.sum(0, 100)).toEqual({ count: 2, negatives: 0 });
    r.add(14, false);
    expect(r.sum(0, 100)).toEqual({ count: 2, negatives: 0 });
    expect(r.total).toBe(2);
    expect(r.add(10, false)).toBe(false);
    expect(r.add(11, true)).toBe(true);
    expect(r.sum(11, 12)).toEqual({ count: 1, negatives: 1 });
    r.add(100, false);
    expect(r.total).toBe(1);
    expect(r.sum(0, 101)).toEqual({ count: 1, negatives: 0 });
  });
});

describe('bucket ring sliding sums', () => {
  it('always equal the sums recomputed from scratch, with gaps and late mentions', () => {
    // Each event: jump event time forward by `gap` steps (evaluating every step on the way, as
    // the detector does), then count mentions `lateBy` buckets behind the newest step.
    const event = fc.record({
      gap: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 40 })),
      lateBy: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })),
      negative: fc.boolean(),
      evaluate: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 300 }), (events) => {
        const span = 12;
        const windowBuckets = 3;
        const r = new BucketRing(span, windowBuckets);
        let now = 100;
        for (const e of events) {
          for (let s = now + 1; s <= now + e.gap; s++) {
            // Skipping some steps mimics keys the detector does not look at (idle windows).
            if (!e.evaluate) continue;
            const got = r.sumsAt(s);
            expect(got.window).toEqual(r.sum(s - windowBuckets, s));
            expect(got.baseline).toEqual(r.sum(s - span, s - windowBuckets));
          }
          now += e.gap;
          r.add(now - e.lateBy, e.negative);
        }
      }),
      { numRuns: 300 },
    );
  });
});
