import type { Sql, SqlValue } from '../connection';
import type {
  Channel,
  Mention,
  MentionStatus,
  SentimentLabel,
} from '../../../../shared/domain/mention';
import type { MentionEvent, MentionQuery } from '../../../../shared/contract/mentions';
import { isKnownOp, uninterpretedReason } from '../../ops/op-catalogue';
import { revokedReason } from './revocations';

type MentionRow = {
  id: string;
  channel: string;
  external_id: string;
  author_handle: string;
  author_name: string | null;
  author_email: string | null;
  author_phone: string | null;
  text: string;
  occurred_at: string;
  recorded_hlc: string;
  brand: string | null;
  location: string | null;
  url: string | null;
  department: string | null;
  language: string;
  sentiment_score: number;
  sentiment_label: string;
  priority: number;
  metadata: string;
  duplicates: number;
  answers: number;
  status: string;
  status_by_name: string | null;
  status_at: string | null;
  claim_op: string | null;
  claim_operator: string | null;
  claim_name: string | null;
  claim_at: string | null;
  claim_expires: string | null;
  sla_due: number | null;
  sla_warn_at: number | null;
  sla_breach_hlc: string | null;
};

const SELECT = `
  SELECT m.*, sb.display_name AS status_by_name, co.display_name AS claim_name
  FROM mentions m
  LEFT JOIN operators sb ON sb.id = m.status_by
  LEFT JOIN operators co ON co.id = m.claim_operator`;

function toMention(r: MentionRow): Mention {
  const author: Mention['author'] = { handle: r.author_handle };
  if (r.author_name !== null) author.name = r.author_name;
  if (r.author_email !== null) author.email = r.author_email;
  if (r.author_phone !== null) author.phone = r.author_phone;
  return {
    id: r.id,
    channel: r.channel as Channel,
    externalId: r.external_id,
    author,
    text: r.text,
    occurredAt: r.occurred_at,
    recordedAt: new Date(Number(r.recorded_hlc.slice(0, 15))).toISOString(),
    brand: r.brand,
    location: r.location,
    url: r.url,
    department: r.department,
    language: r.language,
    sentimentScore: r.sentiment_score,
    sentimentLabel: r.sentiment_label as SentimentLabel,
    priority: r.priority,
    status: r.status as MentionStatus,
    statusBy: r.status_by_name,
    statusAt: r.status_at,
    claim:
      r.claim_operator && r.claim_at && r.claim_expires
        ? {
            operatorId: r.claim_operator,
            operatorName: r.claim_name ?? r.claim_operator,
            at: r.claim_at,
            expiresAt: r.claim_expires,
          }
        : null,
    duplicates: r.duplicates,
    answers: r.answers,
    metadata: JSON.parse(r.metadata) as Mention['metadata'],
    sla:
      r.sla_due === null || r.sla_warn_at === null
        ? null
        : {
            due: r.sla_due,
            warnAt: r.sla_warn_at,
            breachedAt:
              r.sla_breach_hlc && new Date(Number(r.sla_breach_hlc.slice(0, 15))).toISOString(),
          },
  };
}

/**
 * Turns what a person typed into a safe FTS5 query: every word quoted (so FTS syntax in the box
 * is just text), all words required, the last one as a prefix so results follow typing.
 */
export function ftsQueryOf(search: string, prefix = true): string | null {
  const words = search.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 16)
    .map((w, i) => `"${w}"${prefix && i === Math.min(words.length, 16) - 1 ? '*' : ''}`)
    .join(' ');
}

export type Where = { sql: string; params: SqlValue[] };

function inList(column: string, values: readonly string[], params: SqlValue[]): string {
  params.push(JSON.stringify(values));
  return `${column} IN (SELECT value FROM json_each(?))`;
}

/** The WHERE clause of a queue query; `skip` leaves one facet out (for that facet's counts). */
export function whereOf(q: MentionQuery, skip?: keyof MentionQuery): Where {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const lists: [keyof MentionQuery, string, readonly string[]][] = [
    ['channels', 'm.channel', q.channels],
    ['statuses', 'm.status', q.statuses],
    ['sentiments', 'm.sentiment_label', q.sentiments],
    ['languages', 'm.language', q.languages],
    ['brands', 'm.brand', q.brands],
    ['departments', 'm.department', q.departments],
  ];
  for (const [key, column, values] of lists) {
    if (key !== skip && values.length > 0) parts.push(inList(column, values, params));
  }
  if (q.claimedBy) {
    parts.push('m.claim_operator = ?');
    params.push(q.claimedBy);
  }
  if (q.authorHandle) {
    parts.push('m.author_handle = ?');
    params.push(q.authorHandle);
  }
  const fts = ftsQueryOf(q.search);
  if (fts) {
    // Walk the full-text index newest-received first and stop at SEARCH_CAP hits: a common word
    // matches a third of a million mentions, and collecting them all to sort by time took
    // ~0.5 s (bench/search). The queue then sorts these hits as asked.
    const filters = parts.length ? `AND ${parts.join(' AND ')}` : '';
    return {
      sql: `WHERE m.seq IN (SELECT m.seq FROM mentions_fts f JOIN mentions m ON m.seq = f.rowid
              WHERE mentions_fts MATCH ? ${filters} ORDER BY f.rowid DESC LIMIT ${SEARCH_CAP + 1})`,
      params: [fts, ...params],
    };
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const ORDER: Record<MentionQuery['sort'], string> = {
  newest: 'm.occurred_ms DESC, m.seq DESC',
  oldest: 'm.occurred_ms ASC, m.seq ASC',
  priority: 'm.priority DESC, m.occurred_ms DESC, m.seq DESC',
  // Routing and SLA (0012): what still owes a first response comes first, soonest due on top.
  due: `m.status <> 'open', m.sla_due IS NULL, m.sla_due ASC, m.seq ASC`,
};

/** Counting past this many matches costs more than it tells: the queue shows "100,000+". */
export const COUNT_CAP = 100_000;
/** A search shows its most recently received hits, this many at most ("1,000+: refine it"). */
export const SEARCH_CAP = 1_000;

/** How many mentions match, exact up to COUNT_CAP (unfiltered counts are always exact). */
export async function countMatching(
  sql: Sql,
  q: MentionQuery,
): Promise<{ total: number; capped: boolean }> {
  const w = whereOf(q);
  if (!w.sql) return { total: await countMentions(sql), capped: false };
  const row = await sql.get<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM mentions m ${w.sql} LIMIT ${COUNT_CAP + 1})`,
    w.params,
  );
  const n = row?.n ?? 0;
  const cap = ftsQueryOf(q.search) ? SEARCH_CAP : COUNT_CAP;
  return { total: Math.min(n, cap), capped: n > cap };
}

/** A window of the queue and the total it is a window of. */
export async function mentionWindow(
  sql: Sql,
  q: MentionQuery,
  offset: number,
  limit: number,
): Promise<{ total: number; capped: boolean; rows: Mention[] }> {
  const w = whereOf(q);
  if (ftsQueryOf(q.search)) {
    // One pass over the index: the hits (at most SEARCH_CAP + 1) give both the count and the page.
    // The whole words first: when they alone fill the cap, expanding the last word as a prefix
    // ("flight*": flights, flightr…) would merge huge posting lists for a list that is capped anyway.
    const hitsFor = (params: SqlValue[]) =>
      sql.all<{ seq: number }>(`SELECT m.seq FROM mentions m ${w.sql}`, params);
    let hits = await hitsFor([ftsQueryOf(q.search, false), ...w.params.slice(1)]);
    if (hits.length <= SEARCH_CAP) hits = await hitsFor(w.params);
    const rows = await sql.all<MentionRow>(
      `${SELECT} WHERE m.seq IN (SELECT value FROM json_each(?)) ORDER BY ${ORDER[q.sort]} LIMIT ? OFFSET ?`,
      [JSON.stringify(hits.slice(0, SEARCH_CAP).map((h) => h.seq)), limit, offset],
    );
    return {
      total: Math.min(hits.length, SEARCH_CAP),
      capped: hits.length > SEARCH_CAP,
      rows: rows.map(toMention),
    };
  }
  const { total, capped } = await countMatching(sql, q);
  const rows = await sql.all<MentionRow>(
    `${SELECT} ${w.sql} ORDER BY ${ORDER[q.sort]} LIMIT ? OFFSET ?`,
    [...w.params, limit, offset],
  );
  return { total, capped, rows: rows.map(toMention) };
}

/** One mention by id. */
export async function mentionById(sql: Sql, id: string): Promise<Mention | undefined> {
  const row = await sql.get<MentionRow>(`${SELECT} WHERE m.id = ?`, [id]);
  return row ? toMention(row) : undefined;
}

/** Several mentions by id (for pushing deltas). */
export async function mentionsByIds(sql: Sql, ids: readonly string[]): Promise<Mention[]> {
  if (ids.length === 0) return [];
  const rows = await sql.all<MentionRow>(
    `${SELECT} WHERE m.id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(ids)],
  );
  return rows.map(toMention);
}

/** The same author's other mentions, newest first (first step to one customer across channels). */
export async function mentionsByAuthor(
  sql: Sql,
  handle: string,
  exceptId: string,
  limit = 50,
): Promise<Mention[]> {
  const rows = await sql.all<MentionRow>(
    `${SELECT} WHERE m.author_handle = ? AND m.id <> ? ORDER BY m.occurred_ms DESC LIMIT ?`,
    [handle, exceptId, limit],
  );
  return rows.map(toMention);
}

/** A mention's history: the op that brought it in, then every op about it, with who, when and what. */
export async function mentionHistory(sql: Sql, id: string): Promise<MentionEvent[]> {
  const rows = await sql.all<{
    id: string;
    type: string;
    v: number;
    hlc: string;
    actor_name: string | null;
    actor: string;
    effect: string | null;
    reason: string | null;
    origin: string;
    revoked_after: number | null;
  }>(
    `SELECT o.id, o.type, o.v, o.hlc, o.actor, op.display_name AS actor_name, e.effect, e.reason,
       o.origin, CASE WHEN o.seq > r.point_seq THEN r.point_seq END AS revoked_after
     FROM ops o LEFT JOIN operators op ON op.id = o.actor LEFT JOIN op_effects e ON e.op_id = o.id
       LEFT JOIN station_revocations r ON r.station_id = o.origin
     WHERE o.subject = ? OR o.id = (SELECT source_op FROM mentions WHERE id = ?)
     ORDER BY o.hlc, o.id`,
    [id, id],
  );
  return rows.map((r) => {
    // An op of a type or version this build does not read (a newer build's) had no effect here.
    const unread =
      r.revoked_after !== null
        ? revokedReason(r.origin, r.revoked_after)
        : isKnownOp(r.type, r.v)
          ? null
          : uninterpretedReason(r);
    return {
      opId: r.id,
      type: r.type,
      actorName: r.actor_name ?? r.actor,
      at: new Date(Number(r.hlc.slice(0, 15))).toISOString(),
      effect: unread ? 'refused' : ((r.effect ?? 'applied') as MentionEvent['effect']),
      reason: unread ?? r.reason,
    };
  });
}

/** Counts for `holdline stats`. */
export async function mentionStats(sql: Sql): Promise<{
  mentions: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  authors: number;
}> {
  const byStatus: Record<string, number> = {};
  const byChannel: Record<string, number> = {};
  for (const r of await sql.all<{ k: string; n: number }>(
    'SELECT status AS k, count(*) AS n FROM mentions GROUP BY status',
  ))
    byStatus[r.k] = r.n;
  for (const r of await sql.all<{ k: string; n: number }>(
    'SELECT channel AS k, count(*) AS n FROM mentions GROUP BY channel',
  ))
    byChannel[r.k] = r.n;
  const authors = await sql.get<{ n: number }>(
    'SELECT count(DISTINCT author_handle) AS n FROM mentions',
  );
  const mentions = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { mentions, byStatus, byChannel, authors: authors?.n ?? 0 };
}

/** How many mentions there are. */
export async function countMentions(sql: Sql): Promise<number> {
  const row = await sql.get<{ n: number }>('SELECT count(*) AS n FROM mentions');
  return row?.n ?? 0;
}
