import type { StationCore } from '../core/core';
import {
  eventById,
  listEvents,
  recentStaffingChanges,
  staffingState,
  type EventRow,
} from '../db/queries/staffing';
import type { EventView, PlanView, StaffingStatus } from '../../../shared/contract/staffing';
import type { StaffingLevel } from '../../../shared/staffing/staffing-machine';
import { StaffingForecastSchema, planStaffing } from '../../../shared/staffing/staffing-plan';
import type { StaffingMeasurements } from '../../../shared/staffing/staffing-thresholds';
import { hlcToIso } from '../../../shared/sync/hlc';
import { answeredLastHour, DEFAULT_TARGET, runningEvent } from './measure';
import { presentHeadcount } from './present-headcount';
import { listOperators } from '../db/queries/people';
import { thresholdsOf } from '../db/queries/staffing';
import { reserveCallOf, reservesOf } from './reserve-views';

/** Puts people's names where the recorded text names their account ids ("set by u-…"). */
async function namer(core: StationCore): Promise<(text: string) => string> {
  const names = (await listOperators(core.read)).map((o) => [o.id, o.display_name] as const);
  return (text) => names.reduce((t, [id, name]) => t.replaceAll(id, name), text);
}

/** An event row as desks see it. */
export function eventViewOf(row: EventRow): EventView {
  return {
    id: row.id,
    name: row.name,
    start: row.start_at,
    end: row.end_at,
    brands: JSON.parse(row.brands) as string[],
    topics: JSON.parse(row.topics) as string[],
    forecast: StaffingForecastSchema.parse(JSON.parse(row.forecast)),
    savedBy: row.saved_by,
    savedAt: hlcToIso(row.saved_hlc),
    cancelled: row.cancelled_hlc !== null,
  };
}

/** Every event of the room, soonest first. */
export async function eventViews(core: StationCore): Promise<EventView[]> {
  return (await listEvents(core.read)).map(eventViewOf);
}

/** One event, or undefined. */
export async function eventView(core: StationCore, id: string): Promise<EventView | undefined> {
  const row = await eventById(core.read, id);
  return row && eventViewOf(row);
}

/** An event's staffing plan (computed now from its forecast; never stored). */
export function planOf(event: EventView): PlanView {
  const plan = planStaffing(event.forecast);
  return {
    intervals: plan.intervals.map((iv) => ({
      start: iv.start,
      arrivals: iv.arrivals,
      staff: iv.staff,
      agents: iv.agents,
      serviceLevel: iv.serviceLevel,
      asa: iv.asa,
      occupancy: iv.occupancy,
    })),
    peak: plan.peak,
    staffHours: plan.staffHours,
  };
}

/** The room's staffing level now, what was measured and the recent changes. */
export async function staffingStatus(
  core: StationCore,
  nowMs: number = Date.now(),
): Promise<StaffingStatus> {
  const state = await staffingState(core.read);
  const event = await runningEvent(core, nowMs);
  const targetSeconds = (event?.forecast.target ?? DEFAULT_TARGET).withinSeconds;
  const measurements = state?.measurements
    ? (JSON.parse(state.measurements) as StaffingMeasurements)
    : null;
  const named = await namer(core);
  const recent = await recentStaffingChanges(core.read);
  const changes = recent.map((c) => ({
    opId: c.op_id,
    at: new Date(c.at).toISOString(),
    from: c.from_level as StaffingLevel,
    to: c.to_level as StaffingLevel,
    why: named(c.why),
    by: c.by,
    banner: c.banner === 1,
    notifyReserves: c.notify_reserves === 1,
  }));
  return {
    level: (state?.level ?? 'normal') as StaffingLevel,
    since: state ? new Date(state.since).toISOString() : null,
    why: named(state?.summary ?? 'Normal'),
    mode: state?.mode === 'manual' ? 'manual' : 'auto',
    measurements,
    measuredAt: state?.measured_at ? new Date(state.measured_at).toISOString() : null,
    needed: measurements?.neededHeadcount ?? null,
    present: await presentHeadcount(core),
    lastHour: { ...(await answeredLastHour(core, nowMs, targetSeconds)), targetSeconds },
    activeEvent: event ? { id: event.row.id, name: event.row.name } : null,
    changes,
    ...thresholdsOf(state),
    reserves: await reservesOf(core.read),
    reserveCall: await reserveCallOf(core.read, recent, named),
  };
}
