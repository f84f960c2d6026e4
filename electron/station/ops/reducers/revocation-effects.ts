import type { Sql } from '../../db/connection';
import {
  clearStationsAndJoinCodes,
  countingOpsOfTypes,
  mentionsIngestedBetween,
  revocationPoints,
  subjectsOfOriginBetween,
} from '../../db/queries/revocations';
import { rederiveMentions } from '../../db/queries/mention-writes';
import { slaTargetsOf } from '../../db/queries/routing';
import type { Op } from '../op';
import { refoldRevocations, refoldStationKeys } from './stations';
import { applyRoomOp } from './people';
import { opFromRow } from '../../db/queries/ops';

// Room ops folded straight into their tables (first admission wins): refolded whole when a
// revocation turns one on or off.
const MEMBERSHIP_OPS = ['station.admit', 'room.join-code'];
import type { RoleHistory } from './roles';

/** A subject to re-derive because ops about it gained or lost their effect. */
export type Touched = { subject: string | null; type: string; hlc: string };

/** What revocations and rotations in (or affecting) a batch mean for the rest of applyOps. */
export type RevocationOutcome = {
  /** True for an op of a revoked station past its point: stored, chained, no effect. */
  isVoid: (op: Pick<Op, 'origin' | 'seq'>) => boolean;
  /** Subjects whose ops gained or lost effect (re-derive them like those of the batch). */
  touched: Touched[];
  /** Whether the set of revoked stations or their keys changed. */
  changed: boolean;
};

const RANGE_END = Number.MAX_SAFE_INTEGER;

/**
 * Folds the batch's station.revoke and station.rotate-key ops (and re-judges revocations when
 * accounts changed, since a revocation counts only by an admin), then lists the subjects of every
 * op whose effect a moved revocation point turned on or off — ops applied before the revocation
 * arrived included — so arrival order does not matter.
 */
export async function revocationEffects(
  tx: Sql,
  roles: RoleHistory,
  ops: readonly Op[],
  accountsChanged: boolean,
): Promise<RevocationOutcome> {
  const revokes = ops.some((o) => o.type === 'station.revoke');
  const touched: Touched[] = [];
  let changed = false;
  if (revokes || accountsChanged) {
    for (const c of await refoldRevocations(tx, roles)) {
      changed = true;
      const low = Math.min(c.before ?? RANGE_END, c.after ?? RANGE_END);
      const high = Math.max(c.before ?? RANGE_END, c.after ?? RANGE_END);
      touched.push(...(await subjectsOfOriginBetween(tx, c.stationId, low, high)));
      // Mentions those ingest ops carried are derived again from the copies that still count
      // (gone when none does), and their status and claim folded again.
      const ids = await mentionsIngestedBetween(tx, c.stationId, low, high);
      await rederiveMentions(tx, ids, await slaTargetsOf(tx));
      for (const id of ids) touched.push({ subject: id, type: 'mention.release', hlc: '' });
    }
  }
  if (touched.some((t) => MEMBERSHIP_OPS.includes(t.type))) {
    // A station admitted (or a join code minted) by a revoked station past its point is not.
    await clearStationsAndJoinCodes(tx);
    for (const row of await countingOpsOfTypes(tx, MEMBERSHIP_OPS))
      await applyRoomOp(tx, opFromRow(row));
  }
  for (const origin of new Set(
    ops.filter((o) => o.type === 'station.rotate-key').map((o) => o.origin),
  )) {
    await refoldStationKeys(tx, origin, roles);
    changed = true;
  }
  const points = await revocationPoints(tx);
  return {
    isVoid: (op) => {
      const point = points.get(op.origin);
      return point !== undefined && op.seq > point;
    },
    touched,
    changed,
  };
}
