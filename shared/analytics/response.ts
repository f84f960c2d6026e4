import { NumberList } from './number-list';
import { nearestRank } from './percentile';
import type { ReviewMention, ReviewMentions } from './review-input';

/** First-response figures of a set of mentions. */
export type ResponseFigures = {
  /** Mentions counted (those that reached the room in the window). */
  mentions: number;
  answered: number;
  /** Seconds from reaching the room to the first answer, over the answered ones. */
  p50Seconds: number | null;
  p90Seconds: number | null;
  /**
   * Share of the mentions answered within the target, over all counted mentions: one still
   * unanswered past its target counts against it, one still inside it is left out (undecided).
   */
  withinTarget: number | null;
};

/** A running tally of first-response figures, one mention at a time (no mention kept). */
class ResponseTally {
  private readonly seconds = new NumberList();
  private mentions = 0;
  private within = 0;
  private decided = 0;
  constructor(
    private readonly targetSeconds: number,
    private readonly asOf: number,
  ) {}

  add(m: ReviewMention): void {
    this.mentions += 1;
    const target = m.recordedAt + this.targetSeconds * 1000;
    if (m.firstAnswerAt !== null) {
      this.seconds.push(Math.max(0, (m.firstAnswerAt - m.recordedAt) / 1000));
      this.decided += 1;
      if (m.firstAnswerAt <= target) this.within += 1;
    } else if (this.asOf > target) this.decided += 1;
  }

  figures(): ResponseFigures {
    const sorted = this.seconds.sorted();
    return {
      mentions: this.mentions,
      answered: sorted.length,
      p50Seconds: nearestRank(sorted, 50),
      p90Seconds: nearestRank(sorted, 90),
      withinTarget: this.decided === 0 ? null : this.within / this.decided,
    };
  }
}

/**
 * First-response time: from when a mention reached the room (recordedAt) to its first answer.
 * `asOf` is when the review looks (open mentions younger than the target are not yet late).
 */
export function firstResponse(
  mentions: ReviewMentions,
  targetSeconds: number,
  asOf: number,
): ResponseFigures {
  const tally = new ResponseTally(targetSeconds, asOf);
  for (const m of mentions) tally.add(m);
  return tally.figures();
}

/** First-response figures per group (channel, department, priority band…), groups sorted by name. */
export function firstResponseBy(
  mentions: ReviewMentions,
  group: (m: ReviewMention) => string,
  targetSeconds: number,
  asOf: number,
): { group: string; figures: ResponseFigures }[] {
  const groups = new Map<string, ResponseTally>();
  for (const m of mentions) {
    const g = group(m);
    let tally = groups.get(g);
    if (!tally) groups.set(g, (tally = new ResponseTally(targetSeconds, asOf)));
    tally.add(m);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([g, tally]) => ({ group: g, figures: tally.figures() }));
}

/** The priority band a mention's triage score falls in, as the SLA bands read it. */
export function priorityBand(priority: number): 'urgent' | 'high' | 'normal' | 'low' {
  if (priority >= 90) return 'urgent';
  if (priority >= 70) return 'high';
  if (priority >= 40) return 'normal';
  return 'low';
}

/** Upper bounds (seconds) of the first-response histogram's buckets: 1, 5, 15, 30 min, 1, 2, 4, 8, 24 h. */
export const RESPONSE_BUCKETS_SECONDS = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400];

/** One bucket of first-response times: answered in (previous bound, upToSeconds]; null: longer. */
export type ResponseBucket = { upToSeconds: number | null; count: number };

/**
 * First-response times of the answered mentions in buckets: each counted in the first bucket whose
 * upper bound it does not exceed (the bounds are inclusive, the previous one exclusive), those
 * slower than the last bound in a final bucket with no bound.
 */
export function responseHistogram(
  mentions: ReviewMentions,
  bounds: readonly number[] = RESPONSE_BUCKETS_SECONDS,
): ResponseBucket[] {
  const out: ResponseBucket[] = [
    ...bounds.map((b) => ({ upToSeconds: b, count: 0 })),
    { upToSeconds: null, count: 0 },
  ];
  for (const m of mentions) {
    if (m.firstAnswerAt === null) continue;
    const seconds = Math.max(0, (m.firstAnswerAt - m.recordedAt) / 1000);
    let i = 0;
    while (i < bounds.length && seconds > (bounds[i] as number)) i += 1;
    (out[i] as ResponseBucket).count += 1;
  }
  return out;
}
