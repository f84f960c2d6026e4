import type { StationCore } from '../core/core';
import { expiredCheckedIn, localCheckedIn, rosterOf } from '../db/queries/roster';
import { CommandError, releaseClaimsOf } from '../mentions/commands';
import type { Applied } from '../ops/apply';
import { SYSTEM_ACTOR } from '../ops/op';
import type { Presence } from '../scheduler/claim-leases';
import { checkOut } from './roster-commands';

/** How long a checked-in operator may be without a desk before they are checked out. */
export const DEFAULT_IDLE_MS = 15 * 60_000;
const EVERY_MS = 30_000;

/** What one look at the roster did. */
export type RosterTick = { expired: string[]; idle: string[] };

/**
 * Checks out operators whose account expired (reason "expired": any station may, the fold has
 * one effect) and operators with no desk connected here for `idleMs` (reason "idle": only the
 * station their desk checked in at judges them, so two stations do not both decide). Each
 * check-out hands their claims made here back to the queue.
 */
export function startRosterScheduler(
  core: StationCore,
  presence: Presence,
  opts: { now?: () => number; idleMs?: number; everyMs?: number } = {},
): { stop(): void; tick(): Promise<RosterTick> } {
  const now = opts.now ?? Date.now;
  const idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
  const started = now();
  // When each operator was last seen at a desk here (presence is local and ephemeral).
  const lastSeen = new Map<string, number>();
  let running: Promise<RosterTick> | null = null;

  const out = async (operatorId: string, reason: 'expired' | 'idle'): Promise<boolean> => {
    try {
      await checkOut(core, SYSTEM_ACTOR, operatorId, reason);
      return true;
    } catch (err) {
      // Someone else checked them out first: nothing left to do.
      if (err instanceof CommandError) return false;
      throw err;
    }
  };

  const run = async (): Promise<RosterTick> => {
    const at = now();
    const result: RosterTick = { expired: [], idle: [] };
    try {
      for (const id of await expiredCheckedIn(core.read, new Date(at).toISOString()))
        if (await out(id, 'expired')) result.expired.push(id);
      for (const r of await localCheckedIn(core.read, core.stationId)) {
        if (result.expired.includes(r.operatorId)) continue;
        if (presence.isPresent(r.operatorId)) {
          lastSeen.set(r.operatorId, at);
          continue;
        }
        const since = r.since ? Date.parse(r.since) : started;
        const seen = Math.max(lastSeen.get(r.operatorId) ?? started, since);
        if (at - seen >= idleMs && (await out(r.operatorId, 'idle'))) {
          result.idle.push(r.operatorId);
          lastSeen.delete(r.operatorId);
        }
      }
    } catch (err) {
      console.error('[scheduler] roster:', err);
    }
    return result;
  };

  const tick = async (): Promise<RosterTick> => {
    while (running) await running;
    running = run();
    try {
      return await running;
    } finally {
      running = null;
    }
  };
  // A check-out recorded at another station (a lead's desk there) frees the claims made here.
  const onApplied = (a: Applied) => {
    const away = a.ops.filter(
      (o) => o.type === 'shift.check-out' && o.origin !== core.stationId && o.subject,
    );
    if (away.length > 0) void releaseCheckedOut(away.map((o) => o.subject as string));
  };
  const releaseCheckedOut = async (operatorIds: string[]) => {
    try {
      for (const id of new Set(operatorIds))
        if ((await rosterOf(core.read, id))?.checkedIn === false) await releaseClaimsOf(core, id);
    } catch (err) {
      console.error('[scheduler] roster releases:', err);
    }
  };
  core.on('applied', onApplied);
  const timer = setInterval(() => void tick(), opts.everyMs ?? EVERY_MS);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      core.off('applied', onApplied);
    },
    tick,
  };
}
