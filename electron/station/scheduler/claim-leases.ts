import type { StationCore } from '../core/core';
import { expiredLocalClaims } from '../db/queries/claims';
import { SYSTEM_ACTOR } from '../ops/op';

/** Who is at a desk right now (presence is ephemeral, never in the log: DECISIONS.md 9). */
export type Presence = { isPresent(operatorId: string): boolean };

const EVERY_MS = 10_000;

/**
 * Ends claims whose lease ran out while their holder is away (DECISIONS.md 9: renewals are
 * presence, expiry is a scheduler op). Only the station where a claim was made expires it: it is
 * the one that knows whether the holder is still at a desk.
 */
export function startClaimLeases(
  core: StationCore,
  presence: Presence,
  now: () => number = Date.now,
): { stop(): void; tick(): Promise<number> } {
  let running = false;
  const tick = async (): Promise<number> => {
    // A closed room is read-only: claims stay as they were when it closed.
    if (running || core.closedRoom) return 0;
    running = true;
    try {
      const expired = await expiredLocalClaims(
        core.read,
        core.stationId,
        new Date(now()).toISOString(),
      );
      const drafts = expired
        .filter((c) => !presence.isPresent(c.claim_operator))
        .map((c) => ({
          type: 'claim.expired',
          v: 1,
          actor: SYSTEM_ACTOR,
          subject: c.id,
          payload: { claimOp: c.claim_op },
        }));
      if (drafts.length > 0) await core.commit(drafts);
      return drafts.length;
    } catch (err) {
      console.error('[scheduler] claim leases:', err);
      return 0;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
