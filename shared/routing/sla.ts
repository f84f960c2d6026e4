import { z } from 'zod';
import { CHANNELS, ChannelSchema, type Channel } from '../domain/mention';

/** One priority band: mentions at or above `minPriority` get `minutes` for a first response. */
export const SlaBandSchema = z
  .object({
    name: z.string().trim().min(1).max(40),
    minPriority: z.number().int().min(0).max(100),
    minutes: z
      .number()
      .positive()
      .max(60 * 24 * 30),
  })
  .strict();
/** A priority band. */
export type SlaBand = z.output<typeof SlaBandSchema>;

/** A room's first-response targets (`sla.set`); the defaults apply until a room sets its own. */
export const SlaTargetsSchema = z
  .object({
    /** Highest band first is not required: the band with the highest minPriority ≤ p applies. */
    bands: z.array(SlaBandSchema).min(1).max(10),
    /** Per-channel factors on the band's minutes (email ×2: people expect a slower answer). */
    channelFactors: z.partialRecord(ChannelSchema, z.number().positive().max(100)).default({}),
    /** Share of the target after which a mention is warned (0.75: the last quarter). */
    warnAtShare: z.number().gt(0).lt(1).default(0.75),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (!t.bands.some((b) => b.minPriority === 0))
      ctx.addIssue({ code: 'custom', path: ['bands'], message: 'one band must start at 0' });
    const seen = new Set<number>();
    t.bands.forEach((b, i) => {
      if (seen.has(b.minPriority))
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'minPriority'],
          message: `two bands start at ${b.minPriority}`,
        });
      seen.add(b.minPriority);
    });
  });
/** First-response targets. */
export type SlaTargets = z.output<typeof SlaTargetsSchema>;

/** Targets in force until a room sets its own. */
export const DEFAULT_SLA_TARGETS: SlaTargets = {
  bands: [
    { name: 'urgent', minPriority: 80, minutes: 15 },
    { name: 'high', minPriority: 60, minutes: 30 },
    { name: 'normal', minPriority: 20, minutes: 120 },
    { name: 'low', minPriority: 0, minutes: 24 * 60 },
  ],
  channelFactors: { email: 2 },
  warnAtShare: 0.75,
};

/** How much a breach raises a mention's priority (clamped to 100). */
export const BREACH_RAISE = 20;

/** The band a priority falls in: the one with the highest start at or below it. */
export function bandOf(targets: SlaTargets, priority: number): SlaBand {
  let best: SlaBand | undefined;
  for (const b of targets.bands)
    if (b.minPriority <= priority && (!best || b.minPriority > best.minPriority)) best = b;
  // The schema demands a band from 0, so only a negative priority gets here.
  return best ?? (targets.bands[0] as SlaBand);
}

/** The first-response target in ms for a priority on a channel. */
export function targetMs(targets: SlaTargets, priority: number, channel: Channel): number {
  const factor = targets.channelFactors[channel] ?? 1;
  return Math.round(bandOf(targets, priority).minutes * factor * 60_000);
}

/** When a first response is due and when the mention is warned, both epoch ms. */
export function slaDue(
  targets: SlaTargets,
  recordedMs: number,
  priority: number,
  channel: Channel,
): { due: number; warnAt: number } {
  const ms = targetMs(targets, priority, channel);
  return { due: recordedMs + ms, warnAt: recordedMs + Math.round(ms * targets.warnAtShare) };
}

/**
 * running: inside the target; warned: past the warning share; breached: past due and not
 * answered (or answered late); met: answered or closed in time; stopped: ignored.
 */
export const SLA_STATES = ['running', 'warned', 'breached', 'met', 'stopped'] as const;
/** An SLA state. */
export type SlaState = (typeof SLA_STATES)[number];

/** What the SLA state of a mention is read from. */
export type SlaClock = {
  due: number;
  warnAt: number;
  /** When the mention left open (answered, closed or ignored), epoch ms; null while open. */
  stoppedAt: number | null;
  /** Whether it left open by being ignored (no response was owed). */
  ignored: boolean;
};

/** The SLA state at `now` (epoch ms). */
export function slaState(c: SlaClock, now: number): SlaState {
  if (c.stoppedAt !== null) {
    if (c.ignored) return 'stopped';
    return c.stoppedAt <= c.due ? 'met' : 'breached';
  }
  if (now >= c.due) return 'breached';
  return now >= c.warnAt ? 'warned' : 'running';
}

/** The countdown shown on a mention: its state and the minutes that matter (whole, rounded up). */
export type SlaCountdown =
  | { state: 'running' | 'warned'; minutesLeft: number }
  | { state: 'breached'; minutesOver: number; stopped: boolean }
  | { state: 'met'; minutesTaken: number }
  | { state: 'stopped' };

/** The countdown for a mention recorded at `recordedMs`, at `now`. */
export function slaCountdown(c: SlaClock, recordedMs: number, now: number): SlaCountdown {
  const state = slaState(c, now);
  const min = (ms: number) => Math.max(0, Math.ceil(ms / 60_000));
  switch (state) {
    case 'running':
    case 'warned':
      return { state, minutesLeft: min(c.due - now) };
    case 'breached':
      return {
        state,
        minutesOver: min((c.stoppedAt ?? now) - c.due),
        stopped: c.stoppedAt !== null,
      };
    case 'met':
      return { state, minutesTaken: min((c.stoppedAt ?? now) - recordedMs) };
    default:
      return { state: 'stopped' };
  }
}

/** Channels a target form may set a factor for. */
export const SLA_CHANNELS: readonly Channel[] = CHANNELS;
