import type { ResolvedAlertOptions } from './alert-options';
import { sentimentShiftSeverity, volumeSpikeSeverity } from './alert-severity';
import type { Alert, AlertRule } from './alert-types';
import type { WindowJudgement } from './judge-window';
import type { KeyState } from './key-state';

/** The deterministic id of an alert: rule, key and window start, the same on every station. */
export function alertId(rule: AlertRule, key: string, windowStart: number): string {
  return `${rule}:${encodeURIComponent(key)}:${new Date(windowStart).toISOString()}`;
}

/** The alert `rule` opens on key `st` for the window ending at bucket `step`. */
export function buildAlert(
  rule: AlertRule,
  st: KeyState,
  step: number,
  count: number,
  j: WindowJudgement,
  o: ResolvedAlertOptions,
): Alert {
  const windowBuckets = o.windowMs / o.stepMs;
  const windowStart = (step - windowBuckets) * o.stepMs;
  const base = {
    id: alertId(rule, st.key, windowStart),
    key: st.key,
    brand: st.brand,
    topic: st.topic,
    windowStart,
    windowEnd: step * o.stepMs,
    count,
    baselinePerHour: j.baselinePerHour,
    ratio: j.ratio,
    negativeShare: j.negativeShare,
    firstMentionAt: st.sample.firstMentionAt(step - windowBuckets, step) ?? windowStart,
    sampleRefs: st.sample.refsIn(
      step - windowBuckets,
      step,
      o.maxSampleRefs,
      rule === 'sentiment-shift',
    ),
  };
  if (rule === 'volume-spike') {
    return { ...base, rule, pValue: j.pValue, suggestedSeverity: volumeSpikeSeverity(j) };
  }
  return {
    ...base,
    rule,
    z: j.z,
    baselineNegativeShare: j.baselineNegativeShare,
    suggestedSeverity: sentimentShiftSeverity(j),
  };
}

/** The suggestion `rule` would make for a later window of an open alert. */
export function severityFor(rule: AlertRule, j: WindowJudgement): Alert['suggestedSeverity'] {
  return rule === 'volume-spike' ? volumeSpikeSeverity(j) : sentimentShiftSeverity(j);
}
