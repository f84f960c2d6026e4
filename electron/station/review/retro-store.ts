import type { Sql } from '../db/connection';
import { mentionsByIds } from '../db/queries/mention-reads';
import type { ReviewDocument, ReviewSummary } from '../../../shared/contract/reviews';
import type { Retrospective } from '../../../shared/review/retrospective';

type ReviewRow = { doc: string };

/** One review's retrospective as this station folded it, or null. */
export async function readRetro(sql: Sql, reviewId: string): Promise<Retrospective | null> {
  const row = await sql.get<ReviewRow>('SELECT doc FROM reviews WHERE id = ?', [reviewId]);
  return row ? (JSON.parse(row.doc) as Retrospective) : null;
}

/** The newest review of a playbook run, or null. */
export async function retroOfRun(sql: Sql, runId: string): Promise<Retrospective | null> {
  const row = await sql.get<ReviewRow>(
    'SELECT doc FROM reviews WHERE run_id = ? ORDER BY opened_at DESC, id LIMIT 1',
    [runId],
  );
  return row ? (JSON.parse(row.doc) as Retrospective) : null;
}

/** Every review of the room, newest first, as the history of past incidents lists them. */
export async function listReviews(sql: Sql): Promise<ReviewSummary[]> {
  const rows = await sql.all<ReviewRow>('SELECT doc FROM reviews ORDER BY opened_at DESC, id');
  return rows.map(({ doc }) => {
    const r = JSON.parse(doc) as Retrospective;
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      scope: r.scope,
      openedBy: r.openedBy,
      openedAt: r.openedAt,
      updatedAt: r.updatedAt,
      openActions: r.actions.filter((a) => !a.done).length,
    };
  });
}

/** A retrospective with its pinned mentions as this station holds them now. */
export async function reviewDocument(sql: Sql, retro: Retrospective): Promise<ReviewDocument> {
  const ids = retro.pins.map((p) => p.mentionId);
  const held = new Map((await mentionsByIds(sql, ids)).map((m) => [m.id, m]));
  return {
    retro,
    pinned: ids.map((mentionId) => ({ mentionId, mention: held.get(mentionId) ?? null })),
  };
}
