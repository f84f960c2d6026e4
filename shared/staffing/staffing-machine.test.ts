import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { prng } from '../testing/prng';
import {
  replayStaffing,
  staffingMachine,
  type StaffingEvent,
  type StaffingLevel,
  type StaffingTransition,
} from './staffing-machine';
import {
  DEFAULT_STAFFING_THRESHOLDS as T,
  parseStaffingThresholds,
  STAFFING_MEASURES,
  type StaffingCriteria,
  type StaffingMeasurements,
} from './staffing-thresholds';

const T0 = Date.UTC(2026, 2, 14, 18, 0);
const MIN = 60_000;
const STEP = 30_000;
const USUAL = 10;
const QUIET: StaffingMeasurements = {
  arrivalsPerMinute: USUAL,
  queueDepth: 2,
  oldestWaitingSeconds: 40,
  neededHeadcount: 11,
  presentHeadcount: 12,
};
const lead = { id: 'op-lea', role: 'lead' } as const;
const ana = { id: 'op-ana', role: 'operator' } as const;
const start = { input: { startedAt: T0 } };

const sample = (at: number, m: Partial<StaffingMeasurements> = {}): StaffingEvent => ({
  type: 'staffing.sample',
  at,
  measurements: { ...QUIET, ...m },
});
const levels = (cs: StaffingTransition[]) => cs.map((c) => c.to);
const RANK: Record<StaffingLevel, number> = { normal: 0, standDown: 0, elevated: 1, surge: 2 };
const fell = (c: StaffingTransition) => RANK[c.to] < RANK[c.from] || c.to === 'normal';

/** Piecewise-linear curve through [minute, value] points. */
function curve(points: [number, number][], min: number): number {
  const i = points.findIndex(([m]) => m > min);
  if (i <= 0) return (points.at(i === 0 ? 0 : -1) as [number, number])[1];
  const [m0, v0] = points[i - 1] as [number, number];
  const [m1, v1] = points[i] as [number, number];
  return v0 + ((v1 - v0) * (min - m0)) / (m1 - m0);
}

/**
 * A replayed surge, every 30 s for 200 min: quiet at 10/min, a ramp to 10× that outruns the 12
 * people present, on-call reserves checking in, a hold at the peak, a decay, reserves leaving.
 * The queue is a fluid model (each person answers one a minute); `jitter` adds noise.
 */
function replayedSurge(jitter: () => number = () => 0): StaffingEvent[] {
  const events: StaffingEvent[] = [];
  let queue = 0;
  for (let at = T0; at <= T0 + 200 * MIN; at += STEP) {
    const min = (at - T0) / MIN;
    const arrivals =
      curve(
        [
          [40, USUAL],
          [55, 100],
          [90, 100],
          [110, USUAL],
        ],
        min,
      ) *
      (1 + jitter());
    const present = Math.round(
      curve(
        [
          [50, 12],
          [60, 120],
          [120, 120],
          [130, 12],
        ],
        min,
      ),
    );
    queue = Math.max(0, queue + ((arrivals - present) * STEP) / MIN);
    events.push(
      sample(at, {
        arrivalsPerMinute: arrivals,
        queueDepth: Math.round(queue),
        oldestWaitingSeconds: Math.round((queue / present) * 60),
        neededHeadcount: Math.ceil(arrivals * 1.1),
        presentHeadcount: present,
      }),
    );
  }
  return events;
}

/** The documented rule, stated on its own: ANY measure at or above its threshold. */
const reaches = (m: StaffingMeasurements, limits: StaffingCriteria) =>
  m.arrivalsPerMinute / USUAL >= limits.arrivalsMultiple ||
  m.queueDepth >= limits.queueDepth ||
  m.oldestWaitingSeconds >= limits.oldestWaitingSeconds ||
  m.neededHeadcount - m.presentHeadcount >= limits.shortfall;

const measured = (e: StaffingEvent) => (e.type === 'staffing.sample' ? e.measurements : QUIET);

describe('the staffing machine under a replayed surge', () => {
  const events = replayedSurge();
  const { transitions, context } = replayStaffing(events, start);
  const first = (limits: StaffingCriteria) =>
    (events.find((e) => reaches(measured(e), limits)) as StaffingEvent).at;
  const last = (limits: StaffingCriteria) =>
    (events.findLast((e) => reaches(measured(e), limits)) as StaffingEvent).at;
  const near = (actual: number | undefined, expected: number) =>
    expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(STEP);

  it('rises, holds through the peak, stands down and returns to normal, once each', () => {
    expect(levels(transitions)).toEqual(['elevated', 'surge', 'standDown', 'normal']);
    expect(context.level).toBe('normal');
  });

  it('changes at the times the thresholds and dwell times give for this data', () => {
    const [elevated, surge, standDown, normal] = transitions.map((c) => c.at);
    near(elevated, first(T.elevated.enter) + T.elevated.enterAfterSeconds * 1000);
    near(surge, first(T.surge.enter) + T.surge.enterAfterSeconds * 1000);
    const calmFrom = last(T.elevated.exit) + STEP;
    const easedFrom = last(T.surge.exit) + STEP;
    near(
      standDown,
      Math.max(
        calmFrom + T.elevated.exitAfterSeconds * 1000,
        easedFrom + T.surge.exitAfterSeconds * 1000,
      ),
    );
    near(normal, (standDown ?? NaN) + T.standDown.quietSeconds * 1000);
  });

  it('calls reserves in on the way up, bannering every level but normal, and says why', () => {
    expect(transitions.map((c) => [c.notifyReserves, c.banner])).toEqual([
      [true, true],
      [true, true],
      [false, true],
      [false, false],
    ]);
    expect(transitions[0]?.why.length).toBeGreaterThan(0);
    expect(transitions[0]?.summary).toMatch(/^Elevated: .* ≥ .* \(for 2 min\)$/);
    expect(transitions[2]?.summary).toMatch(/^Stand-down: below the elevated exit thresholds for/);
  });
});

describe('the staffing machine on a noisy room', () => {
  const noise = fc.array(
    fc.record({
      gap: fc.integer({ min: 10, max: 90 }),
      a: fc.double({ min: -1, max: 1, noNaN: true }),
      b: fc.double({ min: -1, max: 1, noNaN: true }),
      short: fc.integer({ min: -3, max: 1 }),
    }),
    { minLength: 50, maxLength: 400, size: 'max' },
  );
  const series = (steps: { gap: number }[], m: (i: number) => Partial<StaffingMeasurements>) => {
    let at = T0;
    return steps.map((s, i) => sample((at += s.gap * 1000), m(i)));
  };

  it('never leaves normal while noise stays below every elevated threshold', () => {
    fc.assert(
      fc.property(noise, (steps) => {
        const events = series(steps, (i) => {
          const { a, b, short } = steps[i] as (typeof steps)[number];
          return {
            arrivalsPerMinute: USUAL * (1 + 0.3 * a), // at most 1.3 / 0.7 < 2× the usual rate
            queueDepth: Math.round(12 + 12 * b),
            oldestWaitingSeconds: Math.round(300 + 290 * a * b),
            neededHeadcount: 12 + short,
          };
        });
        expect(replayStaffing(events, start).transitions).toEqual([]);
      }),
    );
  });

  it('rises at most once when noise straddles the entry threshold but stays above the exit one', () => {
    fc.assert(
      fc.property(noise, (steps) => {
        const events = series(steps, (i) => ({
          queueDepth: Math.round(25 + 12 * (steps[i]?.a ?? 0)), // 13–37: entry 25, exit 10
        }));
        expect(['', 'elevated']).toContain(
          levels(replayStaffing(events, start).transitions).join(),
        );
      }),
    );
  });

  it('holds every level its dwell time, however the room swings between thresholds', () => {
    // Bursts of any length in four regimes: quiet, between exit and entry, past elevated, past surge.
    const REGIMES = ['quiet', 'between', 'elevated', 'surge'] as const;
    const bursts = fc.array(
      fc.record({ regime: fc.constantFrom(...REGIMES), n: fc.integer({ min: 1, max: 30 }) }),
      { minLength: 5, maxLength: 40, size: 'max' },
    );
    const measure = fc.constantFrom(...STAFFING_MEASURES);
    fc.assert(
      fc.property(bursts, measure, fc.integer(), (segments, k, seed) => {
        const random = prng(seed);
        const { elevated, surge } = T;
        const value = {
          quiet: elevated.exit[k] / 2,
          between: (elevated.exit[k] + elevated.enter[k]) / 2,
          elevated: elevated.enter[k] * 1.1,
          surge: surge.enter[k] * 1.1,
        };
        let at = T0;
        const events = segments.flatMap(({ regime, n }) =>
          Array.from({ length: n }, () => {
            const v = value[regime] * (1 + 0.1 * (random() - 0.5));
            at += 10_000 + Math.floor(random() * 80_000);
            if (k === 'arrivalsMultiple') return sample(at, { arrivalsPerMinute: USUAL * v });
            if (k === 'shortfall') return sample(at, { neededHeadcount: 12 + Math.floor(v) });
            return sample(at, { [k]: Math.round(v) });
          }),
        );
        const cs = replayStaffing(events, {
          input: { startedAt: T0, baselinePerMinute: USUAL },
        }).transitions;
        const dwell = {
          elevated: elevated.exitAfterSeconds,
          surge: surge.exitAfterSeconds,
          standDown: T.standDown.quietSeconds,
          normal: NaN,
        };
        cs.forEach((c, i) => {
          const prev = cs[i - 1];
          const held = prev ? (c.at - prev.at) / 1000 : Infinity;
          // A level is left downward only after its exit dwell; a rise after a fall waits its entry dwell.
          if (fell(c)) expect(held).toBeGreaterThanOrEqual(dwell[c.from]);
          else if (prev && fell(prev))
            expect(held).toBeGreaterThanOrEqual(T[c.to as 'elevated' | 'surge'].enterAfterSeconds);
        });
        // No flapping: at most one step down in any window of the shortest exit dwell.
        const falls = cs.filter(fell).map((c) => c.at);
        const shortest = Math.min(dwell.elevated, dwell.surge, dwell.standDown) * 1000;
        falls.forEach(
          (f, i) => i > 0 && expect(f - (falls[i - 1] ?? 0)).toBeGreaterThanOrEqual(shortest),
        );
      }),
    );
  });
});

describe('replaying the staffing machine', () => {
  it('gives the same changes for the same samples, in one pass or restored from a snapshot', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 400 }), (seed, split) => {
        const random = prng(seed);
        const events = replayedSurge(() => 0.2 * (random() - 0.5));
        const once = replayStaffing(events, start);
        expect(replayStaffing(events, start).transitions).toEqual(once.transitions);
        const half = replayStaffing(events.slice(0, split), start);
        // The station caches the snapshot as JSON in SQLite.
        const snapshot = JSON.parse(JSON.stringify(half.persisted));
        const rest = replayStaffing(events.slice(split), { snapshot });
        expect([...half.transitions, ...rest.transitions]).toEqual(once.transitions);
        expect(rest.context).toEqual(once.context);
      }),
      { numRuns: 25 },
    );
  });

  it('counts nothing as held across a gap in the samples, and ignores a stale sample', () => {
    const surge = { queueDepth: 150 };
    const gap = (T.maxSampleGapSeconds + 60) * 1000;
    const { transitions } = replayStaffing(
      [sample(T0, surge), sample(T0 + gap, surge), sample(T0 + gap - STEP, surge)],
      start,
    );
    expect(transitions).toEqual([]);
  });
});

describe('a lead setting the staffing level by hand', () => {
  it('holds the level until staffing.auto, then the measurements take over after their dwell', () => {
    const actor = createActor(staffingMachine, start).start();
    const busy = { oldestWaitingSeconds: 840 };
    actor.send(sample(T0, busy));
    actor.send(sample(T0 + 2 * MIN, busy));
    expect(actor.getSnapshot().context.summary).toBe(
      'Elevated: oldest waiting 14 min ≥ 10 min (for 2 min)',
    );
    const set = {
      type: 'staffing.set',
      at: T0 + 3 * MIN,
      level: 'surge',
      reason: 'keynote at 21:00',
    } as const;
    actor.send({ ...set, actor: ana });
    expect(actor.getSnapshot().value).toBe('elevated');
    actor.send({ ...set, actor: lead });
    const forced = actor.getSnapshot();
    expect([forced.value, forced.context.mode]).toEqual(['surge', 'manual']);
    expect(forced.context.transitions).toMatchObject([
      { from: 'elevated', to: 'surge', by: lead, notifyReserves: true },
    ]);
    expect(forced.context.summary).toBe('Surge: set by op-lea: keynote at 21:00');
    for (let m = 4; m <= 60; m++) actor.send(sample(T0 + m * MIN));
    expect(actor.getSnapshot().value).toBe('surge');
    actor.send({ type: 'staffing.auto', at: T0 + 61 * MIN, actor: ana });
    actor.send(sample(T0 + 61 * MIN + STEP));
    expect(actor.getSnapshot().value).toBe('surge');
    actor.send({ type: 'staffing.auto', at: T0 + 62 * MIN, actor: lead });
    const after: StaffingTransition[] = [];
    for (let m = 62; m <= 120; m++) {
      actor.send(sample(T0 + m * MIN));
      after.push(...actor.getSnapshot().context.transitions);
    }
    expect(after.map((c) => [c.to, (c.at - T0) / MIN])).toEqual([
      ['standDown', 62 + T.elevated.exitAfterSeconds / 60],
      ['normal', 62 + (T.elevated.exitAfterSeconds + T.standDown.quietSeconds) / 60],
    ]);
    expect(actor.getSnapshot().context.level).toBe(actor.getSnapshot().value);
  });
});

describe('the usual arrival rate', () => {
  it('is learned from traffic a lead holds at normal, so a new normal stops reading as a rise', () => {
    const busy = { arrivalsPerMinute: 3 * USUAL };
    const hold = { type: 'staffing.set', at: T0 + MIN, actor: lead, level: 'normal' } as const;
    const events: StaffingEvent[] = [sample(T0), { ...hold, reason: 'the new normal' }];
    for (let m = 2; m <= 90; m++) events.push(sample(T0 + m * MIN, busy));
    events.push({ type: 'staffing.auto', at: T0 + 90 * MIN, actor: lead });
    for (let m = 91; m <= 120; m++) events.push(sample(T0 + m * MIN, busy));
    const { transitions, context } = replayStaffing(events, start);
    expect(transitions).toEqual([]);
    expect(context.baselinePerMinute).toBeGreaterThan(busy.arrivalsPerMinute / 2);
  });
});

describe('staffing thresholds', () => {
  it('fill every default from an empty configuration', () => {
    expect(parseStaffingThresholds({})).toEqual({ ok: true, thresholds: T });
  });

  it('refuse thresholds that would flap or invert the levels, saying which and why', () => {
    const r = parseStaffingThresholds({
      elevated: { exit: { queueDepth: 40 }, exitAfterSeconds: 60 },
    });
    expect(r.ok ? [] : r.problems).toEqual([
      'elevated.exit.queueDepth: 40 is above enter.queueDepth (25): the exit threshold must be the lower one, or the level flaps',
      'elevated.exitAfterSeconds: 60s is shorter than enterAfterSeconds (120s): leaving a level must take at least as long as entering it',
    ]);
    const inverted = parseStaffingThresholds({ surge: { exit: { queueDepth: 5 } } });
    expect(inverted.ok ? [] : inverted.problems).toEqual([
      'surge.exit.queueDepth: 5 is below elevated.exit.queueDepth (10): surge is the higher level',
    ]);
    const typo = parseStaffingThresholds({ elevated: { enter: { queue: 5 } } });
    expect(typo.ok ? [] : typo.problems.join()).toMatch(
      /^elevated\.enter: Unrecognized key.*queue/,
    );
  });
});

describe("a room's own thresholds (staffing.configure)", () => {
  const strict = parseStaffingThresholds({
    elevated: { enter: { queueDepth: 5 }, exit: { queueDepth: 3 }, enterAfterSeconds: 60 },
  });
  const thresholds = strict.ok ? strict.thresholds : T;
  // 8 waiting for three minutes: calm by the defaults (25), elevated by the room's own (5).
  const waiting = Array.from({ length: 7 }, (_, i) =>
    sample(T0 + (i + 1) * STEP, { queueDepth: 8 }),
  );

  it('apply from the point they were set, as every station folds them', () => {
    const configure: StaffingEvent = {
      type: 'staffing.configure',
      at: T0,
      actor: lead,
      thresholds,
    };
    expect(levels(replayStaffing(waiting, start).transitions)).toEqual([]);
    const mine = replayStaffing([configure, ...waiting], start);
    expect(levels(mine.transitions)).toEqual(['elevated']);
    expect(mine.transitions[0]?.summary).toMatch(/queue 8 ≥ 5/);
    // A snapshot keeps them: a restored machine goes on with the room's thresholds.
    const half = replayStaffing([configure, ...waiting.slice(0, 2)], start);
    expect(
      levels(replayStaffing(waiting.slice(2), { snapshot: half.persisted }).transitions),
    ).toEqual(['elevated']);
  });

  it('ignore thresholds set by an operator', () => {
    const byAna: StaffingEvent = { type: 'staffing.configure', at: T0, actor: ana, thresholds };
    expect(levels(replayStaffing([byAna, ...waiting], start).transitions)).toEqual([]);
  });
});
