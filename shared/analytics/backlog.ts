import type { ReviewMention, TimeWindow } from './review-input';

/** The backlog's worst moments in a window. */
export type BacklogPeaks = {
  /** Most mentions waiting at once (in the room, not yet answered, closed or ignored), and when. */
  peak: number;
  peakAt: number | null;
  /** Longest any mention had been waiting at one moment (seconds), and when. */
  oldestSeconds: number;
  oldestAt: number | null;
};

/** When a mention stopped waiting: its first answer, closing or ignoring, whichever came first. */
export function doneAt(m: ReviewMention): number | null {
  const ends = [m.firstAnswerAt, m.closedAt, m.ignoredAt].filter((x): x is number => x !== null);
  return ends.length === 0 ? null : Math.min(...ends);
}

/**
 * Backlog peak and oldest-waiting peak over a window, from each mention's wait [recordedAt,
 * done): a sweep over the starts and ends (an end at the same instant as a start goes first).
 * The oldest wait peaks either when a mention stops waiting or at the window's end.
 */
export function backlogPeaks(mentions: readonly ReviewMention[], window: TimeWindow): BacklogPeaks {
  const events: [number, number][] = [];
  let oldestSeconds = 0;
  let oldestAt: number | null = null;
  for (const m of mentions) {
    const start = Math.max(m.recordedAt, window.from);
    const end = Math.min(doneAt(m) ?? window.to, window.to);
    if (end <= start) continue;
    events.push([start, +1], [end, -1]);
    const waited = (end - m.recordedAt) / 1000;
    if (waited > oldestSeconds) {
      oldestSeconds = waited;
      oldestAt = end;
    }
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  let peakAt: number | null = null;
  for (const [at, d] of events) {
    open += d;
    if (open > peak) {
      peak = open;
      peakAt = at;
    }
  }
  return { peak, peakAt, oldestSeconds, oldestAt };
}
