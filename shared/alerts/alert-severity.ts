import type { Severity } from '../playbooks/severity';

/** What the severity suggestion looks at. */
export type SeverityInput = {
  /** Window count scaled to mentions per hour. */
  perHour: number;
  /** count / expected count. */
  ratio: number;
  /** Negative share in the window and in the baseline (0..1). */
  negativeShare: number;
  baselineNegativeShare: number;
};

/**
 * Suggested severity of a volume spike, from its size and how far it is above normal:
 *
 * | severity | mentions per hour | and ratio |
 * | --- | --- | --- |
 * | SEV1 | ≥ 500 | ≥ 10× |
 * | SEV2 | ≥ 100 | ≥ 5× |
 * | SEV3 | ≥ 50 | ≥ 3× |
 * | SEV4 | anything that fired | |
 */
export function volumeSpikeSeverity(s: SeverityInput): Severity {
  if (s.perHour >= 500 && s.ratio >= 10) return 'SEV1';
  if (s.perHour >= 100 && s.ratio >= 5) return 'SEV2';
  if (s.perHour >= 50 && s.ratio >= 3) return 'SEV3';
  return 'SEV4';
}

/**
 * Suggested severity of a sentiment shift: a change of mood alone never asks for all hands.
 *
 * | severity | when |
 * | --- | --- |
 * | SEV2 | ≥ 100 mentions per hour, ratio ≥ 3× and the negative share up ≥ 30 points |
 * | SEV3 | ≥ 50 mentions per hour and the negative share up ≥ 25 points |
 * | SEV4 | anything else that fired |
 */
export function sentimentShiftSeverity(s: SeverityInput): Severity {
  const rise = s.negativeShare - s.baselineNegativeShare;
  if (s.perHour >= 100 && s.ratio >= 3 && rise >= 0.3) return 'SEV2';
  if (s.perHour >= 50 && rise >= 0.25) return 'SEV3';
  return 'SEV4';
}
