import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  occupancy,
  offeredLoad,
  requiredAgents,
  serviceLevel,
} from './erlang-c';

/** Erlang B by the textbook formula (A^n/n!) / Σ A^k/k!, fine in doubles for small n. */
function erlangBByFactorials(n: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= n; k++) {
    term *= a / k;
    sum += term;
  }
  return term / sum;
}

describe('published worked examples', () => {
  // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
  // (https://www.callcentrehelper.com/erlang-c-formula-example-121281.htm): 100 calls per 30
  // minutes, AHT 180 s, 80 % answered in 20 s, max occupancy 85 %, shrinkage 30 % → traffic
  // intensity 10 Erlangs. Printed: N = 11 → P(wait) 68.2 %, SL 39.0 %; N = 12 → 44.94 %, 64.0 %;
  // N = 13 → 28.53 %, 79.6 %; N = 14 → 17.41 %, 88.8 %, ASA 7.8 s, occupancy 71.4 %; so 14 agents,
  // 20 with shrinkage. (The same figures are asserted by pyworkforce's tests, queuing/tests.)
  const load = offeredLoad(200, 180);

  it('reproduces the Call Centre Helper example agent by agent', () => {
    expect(load).toBe(10);
    const printed: [number, number, number, number, number][] = [
      // agents, P(wait), its printed decimals, SL, its printed decimals
      [11, 0.682, 3, 0.39, 3],
      [12, 0.4494, 4, 0.64, 3],
      [13, 0.2853, 4, 0.796, 3],
      [14, 0.1741, 4, 0.888, 3],
    ];
    for (const [agents, pWait, pDigits, sl, slDigits] of printed) {
      expect(erlangC(agents, load)).toBeCloseTo(pWait, pDigits);
      expect(serviceLevel({ agents, load, ahtSeconds: 180, targetSeconds: 20 })).toBeCloseTo(
        sl,
        slDigits,
      );
    }
    expect(averageSpeedOfAnswer({ agents: 14, load, ahtSeconds: 180 })).toBeCloseTo(7.8, 1);
    expect(occupancy(14, load)).toBeCloseTo(0.714, 3);
  });

  it('staffs the Call Centre Helper example with 14 agents and 20 rostered', () => {
    const s = requiredAgents({
      arrivalsPerInterval: 100,
      intervalSeconds: 1800,
      ahtSeconds: 180,
      targetShare: 0.8,
      targetSeconds: 20,
      maxOccupancy: 0.85,
      shrinkage: 0.3,
    });
    expect(s.load).toBe(10);
    expect(s.agents).toBe(14);
    expect(s.staff).toBe(20);
    expect(s.serviceLevel).toBeCloseTo(0.888, 3);
    expect(s.waitProbability).toBeCloseTo(0.1741, 4);
    expect(s.occupancy).toBeCloseTo(0.714, 3);
  });

  it('reproduces the erlang.com Erlang B examples', () => {
    // erlang.com calculator manual, "How much traffic can a trunk group handle?"
    // (https://erlang.com/calculatormanual/howmuchtrafficcanatrunkgrouphandle.htm):
    // 15 lines at 1 % blocking carry 8.108 Erlangs.
    expect(erlangB(15, 8.108)).toBeCloseTo(0.01, 5);
    // erlang.com forum, "Trunk Engineering" (December 2001): 1,200 calls in the busy hour,
    // ÷ 36 → 33.333 Erlangs, 1 % blocking → 45 lines.
    const busyHour = 1200 / 36;
    expect(erlangB(44, busyHour)).toBeGreaterThan(0.01);
    expect(erlangB(45, busyHour)).toBeLessThanOrEqual(0.01);
  });
});

describe('Erlang B and C', () => {
  it('matches the factorial formula for small n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 80, noNaN: true }),
        (n, a) => {
          expect(erlangB(n, a)).toBeCloseTo(erlangBByFactorials(n, a), 12);
        },
      ),
    );
  });

  it('agrees with exact rational arithmetic at hundreds and thousands of agents', () => {
    // Reference values from Python's fractions.Fraction with the factorial formulas (exact,
    // then rounded to 15 digits): an independent check, not a published table.
    const exact: [number, number, number, number][] = [
      [520, 500, 0.0143617705441838, 0.274756344696524],
      [1001, 1000, 0.0241875895759664, 0.961258205852491],
      [1040, 1000, 0.00624554513289571, 0.140453894954548],
      [1050, 1000, 0.00381313598454015, 0.0744017740374284],
      [2060, 2000, 0.00395555851921629, 0.119986990421232],
    ];
    for (const [n, a, b, c] of exact) {
      expect(erlangB(n, a) / b).toBeCloseTo(1, 10);
      expect(erlangC(n, a) / c).toBeCloseTo(1, 10);
    }
  });

  it('stays finite and sensible for very large loads', () => {
    for (const a of [500, 1000, 2000, 10_000]) {
      const n = Math.ceil(a + 2 * Math.sqrt(a));
      const c = erlangC(n, a);
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThan(0.2);
      const sl = serviceLevel({ agents: n, load: a, ahtSeconds: 240, targetSeconds: 20 });
      expect(sl).toBeGreaterThan(0.8);
      expect(sl).toBeLessThan(1);
      expect(Number.isFinite(averageSpeedOfAnswer({ agents: n, load: a, ahtSeconds: 240 }))).toBe(
        true,
      );
    }
    // Far more agents than load: B underflows towards 0 rather than overflowing.
    expect(erlangC(5_000, 10)).toBe(0);
  });

  it('keeps P(wait) in [0, 1] and service level rising with agents', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 3_000, noNaN: true }),
        fc.integer({ min: 0, max: 3_100 }),
        fc.integer({ min: 0, max: 600 }),
        (a, n, t) => {
          const c = erlangC(n, a);
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(1);
          const q = { load: a, ahtSeconds: 300, targetSeconds: t };
          const sl = serviceLevel({ ...q, agents: n });
          const more = serviceLevel({ ...q, agents: n + 1 });
          expect(more).toBeGreaterThanOrEqual(sl);
          expect(erlangC(n + 1, a)).toBeLessThanOrEqual(c);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('treats n ≤ A as an unstable queue', () => {
    expect(erlangC(48, 48)).toBe(1);
    expect(erlangC(10, 48)).toBe(1);
    expect(serviceLevel({ agents: 48, load: 48, ahtSeconds: 240, targetSeconds: 20 })).toBe(0);
    expect(averageSpeedOfAnswer({ agents: 40, load: 48, ahtSeconds: 240 })).toBe(Infinity);
    expect(occupancy(40, 48)).toBe(1);
  });

  it('treats no load as no waiting', () => {
    expect(erlangC(0, 0)).toBe(0);
    expect(erlangB(0, 0)).toBe(1);
    expect(serviceLevel({ agents: 0, load: 0, ahtSeconds: 240, targetSeconds: 0 })).toBe(1);
    expect(averageSpeedOfAnswer({ agents: 3, load: 0, ahtSeconds: 240 })).toBe(0);
    expect(occupancy(3, 0)).toBe(0);
  });

  it('rejects invalid input with a RangeError that names the argument', () => {
    expect(() => erlangB(-1, 5)).toThrow(/agents must be a whole number ≥ 0, got -1/);
    expect(() => erlangC(2.5, 1)).toThrow(RangeError);
    expect(() => erlangC(5, Number.NaN)).toThrow(/load must be a finite number ≥ 0, got NaN/);
    expect(() => offeredLoad(-3, 100)).toThrow(/arrivalsPerHour/);
    expect(() => serviceLevel({ agents: 5, load: 1, ahtSeconds: 0, targetSeconds: 20 })).toThrow(
      /ahtSeconds must be a finite number > 0/,
    );
  });
});

describe('requiredAgents', () => {
  const base = {
    arrivalsPerInterval: 360,
    intervalSeconds: 1800,
    ahtSeconds: 240,
    targetShare: 0.8,
    targetSeconds: 20,
  };

  it('finds the smallest head-count meeting the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 5_000, noNaN: true }),
        fc.double({ min: 0.05, max: 0.99, noNaN: true }),
        fc.integer({ min: 0, max: 900 }),
        (arrivals, share, t) => {
          const s = requiredAgents({
            ...base,
            arrivalsPerInterval: arrivals,
            targetShare: share,
            targetSeconds: t,
          });
          const q = { load: s.load, ahtSeconds: 240, targetSeconds: t };
          expect(s.agents).toBeGreaterThan(s.load);
          expect(serviceLevel({ ...q, agents: s.agents })).toBeGreaterThanOrEqual(share);
          expect(serviceLevel({ ...q, agents: s.agents - 1 })).toBeLessThan(share);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('staffs 1,000 Erlangs for 80 % in 20 s with 1,013 agents', () => {
    // 7,500 calls per 30 min at AHT 240 s = 1,000 Erlangs. The threshold, from the exact rational
    // computation: SL(1012) = 0.7776, SL(1013) = 0.8043.
    const s = requiredAgents({ ...base, arrivalsPerInterval: 7500 });
    expect(s.load).toBe(1000);
    expect(s.agents).toBe(1013);
    expect(s.serviceLevel).toBeCloseTo(0.8043, 4);
    expect(s.occupancy).toBeCloseTo(1000 / 1013, 12);
    expect(Number.isFinite(s.asa)).toBe(true);
  });

  it('honours the occupancy cap and shrinkage', () => {
    const loose = requiredAgents({ ...base, targetSeconds: 600 });
    const capped = requiredAgents({ ...base, targetSeconds: 600, maxOccupancy: 0.85 });
    expect(loose.occupancy).toBeGreaterThan(0.85);
    expect(capped.agents).toBe(Math.ceil(48 / 0.85));
    expect(capped.occupancy).toBeLessThanOrEqual(0.85);
    const shrunk = requiredAgents({ ...base, shrinkage: 0.35 });
    expect(shrunk.staff).toBe(Math.ceil(shrunk.agents / 0.65));
    // 21 / (1 − 0.3) is 30.000000000000004 in doubles: 21 agents still roster 30, not 31.
    const at21 = { ...base, arrivalsPerInterval: 165, ahtSeconds: 180, shrinkage: 0.3 };
    expect(requiredAgents(at21)).toMatchObject({ agents: 21, staff: 30 });
  });

  it('staffs zero for zero arrivals', () => {
    expect(requiredAgents({ ...base, arrivalsPerInterval: 0, shrinkage: 0.3 })).toEqual({
      load: 0,
      agents: 0,
      staff: 0,
      serviceLevel: 1,
      asa: 0,
      occupancy: 0,
      waitProbability: 0,
    });
  });

  it('models concurrency as an effective handle time of AHT / c', () => {
    const chat = requiredAgents({ ...base, concurrency: 3 });
    const sameWork = requiredAgents({ ...base, ahtSeconds: 80 });
    expect(chat).toEqual(sameWork);
    expect(chat.load).toBeCloseTo(16, 12);
    expect(chat.agents).toBeLessThan(requiredAgents(base).agents);
  });

  it('is more cautious with concurrency than treating each operator as c slots', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 3_000, noNaN: true }),
        fc.integer({ min: 2, max: 6 }),
        (arrivals, c) => {
          const req = { ...base, arrivalsPerInterval: arrivals };
          const operators = requiredAgents({ ...req, concurrency: c }).agents;
          const slots = requiredAgents(req).agents; // M/M/(n·c) with the full AHT
          expect(operators * c).toBeGreaterThanOrEqual(slots);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects an impossible or malformed request', () => {
    const bad: [Partial<typeof base> & Record<string, number>, RegExp][] = [
      [{ targetShare: 1 }, /targetShare must be in \(0, 1\), got 1/],
      [{ targetShare: 0 }, /targetShare/],
      [{ shrinkage: 1 }, /shrinkage must be in \[0, 1\), got 1/],
      [{ maxOccupancy: 0 }, /maxOccupancy/],
      [{ concurrency: 0.5 }, /concurrency must be ≥ 1/],
      [{ arrivalsPerInterval: -1 }, /arrivalsPerInterval/],
      [{ arrivalsPerInterval: Number.NaN }, /arrivalsPerInterval .* got NaN/],
      [{ intervalSeconds: 0 }, /intervalSeconds/],
      [{ targetSeconds: Infinity }, /targetSeconds/],
    ];
    for (const [change, message] of bad) {
      expect(() => requiredAgents({ ...base, ...change })).toThrow(RangeError);
      expect(() => requiredAgents({ ...base, ...change })).toThrow(message);
    }
  });
});
