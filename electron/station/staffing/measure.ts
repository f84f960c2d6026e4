import type { StationCore } from '../core/core';
import {
  activeEvent,
  answersSince,
  mentionsRecordedSince,
  waitingMentions,
  type EventRow,
} from '../db/queries/staffing';
import { requiredAgents } from '../../../shared/staffing/erlang-c';
import {
  StaffingForecastSchema,
  effectiveConcurrency,
  measuredInputs,
  type StaffingForecast,
} from '../../../shared/staffing/staffing-plan';
import type { StaffingMeasurements } from '../../../shared/staffing/staffing-thresholds';
import { presentHeadcount } from './present-headcount';

const MINUTE = 60_000;
/** Arrivals are counted over this window. */
const ARRIVALS_WINDOW_MINUTES = 5;
/** Handle times and the share within target are taken over the last hour. */
const HOUR = 60 * MINUTE;
/** Handle time when nothing was answered in the last hour and no event says otherwise. */
export const DEFAULT_AHT_SECONDS = 240;
/** The service target when no event is running: 80 % answered within 15 minutes. */
export const DEFAULT_TARGET = { share: 0.8, withinSeconds: 900 } as const;

/** The forecast of the event running now, parsed (null when none runs or it does not parse). */
export async function runningEvent(
  core: StationCore,
  nowMs: number,
): Promise<{ row: EventRow; forecast: StaffingForecast } | null> {
  const row = await activeEvent(core.read, new Date(nowMs).toISOString());
  if (!row) return null;
  const parsed = StaffingForecastSchema.safeParse(JSON.parse(row.forecast));
  return parsed.success ? { row, forecast: parsed.data } : null;
}

/** What the room looks like now: the inputs of the staffing machine's next sample. */
export async function measureStaffing(
  core: StationCore,
  nowMs: number,
): Promise<StaffingMeasurements> {
  const event = await runningEvent(core, nowMs);
  const recorded = await mentionsRecordedSince(core.read, nowMs - ARRIVALS_WINDOW_MINUTES * MINUTE);
  const arrivalsPerMinute = recorded / ARRIVALS_WINDOW_MINUTES;
  const waiting = await waitingMentions(core.read);
  const answers = await answersSince(core.read, nowMs - HOUR);
  const handles = answers.flatMap((a) => (a.sinceClaim === null ? [] : [a.sinceClaim]));
  const measured = measuredInputs({ arrivals: { counts: [] }, handleTimesSeconds: handles });
  const f = event?.forecast;
  const target = f?.target ?? DEFAULT_TARGET;
  const needed = requiredAgents({
    arrivalsPerInterval: arrivalsPerMinute,
    intervalSeconds: 60,
    // Erlang C needs a positive handle time: answers given the instant they were claimed measure 0.
    ahtSeconds:
      measured.ahtSeconds !== null && measured.ahtSeconds > 0
        ? measured.ahtSeconds
        : (f?.ahtSeconds ?? DEFAULT_AHT_SECONDS),
    targetShare: target.share,
    targetSeconds: target.withinSeconds,
    maxOccupancy: f?.maxOccupancy ?? 0.85,
    shrinkage: f?.shrinkage ?? 0,
    concurrency: f ? effectiveConcurrency(f.concurrency) : 1,
  });
  return {
    arrivalsPerMinute,
    queueDepth: waiting.count,
    oldestWaitingSeconds:
      waiting.oldestMs === null ? 0 : Math.max(0, Math.round((nowMs - waiting.oldestMs) / 1000)),
    neededHeadcount: needed.staff,
    presentHeadcount: await presentHeadcount(core),
  };
}

/** Answers in the last hour and the share of them within the target (null when none). */
export async function answeredLastHour(
  core: StationCore,
  nowMs: number,
  targetSeconds: number,
): Promise<{ answered: number; withinTarget: number | null }> {
  const answers = await answersSince(core.read, nowMs - HOUR);
  if (answers.length === 0) return { answered: 0, withinTarget: null };
  const within = answers.filter((a) => a.sinceRecorded <= targetSeconds).length;
  return { answered: answers.length, withinTarget: within / answers.length };
}
