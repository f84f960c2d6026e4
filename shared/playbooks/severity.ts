import { z } from 'zod';

/** Severity levels, most severe first. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
/** A severity level. */
export type Severity = (typeof SEVERITIES)[number];
/** zod schema for a severity. */
export const SeveritySchema = z.enum(SEVERITIES);

/** One level more severe (SEV1 stays SEV1). */
export function raiseSeverity(s: Severity, by = 1): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(s) - by)] as Severity;
}

/** True when `a` is at least as severe as `b`. */
export function atLeastAsSevere(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b);
}
