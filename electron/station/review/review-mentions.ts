import type { Sql } from '../db/connection';
import { MentionColumns } from '../../../shared/analytics/mention-columns';
import type { ReviewMention } from '../../../shared/analytics/review-input';
import type { ReviewScope } from '../../../shared/analytics/review-report';

// Where sources keep reach and engagement in a mention's metadata (presets keep the export's
// own column names: the airline export's retweet_count, Twitter's favorite_count…).
const REACH_KEYS = {
  retweets: ['retweets', 'retweet_count', 'shares', 'share_count'],
  likes: ['likes', 'like_count', 'favorite_count', 'reactions'],
  followers: ['followers', 'followers_count', 'user_followers_count', 'author_followers'],
} as const;

// The reach figures a mention's metadata gives, read in SQL (a million rows need no JSON parsed in
// JavaScript): for each figure, the first of its keys holding a number that is not negative.
const reachSql = (field: keyof typeof REACH_KEYS) =>
  `CASE ${REACH_KEYS[field]
    .map(
      (k) =>
        `WHEN json_type(m.metadata, '$.${k}') IN ('integer', 'real') AND m.metadata ->> '$.${k}' >= 0 THEN m.metadata ->> '$.${k}'`,
    )
    .join(' ')} END AS ${field}`;

// An HLC's wall time (its first 15 digits, epoch ms) as a number, in SQL.
const wallSql = (hlc: string) => `CAST(substr(${hlc}, 1, 15) AS INTEGER)`;

// What the mention's own ops did (ops_subject_hlc: only the window's mentions are looked up,
// never the whole log), packed in one value as [first answer, first close, first ignore (the
// wall ms of the first such op that took effect or collided), claimed or assigned ever], or
// null with none: most mentions have none, and every column read costs (sqlite3 builds each
// row's object property by property).
const OPS_SQL = `nullif((SELECT json_array(${(['answer', 'close', 'ignore'] as const)
  .map((t) =>
    wallSql(
      `min(CASE WHEN o.type = 'mention.${t}' AND e.effect IN ('applied', 'collision') THEN o.hlc END)`,
    ),
  )
  .join(', ')}, max(o.type IN ('mention.claim', 'mention.assign')))
  FROM ops o LEFT JOIN op_effects e ON e.op_id = o.id
  WHERE o.subject = m.id
    AND o.type IN ('mention.answer', 'mention.close', 'mention.ignore', 'mention.claim', 'mention.assign')
  ), '[null,null,null,null]')`;
type OpsFacts = [number | null, number | null, number | null, 0 | 1 | null];

// Channel, department, brand and sentiment label in one value: a review has few combinations,
// each parsed once.
const KIND_SQL = 'json_array(m.channel, m.department, m.brand, m.sentiment_label)';
type Kind = [string, string | null, string | null, ReviewMention['sentimentLabel']];

// A scope's list filter in SQL: no list (or an empty one) keeps every mention; a mention without
// the value (a brand of null) is left out by any list.
const listFilter = (column: string) =>
  `(? IS NULL OR ${column} IN (SELECT value FROM json_each(?)))`;
const listParams = (list: readonly string[] | undefined) => {
  const json = list && list.length > 0 ? JSON.stringify(list) : null;
  return [json, json];
};

// Rows per read: each page is read whole and dropped before the next (sqlite3's `each` queues
// rows faster than they are taken and keeps every one alive until the last).
const PAGE_ROWS = 5_000;

type Row = {
  seq: number;
  id: string;
  author_handle: string;
  kind: string;
  priority: number;
  occurred_ms: number;
  recorded_ms: number;
  answers: number;
  sentiment_score: number;
  retweets: number | null;
  likes: number | null;
  followers: number | null;
  ops: string | null;
  text?: string;
};

const pageSql = (withText: boolean, rows: number) => `
  SELECT m.seq, m.id, m.author_handle, ${KIND_SQL} AS kind, m.priority, m.occurred_ms,
    ${wallSql('m.recorded_hlc')} AS recorded_ms, m.answers, m.sentiment_score,
    ${reachSql('retweets')}, ${reachSql('likes')}, ${reachSql('followers')}, ${OPS_SQL} AS ops
    ${withText ? ', m.text' : ''}
  FROM mentions m
  WHERE (m.occurred_ms, m.seq) > (?, ?) AND m.occurred_ms < ?
    AND ${listFilter('m.brand')} AND ${listFilter('m.channel')} AND ${listFilter('m.department')}
  ORDER BY m.occurred_ms, m.seq
  LIMIT ${rows}`;

const NO_REACH: ReviewMention['reach'] = Object.freeze({});
const NO_OPS: OpsFacts = [null, null, null, 0];

/** A row as a review mention (`kinds` keeps each combination parsed once). */
function mentionOf(r: Row, kinds: Map<string, Kind>): ReviewMention {
  let kind = kinds.get(r.kind);
  if (!kind) kinds.set(r.kind, (kind = JSON.parse(r.kind) as Kind));
  const [firstAnswerAt, closedAt, ignoredAt, touched] =
    r.ops === null ? NO_OPS : (JSON.parse(r.ops) as OpsFacts);
  return {
    id: r.id,
    author: r.author_handle,
    channel: kind[0],
    department: kind[1],
    priority: r.priority,
    brand: kind[2],
    occurredAt: r.occurred_ms,
    recordedAt: r.recorded_ms,
    firstAnswerAt,
    closedAt,
    ignoredAt,
    touched: touched === 1,
    answers: r.answers,
    sentimentScore: r.sentiment_score,
    sentimentLabel: kind[3],
    reach:
      r.retweets === null && r.likes === null && r.followers === null
        ? NO_REACH
        : {
            ...(r.retweets !== null && { retweets: r.retweets }),
            ...(r.likes !== null && { likes: r.likes }),
            ...(r.followers !== null && { followers: r.followers }),
          },
  };
}

/**
 * The mentions of a review's scope — those that happened in its window, of its brands, channels
 * and departments if given, and with `inTopics` their text is in — projected for the KPIs: when
 * each was first answered, closed or ignored (from the ops that took effect, so a mention answered
 * and later closed keeps its answer time), and whether anyone ever claimed or was assigned it.
 * Read a page at a time into columns, in the order they happened.
 */
export async function reviewMentions(
  sql: Sql,
  scope: ReviewScope,
  opts: { inTopics?: (text: string) => boolean; pageRows?: number } = {},
): Promise<MentionColumns> {
  const { inTopics, pageRows = PAGE_ROWS } = opts;
  const out = new MentionColumns();
  const kinds = new Map<string, Kind>();
  const filters = [
    ...listParams(scope.brands),
    ...listParams(scope.channels),
    ...listParams(scope.departments),
  ];
  const query = pageSql(inTopics !== undefined, pageRows);
  // Pages follow the mentions_occurred index (occurred_ms, then seq) from where the last ended;
  // the next is asked for before this one is taken in, so SQLite reads while JavaScript copies.
  const page = (after: [number, number]) => {
    const rows = sql.all<Row>(query, [...after, scope.to, ...filters]);
    // Awaited below; marked handled so a failure while the last page is copied is not unhandled.
    rows.catch(() => undefined);
    return rows;
  };
  let next = page([scope.from, Number.MIN_SAFE_INTEGER]);
  for (;;) {
    const rows = await next;
    const last = rows[rows.length - 1];
    const more = last !== undefined && rows.length === pageRows;
    if (more) next = page([last.occurred_ms, last.seq]);
    for (const r of rows)
      if (!inTopics || inTopics(r.text as string)) out.push(mentionOf(r, kinds));
    if (!more) return out;
  }
}
