import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HlcClock, decodeHlc, encodeHlc } from './hlc';

describe('HLC', () => {
  it('round-trips through its string form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9e14 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.stringMatching(/^[a-z0-9-]{1,20}$/),
        (wall, counter, station) => {
          expect(decodeHlc(encodeHlc({ wall, counter, station }))).toEqual({
            wall,
            counter,
            station,
          });
        },
      ),
    );
  });

  it('sorts as strings the way the clock orders', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 0, max: 9e14 }), fc.integer({ min: 0, max: 999_999 })),
        fc.tuple(fc.integer({ min: 0, max: 9e14 }), fc.integer({ min: 0, max: 999_999 })),
        ([w1, c1], [w2, c2]) => {
          const a = encodeHlc({ wall: w1, counter: c1, station: 's' });
          const b = encodeHlc({ wall: w2, counter: c2, station: 's' });
          const byClock = w1 - w2 || c1 - c2;
          expect(Math.sign(a < b ? -1 : a > b ? 1 : 0)).toBe(Math.sign(byClock));
        },
      ),
    );
  });

  it('never goes backwards even when the wall clock does', () => {
    let t = 1_000;
    const clock = new HlcClock('a', () => t);
    const seen: string[] = [];
    for (const step of [0, 5, -100, 0, 3, -1, 200]) {
      t += step;
      seen.push(clock.tick());
    }
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('orders local events after a received remote one from a fast clock', () => {
    const local = new HlcClock('a', () => 1_000);
    const remote = encodeHlc({ wall: 5_000, counter: 7, station: 'b' });
    local.receive(remote);
    expect(local.tick() > remote).toBe(true);
  });

  it('resumes after a restart without reissuing an HLC', () => {
    const first = new HlcClock('a', () => 42);
    const last = first.tick();
    const again = new HlcClock('a', () => 42);
    again.restore(last);
    expect(again.tick() > last).toBe(true);
  });

  it('rejects malformed strings', () => {
    expect(() => decodeHlc('yesterday')).toThrow(/malformed HLC/);
  });
});
