/** Detector settings; every field is optional and falls back to `DEFAULT_ALERT_OPTIONS`. */
export type AlertDetectorOptions = {
  /** The recent window judged at each step. */
  windowMs?: number;
  /** The span before the window that sets the expected rate and negative share. */
  baselineMs?: number;
  /** Bucket width and evaluation step; windowMs and baselineMs must be multiples of it. */
  stepMs?: number;
  /** An open alert resolves once its rule has not held for this long; only then can it re-fire. */
  cooldownMs?: number;
  /** No alert opens this soon after the first mention seen (default windowMs + baselineMs). */
  warmupMs?: number;
  /** Volume spike: least mentions in the window. */
  spikeMinCount?: number;
  /** Volume spike: least count / expected count. */
  spikeMinRatio?: number;
  /** Volume spike: largest Poisson upper-tail p-value. */
  spikeMaxPValue?: number;
  /** Baseline rate floor (per hour), so a key with no history is not infinitely surprising. */
  minBaselinePerHour?: number;
  /** Sentiment shift: least two-proportion z. */
  shiftMinZ?: number;
  /** Sentiment shift: least rise of the negative share (0..1) over the baseline's. */
  shiftMinIncrease?: number;
  /** Sentiment shift: least mentions in the window. */
  shiftMinCount?: number;
  /** Sentiment shift: least mentions in the baseline. */
  shiftMinBaselineCount?: number;
  /** Keys tracked at once (the busiest are kept; memory is bounded by this). */
  maxKeys?: number;
  /** Mention refs kept per alert. */
  maxSampleRefs?: number;
};

/** Options with every field filled in. */
export type ResolvedAlertOptions = Required<AlertDetectorOptions>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Defaults, tuned on a week of real airline mentions (airline-tweets-2015.csv, see
 * airline-replay.test.ts) to fire on the real surges and stay quiet through daily cycles.
 */
export const DEFAULT_ALERT_OPTIONS: ResolvedAlertOptions = {
  windowMs: HOUR,
  // 24 h, not 12 h: a 12 h baseline at 07:00 covers mostly night, so every morning ramp looked
  // like a 4–8× spike on the airline data. A full day averages the daily cycle out.
  baselineMs: 24 * HOUR,
  stepMs: 5 * MINUTE,
  cooldownMs: HOUR,
  // One full window + baseline: before that the baseline is partly unseen time, not quiet time.
  warmupMs: 25 * HOUR,
  // 20/h keeps quiet keys (a few mentions an hour) from firing on a handful of messages.
  spikeMinCount: 20,
  // 4× the day's mean rate: on the airline week ordinary morning peaks reach 3–3.7× (3× fired
  // 11 volume alerts against 5, 4 of the 6 extra on such mornings); 4× still catches the storm,
  // a viral post and a promotion.
  spikeMinRatio: 4,
  // One-in-a-million per look (288 looks a day per key). Real mention streams are far burstier
  // than Poisson, so this gate alone would not hold false alarms down: the ratio does that.
  spikeMaxPValue: 1e-6,
  // A brand-new key is compared with 1/h: 20 mentions in its first hour still fires (new topic).
  minBaselinePerHour: 1,
  // z ≥ 4, not 3: at 288 looks a day per key a one-sided 3σ (p ≈ 0.0013) is reached by noise
  // (z ≥ 3 fired 4 shifts that week against 2); the share must also rise 20 points, so a big
  // key's 3-point wobble (significant at thousands of mentions) is not news.
  shiftMinZ: 4,
  shiftMinIncrease: 0.2,
  // 30 in the hour and 100 in the day before: below that a share is a handful of messages.
  shiftMinCount: 30,
  shiftMinBaselineCount: 100,
  maxKeys: 500,
  maxSampleRefs: 50,
};

/** Fills in defaults and checks the spans fit the step; throws on nonsense. */
export function resolveAlertOptions(opts: AlertDetectorOptions = {}): ResolvedAlertOptions {
  const o: ResolvedAlertOptions = { ...DEFAULT_ALERT_OPTIONS };
  for (const [name, value] of Object.entries(opts)) {
    if (value === undefined) continue;
    if (!(name in DEFAULT_ALERT_OPTIONS)) throw new Error(`unknown alert option ${name}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`alert option ${name} must be a finite number ≥ 0, got ${String(value)}`);
    }
    (o as Record<string, number>)[name] = value;
  }
  if (!(o.stepMs > 0)) throw new Error('alert option stepMs must be > 0');
  for (const name of ['windowMs', 'baselineMs'] as const) {
    if (!(o[name] > 0) || o[name] % o.stepMs !== 0) {
      throw new Error(`alert option ${name} must be a positive multiple of stepMs (${o.stepMs})`);
    }
  }
  if (opts.warmupMs === undefined) o.warmupMs = o.windowMs + o.baselineMs;
  if (!(o.maxKeys >= 1)) throw new Error('alert option maxKeys must be ≥ 1');
  return o;
}
