import type { StationCore } from '../core/core';
import { checkedIn, hasRoster } from '../db/queries/staffing';
import { presenceBoardOf } from '../presence/presence-board';

// Operators with a desk connected to each core, as its /desk server reports them.
const DESKS = new WeakMap<StationCore, () => Iterable<string>>();

/** Tells the staffing measurements who has a desk connected to this station right now. */
export function noteDeskOperators(core: StationCore, operators: () => Iterable<string>): void {
  DESKS.set(core, operators);
}

/**
 * Operators present in the room: those checked in on the roster once the roster exists;
 * before that, the distinct operators with a desk on this station or seen on a mention anywhere
 * in the room (presence gossiped between stations).
 */
export async function presentHeadcount(core: StationCore): Promise<number> {
  if (await hasRoster(core.read)) return checkedIn(core.read);
  const ids = new Set<string>(DESKS.get(core)?.() ?? []);
  for (const e of presenceBoardOf(core).entries()) ids.add(e.operatorId);
  return ids.size;
}
