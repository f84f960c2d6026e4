import type { StationCore } from '../core/core';
import { reserveCallsBy, type StaffingChangeRow } from '../db/queries/staffing';
import type { Applied } from '../ops/apply';
import { isStaffingOp } from '../ops/reducers/staffing';
import { enqueueWebhook } from '../messages/outbox';
import type { Reserve } from '../../../shared/staffing/reserves';
import { reservesOf } from './reserve-views';

/** Who brings the on-call reserves in (the webhook; with none registered, a log line). */
export type ReserveCaller = (change: StaffingChangeRow) => void | Promise<void>;

const CALLERS = new WeakMap<StationCore, ReserveCaller[]>();

/** Registers what to do when the room rises into a level that calls the reserves in. */
export function onReservesNeeded(core: StationCore, caller: ReserveCaller): () => void {
  const list = CALLERS.get(core) ?? [];
  list.push(caller);
  CALLERS.set(core, list);
  return () => {
    const at = list.indexOf(caller);
    if (at >= 0) list.splice(at, 1);
  };
}

/**
 * Calls the reserves in for level changes this station's own ops caused: a real-world side
 * effect, so only the origin acts (DECISIONS.md 2) — every other station only records the change.
 */
export async function callReserves(core: StationCore, applied: Applied): Promise<number> {
  const own = applied.ops
    .filter((o) => o.origin === core.stationId && isStaffingOp(o.type))
    .map((o) => o.id);
  const calls = await reserveCallsBy(core.read, own);
  for (const change of calls) {
    const callers = CALLERS.get(core) ?? [];
    if (callers.length === 0) console.error(`[staffing] reserves needed: ${change.why}`);
    for (const call of callers) await call(change);
  }
  return calls.length;
}

/** What the webhook receives when the room calls its reserves in (a paging or SMS service). */
export type ReservesCallBody = {
  /** The level change's op id: the same on every retry. */
  id: string;
  kind: 'reserves.call';
  level: string;
  why: string;
  at: string;
  reserves: Reserve[];
};

/**
 * Posts the call-in to the room's webhook (through the outbox: retried until delivered, once);
 * true when a webhook is set. Desks show the same list as a call sheet either way.
 */
export async function postReservesCall(
  core: StationCore,
  change: StaffingChangeRow,
): Promise<boolean> {
  const body: ReservesCallBody = {
    id: change.op_id,
    kind: 'reserves.call',
    level: change.to_level,
    why: change.why,
    at: new Date(change.at).toISOString(),
    reserves: await reservesOf(core.read),
  };
  return enqueueWebhook(core, body);
}
