import type { StationCore } from '../core/core';
import { hubOf } from '../sync/peer-hub';

/**
 * The station that decides for the room among those connected (DECISIONS.md 10): the lowest
 * station id. Holdline has no designated hub yet; when it does, the hub goes first here.
 */
export function decidingStation(self: string, connected: Iterable<string>): string {
  let lowest = self;
  for (const id of connected) if (id < lowest) lowest = id;
  return lowest;
}

/** Ids of the peers this station has a live link with. */
export function connectedPeers(core: StationCore): string[] {
  return (hubOf(core)?.peers() ?? [])
    .filter((p) => p.connected && p.stationId !== null)
    .map((p) => p.stationId as string);
}
