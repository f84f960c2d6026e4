import { NumberList } from './number-list';
import type { ReviewMention, ReviewMentions, TimeWindow } from './review-input';

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
  const { closedAt: closed, ignoredAt: ignored } = m;
  let done = m.firstAnswerAt;
  if (closed !== null && (done === null || closed < done)) done = closed;
  if (ignored !== null && (done === null || ignored < done)) done = ignored;
  return done;
}

/**
 * Backlog peak and oldest-waiting peak over a window, from each mention's wait [recordedAt,
 * done): a sweep over the starts and ends, each sorted (an end at the same instant as a start
 * goes first). The oldest wait peaks either when a mention stops waiting or at the window's end.
 */
export function backlogPeaks(mentions: ReviewMentions, window: TimeWindow): BacklogPeaks {
  const starts = new NumberList();
  const ends = new NumberList();
  let oldestSeconds = 0;
  let oldestAt: number | null = null;
  for (const m of mentions) {
    const start = Math.max(m.recordedAt, window.from);
    const end = Math.min(doneAt(m) ?? window.to, window.to);
    if (end <= start) continue;
    starts.push(start);
    ends.push(end);
    const waited = (end - m.recordedAt) / 1000;
    if (waited > oldestSeconds) {
      oldestSeconds = waited;
      oldestAt = end;
    }
  }
  const s = starts.sorted();
  const e = ends.sorted();
  let open = 0;
  let peak = 0;
  let peakAt: number | null = null;
  // Only a start can raise the count: ends at or before it are taken first.
  for (let i = 0, j = 0; i < s.length; i += 1) {
    const at = s[i] as number;
    while (j < e.length && (e[j] as number) <= at) {
      j += 1;
      open -= 1;
    }
    open += 1;
    if (open > peak) {
      peak = open;
      peakAt = at;
    }
  }
  return { peak, peakAt, oldestSeconds, oldestAt };
}

/** The backlog at the end of one interval. */
export type BacklogInterval = {
  start: number;
  /** Mentions waiting at the interval's end. */
  open: number;
  /** How long the oldest of them had been waiting by then (seconds; 0 with none). */
  oldestSeconds: number;
};

/**
 * The backlog at the end of each interval of the window (the same intervals as the volume; the
 * last ends at the window's end): the mentions that had reached the room before that instant and
 * were not yet done (doneAt later, or never), and the age of the oldest of them.
 *
 * Linear: each mention is counted over the run of interval ends it spans (a difference array),
 * and the oldest one waiting at an end is the earliest-recorded of the mentions done after it —
 * any of those recorded after the end leaves none waiting, as all later ones are too.
 */
export function backlogPerInterval(
  mentions: ReviewMentions,
  window: TimeWindow,
  intervalMs: number,
): BacklogInterval[] {
  if (!(intervalMs > 0)) throw new Error('the interval must be longer than zero');
  const n = Math.max(0, Math.ceil((window.to - window.from) / intervalMs));
  const endOf = (i: number) => Math.min(window.from + (i + 1) * intervalMs, window.to);
  const delta = new Int32Array(n + 1);
  // Earliest recordedAt among the mentions whose first end not waiting any more is i (n: none).
  const earliestDoneAt = new Float64Array(n + 1).fill(Infinity);
  for (const m of mentions) {
    if (m.recordedAt >= window.to) continue;
    // The first interval end after it reached the room, and the first end at or after its done.
    const first = Math.max(0, Math.floor((m.recordedAt - window.from) / intervalMs));
    const done = doneAt(m);
    const last =
      done === null || done > window.to
        ? n
        : Math.max(0, Math.ceil((done - window.from) / intervalMs) - 1);
    if (last <= first) continue;
    delta[first] = (delta[first] as number) + 1;
    delta[last] = (delta[last] as number) - 1;
    if (m.recordedAt < (earliestDoneAt[last] as number)) earliestDoneAt[last] = m.recordedAt;
  }
  const out: BacklogInterval[] = [];
  let open = 0;
  const oldest = new Float64Array(n + 1).fill(Infinity);
  for (let i = n - 1; i >= 0; i -= 1)
    oldest[i] = Math.min(oldest[i + 1] as number, earliestDoneAt[i + 1] as number);
  for (let i = 0; i < n; i += 1) {
    open += delta[i] as number;
    const since = oldest[i] as number;
    out.push({
      start: window.from + i * intervalMs,
      open,
      oldestSeconds: open === 0 || since >= endOf(i) ? 0 : (endOf(i) - since) / 1000,
    });
  }
  return out;
}
