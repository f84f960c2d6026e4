import type { Sql } from '../db/connection';
import { runById } from '../db/queries/runs';
import type { ReviewScope } from '../../../shared/analytics/review-report';

/** How long before a run started, and after it closed, its review looks (sentiment before / after). */
export const RUN_MARGIN_MS = 6 * 3_600_000;

/** Filters of a review request, as given. */
export type ScopeFilters = {
  brands?: readonly string[] | undefined;
  topics?: readonly string[] | undefined;
  channels?: readonly string[] | undefined;
  departments?: readonly string[] | undefined;
};

/**
 * The scope of a review request: a playbook run's span (the incident, from its start to its close
 * or `now`, with RUN_MARGIN_MS either side so sentiment has a before and an after) or the window
 * asked for; filters narrow either. Null when the run is not held here.
 */
export async function resolveScope(
  sql: Sql,
  r: ScopeFilters & {
    runId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
  now: number,
): Promise<ReviewScope | null> {
  const filters = {
    ...(r.brands && { brands: r.brands }),
    ...(r.topics && { topics: r.topics }),
    ...(r.channels && { channels: r.channels }),
    ...(r.departments && { departments: r.departments }),
  };
  if (r.runId === undefined)
    return { from: Date.parse(r.from as string), to: Date.parse(r.to as string), ...filters };
  const run = await runById(sql, r.runId);
  if (!run) return null;
  const incident = {
    from: Date.parse(run.started_at),
    to: Math.max(Date.parse(run.started_at) + 1, run.closed_at ? Date.parse(run.closed_at) : now),
  };
  return {
    from: r.from ? Date.parse(r.from) : incident.from - RUN_MARGIN_MS,
    to: r.to ? Date.parse(r.to) : Math.min(incident.to + RUN_MARGIN_MS, Math.max(now, incident.to)),
    incident,
    ...filters,
  };
}
