import type { SavedScope } from '../../../../shared/review/retrospective';
import type { ReviewRequest } from './use-review-report';

/** What the workspace looks at: a run's span or a window, narrowed, at an interval and target. */
export type WorkScope = {
  runId: string | null;
  /** ISO; for a run, null means the run's own span (with the station's margin either side). */
  from: string | null;
  to: string | null;
  brands: string[];
  topics: string[];
  channels: string[];
  departments: string[];
  intervalMinutes: number;
  targetMinutes: number;
};

/** Chart intervals offered, from minutes to a day (minutes). */
export const INTERVALS = [5, 15, 30, 60, 180, 360, 1440] as const;

/** An interval that gives a readable number of bars for a window of `spanMs` (at most ~60). */
export function intervalFor(spanMs: number): number {
  return INTERVALS.find((m) => spanMs / (m * 60_000) <= 60) ?? 1440;
}

/** A scope from a saved one (a retrospective's), or a fresh one for a run or a window. */
export function workScope(saved: Partial<SavedScope> & { runId?: string | undefined }): WorkScope {
  const span =
    saved.from && saved.to ? Date.parse(saved.to) - Date.parse(saved.from) : 24 * 3_600_000;
  return {
    runId: saved.runId ?? null,
    from: saved.from ?? null,
    to: saved.to ?? null,
    brands: [...(saved.brands ?? [])],
    topics: [...(saved.topics ?? [])],
    channels: [...(saved.channels ?? [])],
    departments: [...(saved.departments ?? [])],
    intervalMinutes: intervalFor(span),
    targetMinutes: 15,
  };
}

const some = (list: string[]) => (list.length > 0 ? list : undefined);

/** The review.get request for a scope. */
export function requestOf(s: WorkScope): ReviewRequest {
  const filters = {
    ...(some(s.brands) && { brands: s.brands }),
    ...(some(s.topics) && { topics: s.topics }),
    ...(some(s.channels) && { channels: s.channels }),
    ...(some(s.departments) && { departments: s.departments }),
  };
  return {
    ...(s.runId !== null && { runId: s.runId }),
    ...(s.from !== null && { from: s.from }),
    ...(s.to !== null && { to: s.to }),
    ...filters,
    intervalMinutes: s.intervalMinutes,
    targetMinutes: s.targetMinutes,
  };
}

/** The scope to save with a retrospective: the window the report covered, and the filters. */
export function savedScopeOf(s: WorkScope, window: { from: number; to: number }): SavedScope {
  return {
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
    ...(s.runId !== null && { runId: s.runId }),
    ...(some(s.brands) && { brands: s.brands }),
    ...(some(s.topics) && { topics: s.topics }),
    ...(some(s.channels) && { channels: s.channels }),
    ...(some(s.departments) && { departments: s.departments }),
  };
}

/** Comma-separated words as a list (blanks dropped). */
export const wordsOf = (text: string) =>
  text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
