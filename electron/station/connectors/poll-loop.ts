/**
 * Polling with exponential back-off and "equal jitter" (AWS Architecture Blog, "Exponential
 * Backoff and Jitter", 2015): after the n-th failure in a row the next try waits a random time
 * between half and all of min(cap, base · 2^(n−1)), so many connectors failing together (the
 * network went down) do not all come back at the same instant.
 */
import type { HealthReporter } from './connector-kind';

/** How a poll loop waits. */
export type PollTiming = {
  intervalMs: number;
  /** First wait after a failure (default: the interval, at most 30 s). */
  baseMs?: number;
  /** Longest wait after failures (default: 16 intervals, between 15 and 60 minutes). */
  capMs?: number;
  random?: () => number;
};

/** The wait after `failures` failures in a row (≥ 1). */
export function backoffDelay(failures: number, t: PollTiming): number {
  const base = t.baseMs ?? Math.min(t.intervalMs, 30_000);
  const cap = t.capMs ?? Math.min(Math.max(t.intervalMs * 16, 15 * 60_000), 60 * 60_000);
  const full = Math.min(cap, base * 2 ** Math.min(failures - 1, 30));
  return Math.round(full / 2 + (t.random ?? Math.random)() * (full / 2));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * Runs `fn` now, then `intervalMs` after each success, backing off after failures, until
 * `signal` aborts; health follows each round. Resolves when the loop has ended (a round under
 * way is let finish).
 */
export async function pollLoop(
  fn: () => Promise<void>,
  timing: PollTiming,
  health: HealthReporter,
  signal: AbortSignal,
): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    let wait = timing.intervalMs;
    try {
      await fn();
      if (signal.aborted) break;
      failures = 0;
      health.succeeded();
    } catch (err) {
      if (signal.aborted) break;
      failures += 1;
      wait = backoffDelay(failures, timing);
      health.failed(err, Date.now() + wait);
    }
    await sleep(wait, signal);
  }
}
