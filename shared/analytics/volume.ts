import type { ReviewMention, ReviewMentions, TimeWindow } from './review-input';

/** Mentions per interval, counted by when they happened. */
export type VolumeInterval = { start: number; count: number; byKey: Record<string, number> };

/**
 * Volume per interval: mentions whose occurredAt falls in [start, start + intervalMs), for every
 * interval of the window (empty ones too, so a chart has no gaps), split by `key` (brand,
 * channel…; mentions without one count under "—").
 */
export function volumePerInterval(
  mentions: ReviewMentions,
  window: TimeWindow,
  intervalMs: number,
  key?: (m: ReviewMention) => string | null,
): VolumeInterval[] {
  if (!(intervalMs > 0)) throw new Error('the interval must be longer than zero');
  const n = Math.max(0, Math.ceil((window.to - window.from) / intervalMs));
  const out: VolumeInterval[] = Array.from({ length: n }, (_, i) => ({
    start: window.from + i * intervalMs,
    count: 0,
    byKey: {},
  }));
  for (const m of mentions) {
    if (m.occurredAt < window.from || m.occurredAt >= window.to) continue;
    const slot = out[Math.floor((m.occurredAt - window.from) / intervalMs)] as VolumeInterval;
    slot.count += 1;
    if (key) {
      const name = key(m) ?? '—';
      slot.byKey[name] = (slot.byKey[name] ?? 0) + 1;
    }
  }
  return out;
}
