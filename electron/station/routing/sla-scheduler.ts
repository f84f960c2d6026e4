import { oneAtATime } from '../scheduler/one-at-a-time';
import type { StationCore } from '../core/core';
import { dueUnbreached } from '../db/queries/routing';
import { SYSTEM_ACTOR } from '../ops/op';

const EVERY_MS = 5_000;

/**
 * Turns first-response due times that passed into `sla.breached` ops (timers are data: the due
 * time is a column, so a restarted station breaches what came due while it was down, on its first
 * tick). Any station does it; when two both do, both ops stay and the fold keeps the earliest, so
 * the priority rises once (DECISIONS.md 3).
 */
export function startSlaScheduler(
  core: StationCore,
  now: () => number = Date.now,
  everyMs = EVERY_MS,
): { stop(): void; tick(): Promise<number> } {
  const run = async (): Promise<number> => {
    try {
      // A closed room is read-only: its clocks stop.
      if (core.closedRoom) return 0;
      const due = await dueUnbreached(core.read, now());
      if (due.length === 0) return 0;
      await core.commit(
        due.map((m) => ({
          type: 'sla.breached',
          v: 1,
          actor: SYSTEM_ACTOR,
          subject: m.id,
          payload: { mentionId: m.id, due: m.sla_due },
        })),
      );
      return due.length;
    } catch (err) {
      console.error('[scheduler] SLA breaches:', err);
      return 0;
    }
  };
  const tick = oneAtATime(run);
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer), tick };
}
