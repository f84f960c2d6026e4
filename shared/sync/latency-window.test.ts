import { describe, expect, it } from 'vitest';
import { LatencyWindow } from './latency-window';

describe('latency window', () => {
  it('gives nearest-rank percentiles of the samples it keeps', () => {
    const w = new LatencyWindow(1_000);
    expect(w.summary()).toEqual({ samples: 0, p50Ms: null, p99Ms: null, maxMs: null });
    for (let i = 100; i >= 1; i--) w.add(i);
    expect(w.summary()).toEqual({ samples: 100, p50Ms: 50, p99Ms: 99, maxMs: 100 });
  });

  it('keeps only the most recent samples', () => {
    const w = new LatencyWindow(10);
    for (let i = 0; i < 10; i++) w.add(1_000);
    for (let i = 0; i < 10; i++) w.add(5);
    expect(w.summary()).toMatchObject({ samples: 20, p99Ms: 5, maxMs: 5 });
  });
});

describe('latency window since a moment', () => {
  it('ranks only the samples taken since then', () => {
    const w = new LatencyWindow(100);
    for (let i = 0; i < 10; i++) w.add(500, 1_000 + i);
    for (let i = 0; i < 10; i++) w.add(i + 1, 2_000 + i);
    expect(w.summary(2_000)).toMatchObject({ samples: 20, p50Ms: 5, p99Ms: 10, maxMs: 10 });
    expect(w.summary()).toMatchObject({ maxMs: 500 });
    expect(w.summary(9_999)).toMatchObject({ samples: 20, p50Ms: null });
  });
});
