import type { ReviewMention, ReviewMentions, TimeWindow } from './review-input';

/** Sentiment of the mentions of one phase. */
export type SentimentFigures = {
  mentions: number;
  /** Mean score (the enrichment's, negative below zero); null with no mentions. */
  meanScore: number | null;
  /** Share labelled negative; null with no mentions. */
  negativeShare: number | null;
};

// A running count, score sum (added in the mentions' order) and negatives of one phase.
type Tally = { mentions: number; sum: number; negative: number };
const tally = (): Tally => ({ mentions: 0, sum: 0, negative: 0 });
const add = (t: Tally, m: ReviewMention) => {
  t.mentions += 1;
  t.sum += m.sentimentScore;
  if (m.sentimentLabel === 'negative') t.negative += 1;
};
const figures = (t: Tally): SentimentFigures =>
  t.mentions === 0
    ? { mentions: 0, meanScore: null, negativeShare: null }
    : {
        mentions: t.mentions,
        meanScore: t.sum / t.mentions,
        negativeShare: t.negative / t.mentions,
      };

/**
 * Sentiment before, during and after an incident, by when each mention happened: before the
 * incident's start, inside [start, end), and from its end on (mentions outside the review's
 * window are the caller's to leave out).
 */
export function sentimentPhases(
  mentions: ReviewMentions,
  incident: TimeWindow,
): { before: SentimentFigures; during: SentimentFigures; after: SentimentFigures } {
  const before = tally();
  const during = tally();
  const after = tally();
  for (const m of mentions)
    add(m.occurredAt < incident.from ? before : m.occurredAt < incident.to ? during : after, m);
  return { before: figures(before), during: figures(during), after: figures(after) };
}

/** Sentiment of the mentions that happened in one interval (null figures with none). */
export type SentimentInterval = { start: number } & SentimentFigures;

/**
 * Sentiment per interval: the mentions whose occurredAt falls in [start, start + intervalMs) — the
 * same intervals as the volume — their count, mean score and share labelled negative.
 */
export function sentimentPerInterval(
  mentions: ReviewMentions,
  window: TimeWindow,
  intervalMs: number,
): SentimentInterval[] {
  if (!(intervalMs > 0)) throw new Error('the interval must be longer than zero');
  const n = Math.max(0, Math.ceil((window.to - window.from) / intervalMs));
  const count = new Float64Array(n);
  const sum = new Float64Array(n);
  const negative = new Float64Array(n);
  for (const m of mentions) {
    if (m.occurredAt < window.from || m.occurredAt >= window.to) continue;
    const i = Math.floor((m.occurredAt - window.from) / intervalMs);
    count[i] = (count[i] as number) + 1;
    sum[i] = (sum[i] as number) + m.sentimentScore;
    if (m.sentimentLabel === 'negative') negative[i] = (negative[i] as number) + 1;
  }
  return Array.from(count, (c, i) => ({
    start: window.from + i * intervalMs,
    mentions: c,
    meanScore: c === 0 ? null : (sum[i] as number) / c,
    negativeShare: c === 0 ? null : (negative[i] as number) / c,
  }));
}

/**
 * Reach and engagement where the source gives them: retweets and likes summed over mentions,
 * and potential reach — the followers of each distinct author (their largest count seen), summed.
 * `withFigures` says how many mentions gave any of these.
 */
export function reach(mentions: ReviewMentions): {
  withFigures: number;
  retweets: number;
  likes: number;
  followers: number;
} {
  let withFigures = 0;
  let retweets = 0;
  let likes = 0;
  const followersOf = new Map<string, number>();
  for (const m of mentions) {
    const r = m.reach;
    if (r.retweets === undefined && r.likes === undefined && r.followers === undefined) continue;
    withFigures += 1;
    retweets += r.retweets ?? 0;
    likes += r.likes ?? 0;
    if (r.followers !== undefined)
      followersOf.set(m.author, Math.max(followersOf.get(m.author) ?? 0, r.followers));
  }
  const followers = [...followersOf.values()].reduce((a, b) => a + b, 0);
  return { withFigures, retweets, likes, followers };
}
