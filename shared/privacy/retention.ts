import { z } from 'zod';

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/**
 * A room's retention rules (retention.set): mention payloads are erased `mentionDays` after they
 * happened; contact details (any mention carrying an email address or a phone number, and the
 * links between customers) after `contactDays`. Null keeps them. The approved-messaging record
 * (drafts, reviews, sends, policies) is never touched by retention.
 */
export const RetentionRulesSchema = z
  .object({
    mentionDays: z.number().int().min(1).max(36_500).nullable(),
    contactDays: z.number().int().min(1).max(36_500).nullable(),
  })
  .strict();
/** Retention rules as set by an admin. */
export type RetentionRules = z.infer<typeof RetentionRulesSchema>;

/** Rules that keep everything (a room before any retention.set). */
export const KEEP_ALL: RetentionRules = { mentionDays: null, contactDays: null };

/** The cutoffs a retention sweep applies: data that happened before them is erased. */
export type RetentionCutoffs = { mentionsBefore: string | null; contactsBefore: string | null };

/** No cutoff at all. */
export const NO_CUTOFFS: RetentionCutoffs = { mentionsBefore: null, contactsBefore: null };

const before = (days: number | null, atMs: number): string | null =>
  days === null ? null : new Date(atMs - days * DAY_MS).toISOString();

/** The cutoffs the rules give at a moment (a sweep's record time). */
export function cutoffsAt(rules: RetentionRules, atMs: number): RetentionCutoffs {
  return {
    mentionsBefore: before(rules.mentionDays, atMs),
    contactsBefore: before(rules.contactDays, atMs),
  };
}

/**
 * Whether a sweep recorded at `atMs` under `rules` may apply its cutoffs: each must be null or
 * no later than the rules allow at that moment (a sweep can never erase younger data than the
 * rule in force when it was recorded said).
 */
export function sweepAllowed(
  sweep: RetentionCutoffs,
  rules: RetentionRules,
  atMs: number,
): boolean {
  const allowed = cutoffsAt(rules, atMs);
  const ok = (c: string | null, max: string | null) => c === null || (max !== null && c <= max);
  return (
    ok(sweep.mentionsBefore, allowed.mentionsBefore) &&
    ok(sweep.contactsBefore, allowed.contactsBefore)
  );
}

/** The later of two cutoffs (null is "none"). */
export function laterCutoff(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** Both cutoffs merged: effects collapse to the latest valid sweep per kind (DECISIONS.md 3). */
export function mergeCutoffs(a: RetentionCutoffs, b: RetentionCutoffs): RetentionCutoffs {
  return {
    mentionsBefore: laterCutoff(a.mentionsBefore, b.mentionsBefore),
    contactsBefore: laterCutoff(a.contactsBefore, b.contactsBefore),
  };
}

/**
 * Whether a station should record a sweep now: the rules' cutoffs have moved past the applied
 * ones by at least `stepMs` (an hour by default), so a room records a few sweeps a day, not one
 * a minute, and a new or tightened rule sweeps at once.
 */
export function sweepDue(
  rules: RetentionRules,
  applied: RetentionCutoffs,
  nowMs: number,
  stepMs = 3_600_000,
): boolean {
  const next = cutoffsAt(rules, nowMs);
  const moved = (n: string | null, a: string | null) =>
    n !== null && (a === null || Date.parse(n) - Date.parse(a) >= stepMs);
  return (
    moved(next.mentionsBefore, applied.mentionsBefore) ||
    moved(next.contactsBefore, applied.contactsBefore)
  );
}

/** What retention does to one ingested mention, given when it happened and whether it carries contact details. */
export function retentionErases(
  item: { occurredMs: number; hasContactDetails: boolean },
  cutoffs: RetentionCutoffs,
): boolean {
  if (cutoffs.mentionsBefore !== null && item.occurredMs < Date.parse(cutoffs.mentionsBefore))
    return true;
  return (
    item.hasContactDetails &&
    cutoffs.contactsBefore !== null &&
    item.occurredMs < Date.parse(cutoffs.contactsBefore)
  );
}
