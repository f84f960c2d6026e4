import type { Sql } from '../db/connection';
import type { ReviewMention } from '../../../shared/analytics/review-input';
import type { ReviewScope } from '../../../shared/analytics/review-report';

const WALL_DIGITS = 15;
const wallOf = (hlc: string) => Number(hlc.slice(0, WALL_DIGITS));

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
        `WHEN json_type(metadata, '$.${k}') IN ('integer', 'real') AND metadata ->> '$.${k}' >= 0 THEN metadata ->> '$.${k}'`,
    )
    .join(' ')} END AS ${field}`;

/** The first time each mention got an op of `type` that took effect (op subject → wall ms). */
async function firstApplied(sql: Sql, type: string): Promise<Map<string, number>> {
  const rows = await sql.all<{ subject: string; hlc: string }>(
    `SELECT o.subject, min(o.hlc) AS hlc FROM ops o
     JOIN op_effects e ON e.op_id = o.id AND e.effect IN ('applied', 'collision')
     WHERE o.type = ? AND o.subject IS NOT NULL GROUP BY o.subject`,
    [type],
  );
  return new Map(rows.map((r) => [r.subject, wallOf(r.hlc)]));
}

type Row = {
  id: string;
  text?: string;
  author_handle: string;
  channel: string;
  department: string | null;
  priority: number;
  brand: string | null;
  occurred_ms: number;
  recorded_hlc: string;
  answers: number;
  sentiment_score: number;
  sentiment_label: ReviewMention['sentimentLabel'];
  retweets: number | null;
  likes: number | null;
  followers: number | null;
};

// A scope's list filter in SQL: no list (or an empty one) keeps every mention; a mention without
// the value (a brand of null) is left out by any list.
const listFilter = (column: string) =>
  `(? IS NULL OR ${column} IN (SELECT value FROM json_each(?)))`;
const listParams = (list: readonly string[] | undefined) => {
  const json = list && list.length > 0 ? JSON.stringify(list) : null;
  return [json, json];
};

/**
 * The mentions of a review's scope — those that happened in its window, of its brands, channels
 * and departments if given, and with `inTopics` their text is in — projected for the KPIs: when
 * each was first answered, closed or ignored (from the ops that took effect, so a mention answered
 * and later closed keeps its answer time), and whether anyone ever claimed or was assigned it.
 */
export async function reviewMentions(
  sql: Sql,
  scope: ReviewScope,
  inTopics?: (text: string) => boolean,
): Promise<ReviewMention[]> {
  const answered = await firstApplied(sql, 'mention.answer');
  const closed = await firstApplied(sql, 'mention.close');
  const ignored = await firstApplied(sql, 'mention.ignore');
  const touched = new Set(
    (
      await sql.all<{ subject: string }>(
        `SELECT DISTINCT subject FROM ops
         WHERE type IN ('mention.claim', 'mention.assign') AND subject IS NOT NULL`,
      )
    ).map((r) => r.subject),
  );
  const out: ReviewMention[] = [];
  await sql.each<Row>(
    `SELECT id, author_handle, channel, department, priority, brand, occurred_ms, recorded_hlc,
       answers, sentiment_score, sentiment_label,
       ${reachSql('retweets')}, ${reachSql('likes')}, ${reachSql('followers')}
       ${inTopics ? ', text' : ''}
     FROM mentions WHERE occurred_ms >= ? AND occurred_ms < ?
       AND ${listFilter('brand')} AND ${listFilter('channel')} AND ${listFilter('department')}`,
    [
      scope.from,
      scope.to,
      ...listParams(scope.brands),
      ...listParams(scope.channels),
      ...listParams(scope.departments),
    ],
    (r) => {
      if (inTopics && !inTopics(r.text as string)) return;
      out.push({
        id: r.id,
        author: r.author_handle,
        channel: r.channel,
        department: r.department,
        priority: r.priority,
        brand: r.brand,
        occurredAt: r.occurred_ms,
        recordedAt: wallOf(r.recorded_hlc),
        firstAnswerAt: answered.get(r.id) ?? null,
        closedAt: closed.get(r.id) ?? null,
        ignoredAt: ignored.get(r.id) ?? null,
        touched: touched.has(r.id),
        answers: r.answers,
        sentimentScore: r.sentiment_score,
        sentimentLabel: r.sentiment_label,
        reach: {
          ...(r.retweets !== null && { retweets: r.retweets }),
          ...(r.likes !== null && { likes: r.likes }),
          ...(r.followers !== null && { followers: r.followers }),
        },
      });
    },
  );
  return out;
}
