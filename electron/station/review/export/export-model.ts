import type { Sql } from '../../db/connection';
import { getRoom, listOperators, listStations } from '../../db/queries/people';
import type { ReviewReport, ReviewScope } from '../../../../shared/analytics/review-report';
import type { Pin, Retrospective } from '../../../../shared/review/retrospective';
import { buildReview } from '../review-build';
import { resolveScope } from '../review-scope';
import { readRetro, retroOfRun } from '../retro-store';
import { mentionsById, type ExportMention } from './export-mentions';
import type { ExportOptions, ExportTarget } from './export-request';
import { publicSends, type PublicSend } from './export-sends';

/** Everything an exported review shows, gathered once and rendered to each format. */
export type ReviewExport = {
  room: string;
  title: string;
  /** The saved review or run it is of, if any. */
  reviewId: string | null;
  runId: string | null;
  generatedAt: number;
  /** IANA zone the report's times are written in. */
  timeZone: string;
  redacted: boolean;
  report: ReviewReport;
  retro: Retrospective | null;
  pins: { pin: Pin; mention: ExportMention | null }[];
  sends: PublicSend[];
  /** Display names of the room's people and stations, by id (actors are ids). */
  names: Record<string, string>;
};

/** Thrown when the review, run or window asked for is not one this station can export. */
export class ExportTargetError extends Error {}

/** Chart intervals an export picks from: the shortest that keeps a chart to ~100 bars. */
const INTERVAL_MINUTES = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1_440];

/** The interval a window's charts use (about 100 intervals at most). */
export function intervalFor(scope: { from: number; to: number }): number {
  const span = scope.to - scope.from;
  const minutes = INTERVAL_MINUTES.find((m) => span / (m * 60_000) <= 100) ?? 1_440;
  return minutes * 60_000;
}

/** The review's scope and retrospective for a target (a saved review, a run, or a window). */
export async function scopeOf(
  sql: Sql,
  target: ExportTarget,
  now: number,
): Promise<{ scope: ReviewScope; retro: Retrospective | null }> {
  if (target.reviewId !== undefined) {
    const retro = await readRetro(sql, target.reviewId);
    if (!retro) throw new ExportTargetError(`no review ${target.reviewId} at this station`);
    const scope = await resolveScope(sql, { ...retro.scope }, now);
    // A review of a run this station does not hold still covers its saved window.
    const { runId: _run, ...window } = retro.scope;
    return { scope: scope ?? (await resolveScope(sql, window, now))!, retro };
  }
  if (target.runId !== undefined) {
    const scope = await resolveScope(sql, { runId: target.runId }, now);
    if (!scope) throw new ExportTargetError(`no run ${target.runId} at this station`);
    return { scope, retro: await retroOfRun(sql, target.runId) };
  }
  const scope = await resolveScope(sql, { from: target.from, to: target.to }, now);
  return { scope: scope!, retro: null };
}

async function namesOf(sql: Sql): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const s of await listStations(sql)) names[s.id] = `station ${s.name}`;
  for (const o of await listOperators(sql)) names[o.id] = o.display_name;
  return names;
}

/** The default title: the retrospective's, else what the window is. */
function titleOf(retro: Retrospective | null, target: ExportTarget): string {
  if (retro) return retro.title;
  if (target.runId) return `Review of playbook run ${target.runId}`;
  return 'Post-incident review';
}

/**
 * Gathers a review for export: its KPIs and timeline (buildReview), its retrospective, pinned
 * mentions and everything said publicly in its window. Not yet redacted (redact-export.ts).
 */
export async function loadReviewExport(
  sql: Sql,
  target: ExportTarget,
  opts: ExportOptions & { now?: number },
): Promise<ReviewExport> {
  const now = opts.now ?? Date.now();
  const { scope, retro } = await scopeOf(sql, target, now);
  const report = await buildReview(sql, scope, {
    intervalMs: intervalFor(scope),
    targetSeconds: opts.targetMinutes * 60,
    asOf: Math.min(now, scope.to),
  });
  const pinned = retro?.pins ?? [];
  const held = new Map(
    (
      await mentionsById(
        sql,
        pinned.map((p) => p.mentionId),
      )
    ).map((m) => [m.id, m]),
  );
  return {
    room: (await getRoom(sql))?.name ?? 'Holdline',
    title: titleOf(retro, target),
    reviewId: retro?.id ?? null,
    runId: target.runId ?? retro?.scope.runId ?? null,
    generatedAt: now,
    timeZone: opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    redacted: false,
    report,
    retro,
    pins: pinned.map((pin) => ({ pin, mention: held.get(pin.mentionId) ?? null })),
    sends: await publicSends(sql, scope),
    names: await namesOf(sql),
  };
}
