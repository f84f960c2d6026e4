import { describe, expect, it } from 'vitest';
import { requiredAgents } from './erlang-c';
import {
  StaffingForecastSchema,
  effectiveConcurrency,
  measuredInputs,
  planStaffing,
} from './staffing-plan';

const START = Date.parse('2026-03-14T00:00:00Z');
const at = (i: number, minutes = 30) => new Date(START + i * minutes * 60_000).toISOString();

/** A 24-hour surge: quiet night, a storm peaking mid-afternoon at `peak` mentions per interval. */
function surge(peak: number): { start: string; mentions: number }[] {
  return Array.from({ length: 48 }, (_, i) => ({
    start: at(i),
    mentions: Math.round(40 + peak * Math.exp(-(((i - 30) / 5) ** 2))),
  }));
}

describe('StaffingForecastSchema', () => {
  it('fills in the defaults', () => {
    const f = StaffingForecastSchema.parse({
      intervals: [{ start: at(0), mentions: 10 }],
      ahtSeconds: 300,
      target: { share: 0.9, withinSeconds: 900 },
    });
    expect(f).toMatchObject({
      intervalMinutes: 30,
      concurrency: 1,
      shrinkage: 0,
      maxOccupancy: 0.85,
    });
  });

  it('rejects impossible targets, shares that do not add up and intervals out of order', () => {
    const ok = {
      intervals: [
        { start: at(0), mentions: 10 },
        { start: at(1), mentions: 12 },
      ],
      ahtSeconds: 300,
      target: { share: 0.9, withinSeconds: 900 },
    };
    expect(StaffingForecastSchema.safeParse(ok).success).toBe(true);
    const bad = [
      { ...ok, target: { share: 1, withinSeconds: 900 } },
      { ...ok, shrinkage: 1 },
      { ...ok, concurrency: 0.5 },
      { ...ok, intervals: [...ok.intervals].reverse() },
      { ...ok, intervals: [ok.intervals[0], { start: at(1, 10), mentions: 3 }] },
      { ...ok, intervals: [{ start: at(0), mentions: -1 }] },
      {
        ...ok,
        concurrency: [
          { channel: 'dm', share: 0.5, concurrency: 3 },
          { channel: 'email', share: 0.4, concurrency: 1 },
        ],
      },
    ];
    for (const forecast of bad)
      expect(StaffingForecastSchema.safeParse(forecast).success).toBe(false);
  });
});

describe('planStaffing', () => {
  it('staffs the Call Centre Helper interval as published: 14 agents, 20 rostered', () => {
    // 100 contacts per 30 min, AHT 180 s, 80 % in 20 s, occupancy ≤ 85 %, shrinkage 30 %
    // (the worked example cited in erlang-c.test.ts), next to a quiet interval.
    const plan = planStaffing(
      StaffingForecastSchema.parse({
        intervals: [
          { start: at(0), mentions: 100 },
          { start: at(1), mentions: 0 },
        ],
        ahtSeconds: 180,
        target: { share: 0.8, withinSeconds: 20 },
        shrinkage: 0.3,
        maxOccupancy: 0.85,
      }),
    );
    expect(plan.intervals[0]).toMatchObject({
      start: at(0),
      arrivals: 100,
      load: 10,
      agents: 14,
      staff: 20,
    });
    expect(plan.intervals[1]).toMatchObject({ arrivals: 0, agents: 0, staff: 0, serviceLevel: 1 });
    expect(plan.peak).toEqual({ start: at(0), staff: 20, agents: 14 });
    expect(plan.staffHours).toBe(10);
  });

  it('plans a 24-hour surge interval by interval', () => {
    const forecast = StaffingForecastSchema.parse({
      intervals: surge(6000),
      ahtSeconds: 360,
      concurrency: [
        { channel: 'dm', share: 0.7, concurrency: 3 },
        { channel: 'email', share: 0.3, concurrency: 1 },
      ],
      target: { share: 0.9, withinSeconds: 900 },
      shrinkage: 0.3,
      maxOccupancy: 0.9,
    });
    const plan = planStaffing(forecast);
    expect(plan.intervals).toHaveLength(48);
    expect(plan.concurrency).toBeCloseTo(1 / (0.7 / 3 + 0.3), 12);
    for (const [i, row] of plan.intervals.entries()) {
      const want = requiredAgents({
        arrivalsPerInterval: forecast.intervals[i]?.mentions ?? NaN,
        intervalSeconds: 1800,
        ahtSeconds: 360,
        targetShare: 0.9,
        targetSeconds: 900,
        maxOccupancy: 0.9,
        shrinkage: 0.3,
        concurrency: plan.concurrency,
      });
      expect(row).toMatchObject(want);
      expect(row.serviceLevel).toBeGreaterThanOrEqual(0.9);
      expect(row.occupancy).toBeLessThanOrEqual(0.9);
    }
    expect(plan.peak.start).toBe(at(30));
    expect(plan.peak.agents).toBeGreaterThan(600); // 6,040 mentions → ~644 operator-Erlangs
    const sum = plan.intervals.reduce((s, r) => s + r.staff, 0);
    expect(plan.staffHours).toBe(sum / 2);
  });
});

describe('effectiveConcurrency', () => {
  it('keeps operator time per mention for a channel mix', () => {
    expect(effectiveConcurrency(2)).toBe(2);
    const mix = [
      { channel: 'dm', share: 0.5, concurrency: 3 },
      { channel: 'email', share: 0.5, concurrency: 1 },
    ];
    // Half the mentions cost AHT/3, half cost AHT: AHT·(1/6 + 1/2) = AHT / 1.5.
    expect(effectiveConcurrency(mix)).toBeCloseTo(1.5, 12);
  });
});

describe('measuredInputs', () => {
  it('averages per-interval counts and handle times, ignoring unusable values', () => {
    expect(
      measuredInputs({
        arrivals: { counts: [10, 20, Number.NaN, -4, 30] },
        handleTimesSeconds: [100, 200, -5, Infinity, Number.NaN, 300],
      }),
    ).toEqual({ arrivalsPerInterval: 20, ahtSeconds: 200, intervals: 3, handled: 3 });
  });

  it('turns timestamps in a window into arrivals per interval', () => {
    const from = at(0);
    const to = at(4); // two hours: four 30-minute intervals
    const timestamps = [
      ...Array.from({ length: 40 }, (_, i) => START + i * 3 * 60_000),
      at(-1), // before the window
      at(4), // the window is [from, to)
      'not a date',
    ];
    const m = measuredInputs({ arrivals: { timestamps, from, to }, handleTimesSeconds: [60] });
    expect(m).toEqual({ arrivalsPerInterval: 10, ahtSeconds: 60, intervals: 4, handled: 1 });
    expect(
      measuredInputs({
        arrivals: { timestamps, from, to },
        handleTimesSeconds: [],
        intervalMinutes: 60,
      }),
    ).toMatchObject({ arrivalsPerInterval: 20, intervals: 2 });
  });

  it('says null when nothing usable was measured, and rejects a backwards window', () => {
    expect(measuredInputs({ arrivals: { counts: [] }, handleTimesSeconds: [-1] })).toEqual({
      arrivalsPerInterval: null,
      ahtSeconds: null,
      intervals: 0,
      handled: 0,
    });
    expect(() =>
      measuredInputs({
        arrivals: { timestamps: [], from: at(2), to: at(1) },
        handleTimesSeconds: [],
      }),
    ).toThrow(RangeError);
  });
});
