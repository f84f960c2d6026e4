import { z } from 'zod';

/** The four measures a staffing level's thresholds look at (the keys of a criteria set). */
export const STAFFING_MEASURES = [
  'arrivalsMultiple',
  'queueDepth',
  'oldestWaitingSeconds',
  'shortfall',
] as const;
/** One measure: arrivals as a multiple of the usual rate, queue, oldest waiting, needed − present. */
export type StaffingMeasure = (typeof STAFFING_MEASURES)[number];
/** A threshold per measure; a level's condition is met when ANY measure reaches its threshold. */
export type StaffingCriteria = Record<StaffingMeasure, number>;

const criteria = (d: StaffingCriteria) =>
  z
    .object({
      arrivalsMultiple: z.number().min(1).max(1000).default(d.arrivalsMultiple),
      queueDepth: z.number().int().min(1).max(10_000_000).default(d.queueDepth),
      oldestWaitingSeconds: z.number().int().min(1).max(604_800).default(d.oldestWaitingSeconds),
      shortfall: z.number().int().min(1).max(100_000).default(d.shortfall),
    })
    .strict();

type TierDefaults = { enter: StaffingCriteria; exit: StaffingCriteria } & Record<
  'enterAfterSeconds' | 'exitAfterSeconds',
  number
> & { notifyReserves: boolean };

const tier = (d: TierDefaults) =>
  z
    .object({
      /** Entered when any of these is reached, held for `enterAfterSeconds`. */
      enter: criteria(d.enter).prefault({}),
      /** Left only when every measure is below these, held for `exitAfterSeconds`. */
      exit: criteria(d.exit).prefault({}),
      enterAfterSeconds: z.number().int().min(0).max(3_600).default(d.enterAfterSeconds),
      exitAfterSeconds: z.number().int().min(0).max(21_600).default(d.exitAfterSeconds),
      /** Raise a banner on every desk on entering this level. */
      banner: z.boolean().default(true),
      /** Call in the on-call reserves when the room rises into this level. */
      notifyReserves: z.boolean().default(d.notifyReserves),
    })
    .strict()
    .superRefine((t, ctx) => {
      for (const k of STAFFING_MEASURES)
        if (t.exit[k] > t.enter[k])
          ctx.addIssue({
            code: 'custom',
            path: ['exit', k],
            message: `${t.exit[k]} is above enter.${k} (${t.enter[k]}): the exit threshold must be the lower one, or the level flaps`,
          });
      if (t.exitAfterSeconds < t.enterAfterSeconds)
        ctx.addIssue({
          code: 'custom',
          path: ['exitAfterSeconds'],
          message: `${t.exitAfterSeconds}s is shorter than enterAfterSeconds (${t.enterAfterSeconds}s): leaving a level must take at least as long as entering it`,
        });
    });

/**
 * A room's staffing thresholds (every field has a default, so `{}` is a valid configuration).
 * Defaults suit a room that answers within minutes: elevated at 2× the usual arrivals, 25 waiting,
 * 10 min oldest waiting or 2 people short; surge at 5×, 100, 30 min or 5 short.
 */
export const StaffingThresholdsSchema = z
  .object({
    elevated: tier({
      enter: { arrivalsMultiple: 2, queueDepth: 25, oldestWaitingSeconds: 600, shortfall: 2 },
      exit: { arrivalsMultiple: 1.5, queueDepth: 10, oldestWaitingSeconds: 300, shortfall: 1 },
      enterAfterSeconds: 120,
      exitAfterSeconds: 600,
      notifyReserves: true,
    }).prefault({}),
    surge: tier({
      enter: { arrivalsMultiple: 5, queueDepth: 100, oldestWaitingSeconds: 1_800, shortfall: 5 },
      exit: { arrivalsMultiple: 3, queueDepth: 50, oldestWaitingSeconds: 900, shortfall: 3 },
      enterAfterSeconds: 180,
      exitAfterSeconds: 600,
      notifyReserves: true,
    }).prefault({}),
    standDown: z
      .object({
        /** Stand-down returns to normal after this long below the elevated exit thresholds. */
        quietSeconds: z.number().int().min(0).max(21_600).default(900),
        banner: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** The usual arrival rate is learned while the room is normal (an exponential average). */
    baseline: z
      .object({
        halfLifeMinutes: z.number().positive().max(1_440).default(30),
        /** Floor, so 3 mentions after a silent hour do not read as a 3× rise. */
        minPerMinute: z.number().positive().max(100_000).default(1),
      })
      .strict()
      .prefault({}),
    /** Past this gap between samples, nothing counts as held (a station was down). */
    maxSampleGapSeconds: z.number().int().min(1).max(3_600).default(300),
  })
  .strict()
  .superRefine((t, ctx) => {
    for (const side of ['enter', 'exit'] as const)
      for (const k of STAFFING_MEASURES)
        if (t.surge[side][k] < t.elevated[side][k])
          ctx.addIssue({
            code: 'custom',
            path: ['surge', side, k],
            message: `${t.surge[side][k]} is below elevated.${side}.${k} (${t.elevated[side][k]}): surge is the higher level`,
          });
  });

/** Validated staffing thresholds. */
export type StaffingThresholds = z.output<typeof StaffingThresholdsSchema>;
/** Staffing thresholds as a room writes them (any field may be left out). */
export type StaffingThresholdsInput = z.input<typeof StaffingThresholdsSchema>;
/** The thresholds a room gets when it configures none. */
export const DEFAULT_STAFFING_THRESHOLDS: StaffingThresholds = StaffingThresholdsSchema.parse({});

/** Checks a room's thresholds: the parsed value, or every problem as `path: message`. */
export function parseStaffingThresholds(
  value: unknown,
): { ok: true; thresholds: StaffingThresholds } | { ok: false; problems: string[] } {
  const r = StaffingThresholdsSchema.safeParse(value);
  if (r.success) return { ok: true, thresholds: r.data };
  return {
    ok: false,
    problems: r.error.issues.map(
      (i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`,
    ),
  };
}

/** What the station measured at one moment (needed head-count from Erlang C). */
export const StaffingMeasurementsSchema = z
  .object({
    arrivalsPerMinute: z.number().min(0).max(1e7),
    queueDepth: z.number().int().min(0),
    oldestWaitingSeconds: z.number().min(0),
    neededHeadcount: z.number().min(0),
    presentHeadcount: z.number().min(0),
  })
  .strict();
/** One sample's measurements. */
export type StaffingMeasurements = z.output<typeof StaffingMeasurementsSchema>;

/** One measure against its threshold (arrivals as a multiple of the usual rate). */
export type StaffingMeasureReason = {
  kind: 'above' | 'below';
  measure: StaffingMeasure;
  value: number;
  threshold: number;
  /** In English for the log and the wall, e.g. "oldest waiting 14 min ≥ 10 min". */
  text: string;
};
/** Why the level is what it is: measures against thresholds, or a lead's decision. */
export type StaffingReason =
  StaffingMeasureReason | { kind: 'manual'; by: string; note: string; text: string };

/** The two levels that have thresholds. */
export type StaffingTier = 'elevated' | 'surge';
/** A sample against each tier: entry measures reached, exit measures below, whether it holds. */
export type StaffingPressure = Record<
  StaffingTier,
  { met: StaffingMeasureReason[]; below: StaffingMeasureReason[]; holds: boolean }
>;

/** Measures a sample against every tier; arrivals count as a multiple of `baselinePerMinute`. */
export function pressureOf(
  m: StaffingMeasurements,
  baselinePerMinute: number,
  t: StaffingThresholds,
): StaffingPressure {
  const tier = (k: StaffingTier) => {
    const exit = compare(m, baselinePerMinute, t[k].exit);
    const met = compare(m, baselinePerMinute, t[k].enter).filter((r) => r.kind === 'above');
    return {
      met,
      below: exit.filter((r) => r.kind === 'below'),
      holds: exit.some((r) => r.kind === 'above'),
    };
  };
  return { elevated: tier('elevated'), surge: tier('surge') };
}

function compare(m: StaffingMeasurements, baseline: number, limits: StaffingCriteria) {
  return STAFFING_MEASURES.map((measure): StaffingMeasureReason => {
    const threshold = limits[measure];
    const value = valueOf(m, baseline, measure);
    const above = value >= threshold;
    const text = describe(m, baseline, measure, value, above ? '≥' : '<', threshold);
    return { kind: above ? 'above' : 'below', measure, value, threshold, text };
  });
}

function valueOf(m: StaffingMeasurements, baseline: number, measure: StaffingMeasure): number {
  if (measure === 'arrivalsMultiple') return m.arrivalsPerMinute / baseline;
  if (measure === 'shortfall') return m.neededHeadcount - m.presentHeadcount;
  return m[measure];
}

function describe(
  m: StaffingMeasurements,
  baseline: number,
  measure: StaffingMeasure,
  value: number,
  op: string,
  threshold: number,
): string {
  switch (measure) {
    case 'arrivalsMultiple':
      return `arrivals ${rate(m.arrivalsPerMinute)}/min, ${multiple(value, threshold)}× the usual ${rate(baseline)}/min ${op} ${threshold}×`;
    case 'queueDepth':
      return `queue ${value} ${op} ${threshold}`;
    case 'oldestWaitingSeconds':
      return `oldest waiting ${formatSeconds(value)} ${op} ${formatSeconds(threshold)}`;
    case 'shortfall':
      return `${Math.max(0, value)} short (needed ${m.neededHeadcount}, present ${m.presentHeadcount}) ${op} ${threshold}`;
  }
}

// The fewest decimals that keep the printed value on the same side of its threshold.
const multiple = (value: number, threshold: number) =>
  [1, 2, 3]
    .map((d) => Math.round(value * 10 ** d) / 10 ** d)
    .find((v) => v >= threshold === value >= threshold) ?? value;

const rate = (perMinute: number) =>
  perMinute < 10 ? String(Math.round(perMinute * 10) / 10) : String(Math.round(perMinute));

/** Seconds as a lead reads them: "45 s", "7 min 30 s", "14 min" (whole minutes from 10 min). */
export function formatSeconds(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  return s % 60 === 0 || s >= 600 ? `${min} min` : `${min} min ${s % 60} s`;
}
