import type { StationCore } from '../core/core';
import { getRoom } from '../db/queries/people';
import { SYSTEM_ACTOR } from '../ops/op';
import { STAFFING_SUBJECT } from '../ops/staffing-payloads';
import { connectedPeers, decidingStation, type DecidingJobOptions } from './deciding-station';
import { measureStaffing } from './measure';
import { staffingState, thresholdsOf, type StaffingStateRow } from '../db/queries/staffing';
import {
  pressureOf,
  type StaffingMeasurements,
} from '../../../shared/staffing/staffing-thresholds';

// A quiet room records an unchanged sample this often only (inside the machine's 5-minute gap).
const QUIET_EVERY_MS = 4 * 60_000;

/**
 * Whether a sample says anything new: always, unless the room is normal under automatic control,
 * nothing reaches an entry threshold and the measurements are the ones last recorded (a quiet
 * room does not fill the log with thousands of identical ops a day).
 */
export function worthRecording(
  state: StaffingStateRow | undefined,
  m: StaffingMeasurements,
  at: number,
): boolean {
  if (!state || state.level !== 'normal' || state.mode !== 'auto') return true;
  if (state.measured_at === null || at - state.measured_at >= QUIET_EVERY_MS) return true;
  const last = state.measurements ? (JSON.parse(state.measurements) as StaffingMeasurements) : null;
  const same =
    last !== null &&
    (Object.keys(m) as (keyof StaffingMeasurements)[]).every((k) => last[k] === m[k]);
  if (!same) return true;
  const ctx = (JSON.parse(state.snapshot) as { context?: { baselinePerMinute?: number | null } })
    .context;
  // The room's own thresholds once it set them (staffing.configure).
  const { thresholds } = thresholdsOf(state);
  const usual = Math.max(
    ctx?.baselinePerMinute ?? m.arrivalsPerMinute,
    thresholds.baseline.minPerMinute,
  );
  return pressureOf(m, usual, thresholds).elevated.met.length > 0;
}

/** How often the deciding station measures the room. */
export const SAMPLE_EVERY_MS = 30_000;
const FIRST_SAMPLE_MS = 3_000;

/** What the sampler needs from its surroundings (tests give their own). */
export type SamplerOptions = DecidingJobOptions;

/**
 * Writes a `staffing.sample` op every 30 s — on the deciding station only (DECISIONS.md 10), and
 * only once the station belongs to a room. Every station folds the samples into the same level;
 * across a partition each side samples for itself and the fold ignores samples older than the
 * last one it took (the machine's stale-sample guard).
 */
export function startStaffingSampler(
  core: StationCore,
  opts: SamplerOptions = {},
): { stop(): void; tick(): Promise<boolean> } {
  const now = opts.now ?? Date.now;
  const peers = opts.peers ?? (() => connectedPeers(core));
  let running = false;
  const tick = async (): Promise<boolean> => {
    if (running) return false;
    running = true;
    try {
      // A closed room is read-only: nothing new is measured into it.
      if (core.closedRoom) return false;
      if (decidingStation(core.stationId, peers()) !== core.stationId) return false;
      if (!(await getRoom(core.read))) return false;
      const at = now();
      const measurements = await measureStaffing(core, at);
      if (!worthRecording(await staffingState(core.read), measurements, at)) return false;
      await core.commit([
        {
          type: 'staffing.sample',
          v: 1,
          actor: SYSTEM_ACTOR,
          subject: STAFFING_SUBJECT,
          payload: { at, measurements },
        },
      ]);
      return true;
    } catch (err) {
      console.error('[staffing] could not sample:', err);
      return false;
    } finally {
      running = false;
    }
  };
  // HOLDLINE_STAFFING_SAMPLES=0 keeps a station from sampling by itself (tests that count every
  // op a station writes, like the randomised fault test); tick() still samples on demand.
  if (process.env.HOLDLINE_STAFFING_SAMPLES === '0') return { stop: () => undefined, tick };
  const timer = setInterval(() => void tick(), opts.everyMs ?? SAMPLE_EVERY_MS);
  timer.unref();
  // A first look soon after start, once peer links had a moment to come up.
  const first = setTimeout(() => void tick(), FIRST_SAMPLE_MS);
  first.unref();
  return {
    stop: () => {
      clearInterval(timer);
      clearTimeout(first);
    },
    tick,
  };
}
