import { erlangC, type Staffing } from '../shared/staffing/erlang-c';
import {
  StaffingForecastSchema,
  effectiveConcurrency,
  planStaffing,
  type StaffingForecast,
} from '../shared/staffing/staffing-plan';
import { report, type Figure } from './report';

const SAMPLES = 200;
const PLANS_PER_SAMPLE = 10; // one plan takes tens of µs: time a few per sample to beat timer noise
const START = Date.parse('2026-03-14T00:00:00Z');

/** 24 h at 30 min: a quiet night, then two storm waves peaking at ~8,000 and ~4,500 mentions. */
type Target = { share: number; withinSeconds: number };

function surgeForecast(target: Target, maxOccupancy: number): StaffingForecast {
  const intervals = Array.from({ length: 48 }, (_, i) => ({
    start: new Date(START + i * 30 * 60_000).toISOString(),
    mentions: Math.round(
      120 + 8000 * Math.exp(-(((i - 22) / 4) ** 2)) + 4500 * Math.exp(-(((i - 36) / 3) ** 2)),
    ),
  }));
  return StaffingForecastSchema.parse({
    intervals,
    ahtSeconds: 300,
    concurrency: [
      { channel: 'dm', share: 0.6, concurrency: 3 },
      { channel: 'reply', share: 0.25, concurrency: 2 },
      { channel: 'email', share: 0.15, concurrency: 1 },
    ],
    target,
    shrinkage: 0.3,
    maxOccupancy,
  });
}

/** Where the planner's search starts: the first stable head-count within the occupancy cap. */
function searchStart(load: number, maxOccupancy: number): number {
  return Math.max(Math.floor(load) + 1, Math.ceil(load / maxOccupancy - 1e-9));
}

/** One interval by the same search, but Erlang C recomputed from B(0) for every candidate. */
function naiveInterval(f: StaffingForecast, mentions: number, concurrency: number): Staffing {
  const aht = f.ahtSeconds / concurrency;
  const load = (mentions * aht) / (f.intervalMinutes * 60);
  if (load === 0) {
    return { load, agents: 0, staff: 0, serviceLevel: 1, asa: 0, occupancy: 0, waitProbability: 0 };
  }
  let agents = searchStart(load, f.maxOccupancy);
  for (; ; agents++) {
    const c = erlangC(agents, load);
    const sl = 1 - c * Math.exp((-(agents - load) * f.target.withinSeconds) / aht);
    if (sl >= f.target.share) {
      const staff = Math.ceil(agents / (1 - f.shrinkage) - 1e-9);
      const asa = (c * aht) / (agents - load);
      return {
        load,
        agents,
        staff,
        serviceLevel: sl,
        asa,
        occupancy: load / agents,
        waitProbability: c,
      };
    }
  }
}

function naivePlan(f: StaffingForecast): Staffing[] {
  const concurrency = effectiveConcurrency(f.concurrency);
  return f.intervals.map((iv) => naiveInterval(f, iv.mentions, concurrency));
}

function medianMs(fn: () => unknown): number {
  const times: number[] = [];
  for (let s = -SAMPLES / 10; s < SAMPLES; s++) {
    const t0 = performance.now();
    for (let i = 0; i < PLANS_PER_SAMPLE; i++) fn();
    if (s >= 0) times.push((performance.now() - t0) / PLANS_PER_SAMPLE); // s < 0: warm-up
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

function measure(name: string, target: Target, maxOccupancy: number): Figure {
  const forecast = surgeForecast(target, maxOccupancy);
  const plan = planStaffing(forecast);
  const naive = naivePlan(forecast);
  // The baseline must plan the same thing, or the ratio means nothing.
  if (
    plan.intervals.some(
      (row, i) => row.agents !== naive[i]?.agents || row.staff !== naive[i]?.staff,
    )
  ) {
    throw new Error(`${name}: the baseline disagrees with the planner`);
  }
  const steps = plan.intervals
    .filter((row) => row.agents > 0)
    .reduce((sum, row) => sum + row.agents - searchStart(row.load, maxOccupancy), 0);
  const peak = Math.max(...forecast.intervals.map((iv) => iv.mentions));
  const where = `${forecast.intervals.length} intervals, peak ${peak.toLocaleString('en-US')} mentions`;
  console.log(
    `${name}: ${target.share * 100} % within ${target.withinSeconds} s; ${where} → ` +
      `${plan.peak.agents} agents, ${plan.peak.staff} staff; ${plan.staffHours} staff-hours; ` +
      `${steps} search steps past the start in all`,
  );
  return {
    name,
    value: medianMs(() => planStaffing(forecast)),
    unit: 'ms',
    baseline: medianMs(() => naivePlan(forecast)),
    baselineName: 'same search, Erlang C recomputed per candidate',
    better: 'lower',
    goal: '< 5 ms',
  };
}

/** Staffing: time to plan 24 h at 30-minute intervals against a search recomputing Erlang C. */
export function run(): Promise<void> {
  console.log(`median of ${SAMPLES} samples of ${PLANS_PER_SAMPLE} plans each`);
  report([
    // The target for social care with a 90 % occupancy cap: the cap decides the head-count,
    // so the search rarely steps past its start and carrying B(n) forward gains little.
    measure('staffing.plan-24h', { share: 0.9, withinSeconds: 900 }, 0.9),
    // A tight target with no cap: the search steps ≈ √A agents past A at every peak interval.
    measure('staffing.plan-24h-80-20', { share: 0.8, withinSeconds: 20 }, 1),
  ]);
  return Promise.resolve();
}
