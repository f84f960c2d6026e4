import { percentile } from './percentile';
import type { ReviewApproval, ReviewMentions } from './review-input';

/** What became of the mentions of a review. */
export type Outcomes = {
  answered: number;
  /** Closed or ignored without an answer. */
  closed: number;
  ignored: number;
  /** Still open, but someone claimed it at some point. */
  openTouched: number;
  /** Still open and never claimed or assigned by anyone: the ones nobody saw to. */
  neverTouched: number;
  /** Answered twice or more (two operators answered the same person). */
  doubleAnswers: number;
};

/**
 * Outcome counts: each mention counted once, by the first that applies — answered (any answer),
 * closed, ignored, open but touched, never touched. Double answers are counted apart.
 */
export function outcomes(mentions: ReviewMentions): Outcomes {
  const out: Outcomes = {
    answered: 0,
    closed: 0,
    ignored: 0,
    openTouched: 0,
    neverTouched: 0,
    doubleAnswers: 0,
  };
  for (const m of mentions) {
    if (m.answers >= 2) out.doubleAnswers += 1;
    if (m.firstAnswerAt !== null) out.answered += 1;
    else if (m.closedAt !== null) out.closed += 1;
    else if (m.ignoredAt !== null) out.ignored += 1;
    else if (m.touched) out.openTouched += 1;
    else out.neverTouched += 1;
  }
  return out;
}

/** Approval turnaround: seconds from asking for approval to getting it, over the approved ones. */
export function approvalTurnaround(approvals: readonly ReviewApproval[]): {
  approved: number;
  waiting: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
} {
  const seconds = approvals.flatMap((a) =>
    a.approvedAt === null ? [] : [Math.max(0, (a.approvedAt - a.submittedAt) / 1000)],
  );
  return {
    approved: seconds.length,
    waiting: approvals.length - seconds.length,
    p50Seconds: percentile(seconds, 50),
    p90Seconds: percentile(seconds, 90),
  };
}

/**
 * Seconds from the first alert to the first official statement sent (null when either is
 * missing, or the statement came before the alert: nothing to measure).
 */
export function alertToStatementSeconds(
  firstAlertAt: number | null,
  firstStatementAt: number | null,
): number | null {
  if (firstAlertAt === null || firstStatementAt === null || firstStatementAt < firstAlertAt)
    return null;
  return (firstStatementAt - firstAlertAt) / 1000;
}
