import type { ReviewStaffingSample, TimeWindow } from './review-input';

/** Staffing per interval: the mean of the sampler's figures inside it (null with no sample). */
export type StaffingInterval = { start: number; needed: number | null; present: number | null };

/**
 * Staffing needed vs present per interval: the mean of the samples taken in [start, start +
 * intervalMs) — the sampler measures every 30 s while the room is busy, less often when quiet.
 */
export function staffingPerInterval(
  samples: readonly ReviewStaffingSample[],
  window: TimeWindow,
  intervalMs: number,
): StaffingInterval[] {
  if (!(intervalMs > 0)) throw new Error('the interval must be longer than zero');
  const n = Math.max(0, Math.ceil((window.to - window.from) / intervalMs));
  const sums = Array.from({ length: n }, () => ({ needed: 0, present: 0, count: 0 }));
  for (const s of samples) {
    if (s.at < window.from || s.at >= window.to) continue;
    const slot = sums[Math.floor((s.at - window.from) / intervalMs)] as (typeof sums)[number];
    slot.needed += s.needed;
    slot.present += s.present;
    slot.count += 1;
  }
  return sums.map((x, i) => ({
    start: window.from + i * intervalMs,
    needed: x.count === 0 ? null : x.needed / x.count,
    present: x.count === 0 ? null : x.present / x.count,
  }));
}
