import { oneAtATime } from './one-at-a-time';
import type { StationCore } from '../core/core';
import { dueRuns } from '../db/queries/runs';
import { SYSTEM_ACTOR } from '../ops/op';
import type { RunContext } from '../../../shared/playbooks/run-types';

const EVERY_MS = 5_000;

/**
 * Turns due deadlines of playbook runs into `timer.fired` ops (ARCHITECTURE.md: timers are data).
 * Any station does it — the one that started the run may be gone — and if two both do, both ops
 * stay and the run acts once (DECISIONS.md 3). Runs right away on start, so deadlines that passed
 * while the station was down escalate as soon as it is back.
 */
export function startRunTimers(
  core: StationCore,
  now: () => number = Date.now,
  ready: Promise<unknown> = Promise.resolve(),
): { stop(): void; tick(): Promise<number> } {
  // Nothing is fired before `ready` (cached runs brought up to date) has settled.
  const gate = ready.catch((err: unknown) => {
    console.error('[scheduler] could not re-derive runs:', err);
  });
  const run = async (): Promise<number> => {
    try {
      // A closed room is read-only: playbook deadlines stop.
      if (core.closedRoom) return 0;
      const at = now();
      const drafts = [];
      for (const due of await dueRuns(core.read, at)) {
        const ctx = JSON.parse(due.context) as RunContext;
        for (const [key, dueAt] of Object.entries(ctx.deadlines))
          if (dueAt <= at && !ctx.fired.includes(`${key}@${dueAt}`))
            drafts.push({
              type: 'timer.fired',
              v: 1,
              actor: SYSTEM_ACTOR,
              subject: due.id,
              payload: { key, dueAt },
            });
      }
      if (drafts.length > 0) await core.commit(drafts);
      return drafts.length;
    } catch (err) {
      console.error('[scheduler] run timers:', err);
      return 0;
    }
  };
  // One tick at a time, and none before the gate opens.
  const serial = oneAtATime(run);
  const tick = async (): Promise<number> => {
    await gate;
    return serial();
  };
  const timer = setInterval(() => void tick(), EVERY_MS);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer), tick };
}
