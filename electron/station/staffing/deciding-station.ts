import type { StationCore } from '../core/core';
import { hubOf } from '../sync/peer-hub';
import { presenceBoardOf } from '../presence/presence-board';

/**
 * The station that decides for the room among those connected (DECISIONS.md 10): the lowest
 * station id. Holdline has no designated hub yet; when it does, the hub goes first here.
 */
export function decidingStation(self: string, connected: Iterable<string>): string {
  let lowest = self;
  for (const id of connected) if (id < lowest) lowest = id;
  return lowest;
}

/** What a job of the deciding station needs from its surroundings (tests give their own). */
export type DecidingJobOptions = {
  now?: () => number;
  /** Ids of the stations this one can reach right now (default: connectedPeers). */
  peers?: () => Iterable<string>;
  everyMs?: number;
};

/**
 * Ids of the stations this one can reach now: those it has a live link with, and those it hears
 * of through them (presence gossip is relayed station to station). With links A–B–C, A and C
 * have no link, yet only one of them may decide. A station that left still counts until its
 * presence goes stale (PRESENCE_TTL_MS), so deciding pauses that long rather than happen twice.
 */
export function connectedPeers(core: StationCore): string[] {
  const ids = new Set(
    (hubOf(core)?.peers() ?? [])
      .filter((p) => p.connected && p.stationId !== null)
      .map((p) => p.stationId as string),
  );
  for (const id of presenceBoardOf(core).liveStations()) ids.add(id);
  return [...ids];
}
