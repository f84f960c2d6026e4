const INTERVAL_MS = 30 * 60_000;
/** The planner plans at most a day of 30-minute intervals. */
export const MAX_INTERVALS = 48;

/** The 30-minute interval starts from `start` up to `end` (at most MAX_INTERVALS). */
export function intervalStarts(start: string, end: string): string[] {
  const from = Date.parse(start);
  const to = Date.parse(end);
  if (!(Number.isFinite(from) && Number.isFinite(to) && to > from)) return [];
  const n = Math.min(MAX_INTERVALS, Math.ceil((to - from) / INTERVAL_MS));
  return Array.from({ length: n }, (_, i) => new Date(from + i * INTERVAL_MS).toISOString());
}

/**
 * A typical event curve to start from: a quiet lead-in, a peak about 60 % of the way through
 * (the main act, the announcement), a tail after it — a bell around `peak` over a floor of 10 %.
 */
export function typicalCurve(intervals: number, peak = 400): number[] {
  if (intervals <= 0) return [];
  const centre = 0.6 * (intervals - 1);
  const width = Math.max(1, intervals / 4);
  return Array.from({ length: intervals }, (_, i) =>
    Math.round(peak * (0.1 + 0.9 * Math.exp(-((i - centre) ** 2) / (2 * width ** 2)))),
  );
}

/** An ISO time as a `datetime-local` input shows it (local time, minutes). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A `datetime-local` value as ISO (empty when it is not a time). */
export function fromLocalInput(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
