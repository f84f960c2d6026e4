import type { ResolvedAlertOptions } from './alert-options';
import type { BucketSum } from './bucket-ring';
import { logPoissonUpperTail } from './poisson-tail';
import { twoProportionZ } from './two-proportion-z';

const HOUR = 3_600_000;

/** What one key's window says against its baseline, and whether each rule holds. */
export type WindowJudgement = {
  baselinePerHour: number;
  /** Window count scaled to mentions per hour. */
  perHour: number;
  ratio: number;
  negativeShare: number;
  baselineNegativeShare: number;
  spike: boolean;
  /** P(X ≥ count); 1 when the cheap gates (count, ratio) already failed. */
  pValue: number;
  shift: boolean;
  /** Two-proportion z; 0 when the count gates already failed. */
  z: number;
};

/**
 * Judges a window against the baseline span before it. Volume spike: count ≥ spikeMinCount,
 * count ≥ spikeMinRatio × expected, and Poisson P(X ≥ count) ≤ spikeMaxPValue, where expected =
 * max(baseline rate, minBaselinePerHour) × window length. Sentiment shift: enough mentions on
 * both sides, the negative share up by ≥ shiftMinIncrease and a two-proportion z ≥ shiftMinZ.
 */
export function judgeWindow(
  window: BucketSum,
  baseline: BucketSum,
  o: ResolvedAlertOptions,
): WindowJudgement {
  const windowHours = o.windowMs / HOUR;
  const baselinePerHour = baseline.count / (o.baselineMs / HOUR);
  const expected = Math.max(baselinePerHour, o.minBaselinePerHour) * windowHours;
  const ratio = expected > 0 ? window.count / expected : window.count > 0 ? Infinity : 0;
  const negativeShare = window.count > 0 ? window.negatives / window.count : 0;
  const baselineNegativeShare = baseline.count > 0 ? baseline.negatives / baseline.count : 0;

  let pValue = 1;
  let spike = false;
  if (window.count >= o.spikeMinCount && ratio >= o.spikeMinRatio) {
    const logP = logPoissonUpperTail(window.count, expected);
    pValue = Math.exp(logP);
    spike = logP <= Math.log(o.spikeMaxPValue);
  }

  let z = 0;
  let shift = false;
  if (
    window.count >= o.shiftMinCount &&
    baseline.count >= o.shiftMinBaselineCount &&
    negativeShare - baselineNegativeShare >= o.shiftMinIncrease
  ) {
    z = twoProportionZ(window.negatives, window.count, baseline.negatives, baseline.count);
    shift = z >= o.shiftMinZ;
  }

  return {
    baselinePerHour,
    perHour: window.count / windowHours,
    ratio,
    negativeShare,
    baselineNegativeShare,
    spike,
    pValue,
    shift,
    z,
  };
}
