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

// The first time the mention got an op of `type` that took effect (or collided), from its own ops
// (ops_subject_hlc): only the window's mentions are looked up, never the whole log.
const firstAppliedSql = (type: string, as: string) =>
  `(SELECT ${wallSql('min(o.hlc)')} FROM ops o
    JOIN op_effects e ON e.op_id = o.id AND e.effect IN ('applied', 'collision')
    WHERE o.subject = m.id AND o.type = '${type}') AS ${as}`;

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
  channel: string;
  department: string | null;
  priority: number;
  brand: string | null;
  occurred_ms: number;
  recorded_ms: number;
  answers: number;
  sentiment_score: number;
  sentiment_label: ReviewMention['sentimentLabel'];
  retweets: number | null;
  likes: number | null;
  followers: number | null;
  answered_ms: number | null;
  closed_ms: number | null;
  ignored_ms: number | null;
  touched: 0 | 1;
  text?: string;
};

const pageSql = (withText: boolean, rows: number) => `
  SELECT m.seq, m.id, m.author_handle, m.channel, m.department, m.priority, m.brand, m.occurred_ms,
    ${wallSql('m.recorded_hlc')} AS recorded_ms, m.answers, m.sentiment_score, m.sentiment_label,
    ${reachSql('retweets')}, ${reachSql('likes')}, ${reachSql('followers')},
    ${firstAppliedSql('mention.answer', 'answered_ms')},
    ${firstAppliedSql('mention.close', 'closed_ms')},
    ${firstAppliedSql('mention.ignore', 'ignored_ms')},
    EXISTS (SELECT 1 FROM ops o
            WHERE o.subject = m.id AND o.type IN ('mention.claim', 'mention.assign')) AS touched
    ${withText ? ', m.text' : ''}
  FROM mentions m
  WHERE (m.occurred_ms, m.seq) > (?, ?) AND m.occurred_ms < ?
    AND ${listFilter('m.brand')} AND ${listFilter('m.channel')} AND ${listFilter('m.department')}
  ORDER BY m.occurred_ms, m.seq
  LIMIT ${rows}`;

const NO_REACH: ReviewMention['reach'] = Object.freeze({});

function mentionOf(r: Row): ReviewMention {
  return {
    id: r.id,
    author: r.author_handle,
    channel: r.channel,
    department: r.department,
    priority: r.priority,
    brand: r.brand,
    occurredAt: r.occurred_ms,
    recordedAt: r.recorded_ms,
    firstAnswerAt: r.answered_ms,
    closedAt: r.closed_ms,
    ignoredAt: r.ignored_ms,
    touched: r.touched === 1,
    answers: r.answers,
    sentimentScore: r.sentiment_score,
    sentimentLabel: r.sentiment_label,
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
    for (const r of rows) if (!inTopics || inTopics(r.text as string)) out.push(mentionOf(r));
    if (!more) return out;
  }
}
