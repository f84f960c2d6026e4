/**
 * What a post-incident review is computed from: plain records the station projects from its
 * ops (every time is epoch ms). The KPIs in this folder are pure functions of them, so every
 * station, the CLI and the tests compute the same figures from the same ops.
 */

/** One mention as the review sees it. */
export type ReviewMention = {
  id: string;
  /** The author's handle (one person across their mentions). */
  author: string;
  channel: string;
  department: string | null;
  priority: number;
  brand: string | null;
  /** When it happened (a phone call logged later keeps its own time). */
  occurredAt: number;
  /** When it reached the room: response times count from here. */
  recordedAt: number;
  /** The first answer (a send to it, or "mark answered"), if any. */
  firstAnswerAt: number | null;
  /** When it was closed or ignored without an answer, if so. */
  closedAt: number | null;
  ignoredAt: number | null;
  /** Whether anybody ever claimed it (or was assigned it). */
  touched: boolean;
  /** Answers recorded for it (2 or more: answered twice). */
  answers: number;
  sentimentScore: number;
  sentimentLabel: 'negative' | 'neutral' | 'positive';
  /** What the source says about reach, when it says (retweets, likes, the author's followers). */
  reach: { retweets?: number; likes?: number; followers?: number };
};

/**
 * The mentions a KPI reads: an array, or the station's column store (mention-columns.ts). A KPI
 * may walk them more than once, and an item may be one object moved along from mention to
 * mention: keep what you read from it (numbers, strings), never the item itself.
 */
export type ReviewMentions = Iterable<ReviewMention>;

/** A message through approval: submitted for it, and approved (null: never). */
export type ReviewApproval = { messageId: string; submittedAt: number; approvedAt: number | null };

/** One measurement of the staffing sampler: people needed (Erlang C) and present. */
export type ReviewStaffingSample = { at: number; needed: number; present: number };

/** A span of time [from, to). */
export type TimeWindow = { from: number; to: number };
