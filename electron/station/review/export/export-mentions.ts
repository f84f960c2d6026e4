import type { Sql, SqlValue } from '../../db/connection';
import type { ReviewScope } from '../../../../shared/analytics/review-report';

/** A mention as an exported review lists it (the CSV's rows, the pinned mentions). */
export type ExportMention = {
  id: string;
  channel: string;
  /** When it happened and when it reached the room (epoch ms). */
  occurredAt: number;
  recordedAt: number;
  brand: string | null;
  authorHandle: string;
  authorName: string | null;
  authorEmail: string | null;
  authorPhone: string | null;
  text: string;
  department: string | null;
  priority: number;
  status: string;
  /** Its first answer, closing and ignoring that took effect (epoch ms), if any. */
  firstAnswerAt: number | null;
  closedAt: number | null;
  ignoredAt: number | null;
  answers: number;
  sentimentLabel: string;
  sentimentScore: number;
  language: string;
};

type Row = {
  id: string;
  channel: string;
  occurred_ms: number;
  recorded_hlc: string;
  brand: string | null;
  author_handle: string;
  author_name: string | null;
  author_email: string | null;
  author_phone: string | null;
  text: string;
  department: string | null;
  priority: number;
  status: string;
  answers: number;
  sentiment_label: string;
  sentiment_score: number;
  language: string;
};

const COLUMNS = `id, channel, occurred_ms, recorded_hlc, brand, author_handle, author_name,
  author_email, author_phone, text, department, priority, status, answers, sentiment_label,
  sentiment_score, language`;
const wallOf = (hlc: string) => Number(hlc.slice(0, 15));
type DoneType = 'mention.answer' | 'mention.close' | 'mention.ignore';

/** The scope's filters as SQL (brands, channels, departments; topics are routing's, not columns). */
function filterSql(scope: ReviewScope): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const [column, list] of [
    ['brand', scope.brands],
    ['channel', scope.channels],
    ['department', scope.departments],
  ] as const) {
    if (!list || list.length === 0) continue;
    parts.push(`${column} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(list));
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** When each mention was first answered, closed and ignored by an op that took effect. */
async function doneTimes(
  sql: Sql,
  ids: readonly string[],
): Promise<Map<string, Partial<Record<DoneType, number>>>> {
  const rows = await sql.all<{ subject: string; type: DoneType; hlc: string }>(
    `SELECT o.subject, o.type, min(o.hlc) AS hlc FROM ops o
     JOIN op_effects e ON e.op_id = o.id AND e.effect IN ('applied', 'collision')
     WHERE o.subject IN (SELECT value FROM json_each(?))
       AND o.type IN ('mention.answer', 'mention.close', 'mention.ignore')
     GROUP BY o.subject, o.type`,
    [JSON.stringify(ids)],
  );
  const out = new Map<string, Partial<Record<DoneType, number>>>();
  for (const r of rows) out.set(r.subject, { ...out.get(r.subject), [r.type]: wallOf(r.hlc) });
  return out;
}

async function withTimes(sql: Sql, rows: Row[]): Promise<ExportMention[]> {
  const times = await doneTimes(
    sql,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const t = times.get(r.id) ?? {};
    return {
      id: r.id,
      channel: r.channel,
      occurredAt: r.occurred_ms,
      recordedAt: wallOf(r.recorded_hlc),
      brand: r.brand,
      authorHandle: r.author_handle,
      authorName: r.author_name,
      authorEmail: r.author_email,
      authorPhone: r.author_phone,
      text: r.text,
      department: r.department,
      priority: r.priority,
      status: r.status,
      firstAnswerAt: t['mention.answer'] ?? null,
      closedAt: t['mention.close'] ?? null,
      ignoredAt: t['mention.ignore'] ?? null,
      answers: r.answers,
      sentimentLabel: r.sentiment_label,
      sentimentScore: r.sentiment_score,
      language: r.language,
    };
  });
}

/**
 * The mentions of a review's scope (by when they happened, then id), page by page, so a month of
 * mentions never sits in memory at once.
 */
export async function* scopeMentions(
  sql: Sql,
  scope: ReviewScope,
  pageSize = 2_000,
): AsyncGenerator<ExportMention[]> {
  const filters = filterSql(scope);
  let after: [number, string] = [scope.from - 1, ''];
  for (;;) {
    const rows = await sql.all<Row>(
      `SELECT ${COLUMNS} FROM mentions
       WHERE occurred_ms >= ? AND occurred_ms < ? AND (occurred_ms, id) > (?, ?)${filters.sql}
       ORDER BY occurred_ms, id LIMIT ?`,
      [scope.from, scope.to, after[0], after[1], ...filters.params, pageSize],
    );
    if (rows.length > 0) yield await withTimes(sql, rows);
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = [last.occurred_ms, last.id];
  }
}

/** Mentions by id, in the order asked (missing ones left out). */
export async function mentionsById(sql: Sql, ids: readonly string[]): Promise<ExportMention[]> {
  if (ids.length === 0) return [];
  const rows = await sql.all<Row>(
    `SELECT ${COLUMNS} FROM mentions WHERE id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(ids)],
  );
  const byId = new Map((await withTimes(sql, rows)).map((m) => [m.id, m]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
