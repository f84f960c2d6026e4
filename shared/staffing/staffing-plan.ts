/**
 * The staffing plan for a scheduled event, computed before it starts: its forecast (expected
 * mentions per interval, handle time, concurrency, service target) turned into a head-count per
 * interval by the Erlang C planner (./erlang-c.ts); and the station's measurements (arrivals,
 * claim-to-answer handle times) turned into planner inputs.
 */
import { z } from 'zod';
import { requiredAgents } from './erlang-c';

const MS_PER_MINUTE = 60_000;

/** One channel of a mix: its share of the volume and the conversations an operator keeps open. */
const ChannelConcurrencySchema = z
  .object({
    channel: z.string().trim().min(1).max(40),
    share: z.number().gt(0).max(1),
    concurrency: z.number().min(1).max(50),
  })
  .strict();

/** Concurrency as one number (1 for calls) or a channel mix whose shares add up to 1. */
export const ConcurrencySchema = z.union([
  z.number().min(1).max(50),
  z
    .array(ChannelConcurrencySchema)
    .min(1)
    .max(20)
    .refine((mix) => Math.abs(mix.reduce((sum, c) => sum + c.share, 0) - 1) < 1e-6, {
      message: 'channel shares must add up to 1',
    }),
]);
/** Concurrency as one number or a channel mix. */
export type Concurrency = z.output<typeof ConcurrencySchema>;

/** An event's forecast: expected mentions per interval and what service to give them. */
export const StaffingForecastSchema = z
  .object({
    intervals: z
      .array(
        z
          .object({ start: z.iso.datetime({ offset: true }), mentions: z.number().min(0).max(1e7) })
          .strict(),
      )
      .min(1)
      .max(2_000),
    intervalMinutes: z.number().int().min(1).max(1_440).default(30),
    /** Average handle time per conversation, claim to answer, in seconds. */
    ahtSeconds: z.number().positive().max(86_400),
    concurrency: ConcurrencySchema.default(1),
    /** "90 % answered within 15 minutes" is { share: 0.9, withinSeconds: 900 }. */
    target: z.object({ share: z.number().gt(0).lt(1), withinSeconds: z.number().min(0) }).strict(),
    shrinkage: z.number().min(0).lt(1).default(0),
    // Without a cap, a target measured in minutes is met just above A agents (≈ 100 % busy);
    // 85 % is the usual planning ceiling (Call Centre Helper's worked example uses it).
    maxOccupancy: z.number().gt(0).max(1).default(0.85),
  })
  .strict()
  .refine(
    (f) =>
      f.intervals.every(
        (iv, i) =>
          i === 0 ||
          Date.parse(iv.start) - Date.parse(f.intervals[i - 1]?.start ?? '') >=
            f.intervalMinutes * MS_PER_MINUTE,
      ),
    { message: 'intervals must be in time order and must not overlap', path: ['intervals'] },
  );
/** A parsed forecast (defaults applied). */
export type StaffingForecast = z.output<typeof StaffingForecastSchema>;

/** The head-count for one interval and the service it achieves. */
export type IntervalStaffing = {
  start: string;
  arrivals: number;
  /** Operator-Erlangs (after concurrency). */
  load: number;
  agents: number;
  staff: number;
  serviceLevel: number;
  asa: number;
  occupancy: number;
  waitProbability: number;
};

/** A staffing plan: one row per forecast interval, its peak and its totals. */
export type StaffingPlan = {
  intervals: IntervalStaffing[];
  peak: { start: string; staff: number; agents: number };
  staffHours: number;
  concurrency: number;
};

/** One concurrency for a mix: 1 / Σ(share / concurrency), so operator time per mention is kept. */
export function effectiveConcurrency(concurrency: Concurrency): number {
  if (typeof concurrency === 'number') return concurrency;
  return 1 / concurrency.reduce((sum, c) => sum + c.share / c.concurrency, 0);
}

/** Plans staff for every interval of a parsed forecast (parse with StaffingForecastSchema). */
export function planStaffing(forecast: StaffingForecast): StaffingPlan {
  const concurrency = effectiveConcurrency(forecast.concurrency);
  const intervalSeconds = forecast.intervalMinutes * 60;
  const intervals = forecast.intervals.map((iv): IntervalStaffing => {
    const s = requiredAgents({
      arrivalsPerInterval: iv.mentions,
      intervalSeconds,
      ahtSeconds: forecast.ahtSeconds,
      targetShare: forecast.target.share,
      targetSeconds: forecast.target.withinSeconds,
      maxOccupancy: forecast.maxOccupancy,
      shrinkage: forecast.shrinkage,
      concurrency,
    });
    return { start: iv.start, arrivals: iv.mentions, ...s };
  });
  let peak = intervals[0];
  let staffed = 0;
  for (const iv of intervals) {
    if (peak === undefined || iv.staff > peak.staff) peak = iv;
    staffed += iv.staff;
  }
  return {
    intervals,
    peak: { start: peak?.start ?? '', staff: peak?.staff ?? 0, agents: peak?.agents ?? 0 },
    staffHours: (staffed * forecast.intervalMinutes) / 60,
    concurrency,
  };
}

/** Measured arrivals: counts per past interval, or timestamps inside a window [from, to). */
export type MeasuredArrivals =
  | { counts: readonly number[] }
  | { timestamps: readonly (string | number)[]; from: string | number; to: string | number };

/** Planner inputs derived from measurements; null where nothing usable was measured. */
export type MeasuredInputs = {
  arrivalsPerInterval: number | null;
  ahtSeconds: number | null;
  /** Intervals observed (fractional for a timestamp window). */
  intervals: number;
  /** Handle times used for the mean. */
  handled: number;
};

function toMs(t: string | number): number {
  return typeof t === 'number' ? t : Date.parse(t);
}

function usable(v: number): boolean {
  return Number.isFinite(v) && v >= 0;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Turns measurements into planner inputs: mean arrivals per interval and mean handle time.
 * Non-finite and negative values are ignored (clock skew, unfinished claims). The mean, not the
 * median, because Erlang C needs the mean workload and handle times have a long right tail.
 */
export function measuredInputs(m: {
  arrivals: MeasuredArrivals;
  handleTimesSeconds: readonly number[];
  intervalMinutes?: number;
}): MeasuredInputs {
  const intervalMinutes = m.intervalMinutes ?? 30;
  if (!(intervalMinutes > 0 && Number.isFinite(intervalMinutes))) {
    throw new RangeError(`intervalMinutes must be a finite number > 0, got ${intervalMinutes}`);
  }
  const handles = m.handleTimesSeconds.filter(usable);
  const ahtSeconds = mean(handles);
  if ('counts' in m.arrivals) {
    const counts = m.arrivals.counts.filter(usable);
    return {
      arrivalsPerInterval: mean(counts),
      ahtSeconds,
      intervals: counts.length,
      handled: handles.length,
    };
  }
  const from = toMs(m.arrivals.from);
  const to = toMs(m.arrivals.to);
  if (!(Number.isFinite(from) && Number.isFinite(to) && to > from)) {
    throw new RangeError(
      `arrivals window must have from < to, got ${m.arrivals.from} … ${m.arrivals.to}`,
    );
  }
  const inWindow = m.arrivals.timestamps.map(toMs).filter((t) => t >= from && t < to).length;
  const intervals = (to - from) / (intervalMinutes * MS_PER_MINUTE);
  return {
    arrivalsPerInterval: inWindow / intervals,
    ahtSeconds,
    intervals,
    handled: handles.length,
  };
}
