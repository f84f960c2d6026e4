import type { Playbook } from './schema';
import { atLeastAsSevere, type Severity } from './severity';

/** What a moment of the crisis measures: mentions per hour and the share that is negative. */
export type Measured = { mentionsPerHour: number; negativeShare: number };

/**
 * The most severe level whose trigger the measures meet (every metric a trigger names must be
 * met), or null when none is: how a playbook turns an alert's figures into a severity.
 */
export function severityFromTriggers(pb: Playbook, m: Measured): Severity | null {
  let best: Severity | null = null;
  for (const t of pb.severity.triggers) {
    const met =
      (t.mentionsPerHour === undefined || m.mentionsPerHour >= t.mentionsPerHour) &&
      (t.negativeShare === undefined || m.negativeShare >= t.negativeShare);
    if (met && (best === null || atLeastAsSevere(t.severity, best))) best = t.severity;
  }
  return best;
}
