import type { Sql } from '../db/connection';
import type { Op } from '../ops/op';
import { appliedErasures, erasureRows, putErasure, type ErasureRow } from '../db/queries/privacy';
import { hlcWallMs } from './hlc-wall';
import { writeEffects } from '../db/queries/mention-writes';
import { ErasureRequestV1 } from '../ops/privacy-payloads';
import { can } from '../../../shared/domain/permissions';
import type { RoleHistory } from '../ops/reducers/roles';

/** An erasure in force: the salted keys it matches and the latest occurrence time it takes. */
export type ActiveErasure = {
  id: string;
  /** Salted keys of the person's identifiers. */
  keys: Set<string>;
  /** Salted keys of the mentions the requester held (shorter: 32 hex digits). */
  mentions: Set<string>;
  cutoffMs: number;
};

// Judged against the actor's role at the op's HLC (DECISIONS.md 2): only an admin erases.
function judge(op: Op, roles: RoleHistory): ErasureRow | null {
  const parsed = op.v === 1 ? ErasureRequestV1.safeParse(op.payload) : null;
  if (!parsed?.success) return null;
  const p = parsed.data;
  const allowed = can(roles.roleAt(op.actor, op.hlc), 'privacy.erase');
  return {
    id: p.erasureId,
    op_id: op.id,
    hlc: op.hlc,
    actor: op.actor,
    reference: p.reference,
    // Never later than the request's own record time: an erasure cannot reach into the future.
    cutoff: new Date(Math.min(Date.parse(p.cutoff), hlcWallMs(op.hlc))).toISOString(),
    // Identifier keys (64 hex digits) and mention keys (32) in one list.
    keys: JSON.stringify([...p.keys, ...(p.mentions ?? [])]),
    requested_items: p.items,
    effect: allowed ? 'applied' : 'refused',
    reason: allowed ? null : 'only an admin may request an erasure',
  };
}

/**
 * Records the batch's erasure.request ops as judged (re-judging refused ones when roles moved),
 * and returns every erasure in force and the ids of those that came into force now.
 */
export async function judgeErasures(
  tx: Sql,
  ops: readonly Op[],
  roles: RoleHistory,
  rolesMoved: boolean,
): Promise<{ erasures: ActiveErasure[]; newlyApplied: string[] }> {
  const fresh = ops.filter((o) => o.type === 'erasure.request');
  const held = fresh.length > 0 || rolesMoved ? await erasureRows(tx) : null;
  const newlyApplied: string[] = [];
  const known = new Map((held ?? []).map((r) => [r.id, r]));
  for (const op of fresh) {
    await roles.load([op.actor]);
    const row = judge(op, roles);
    if (!row) {
      await writeEffects(tx, op.subject ?? op.id, [
        { opId: op.id, effect: 'refused', reason: 'not a payload this version reads' },
      ]);
      continue;
    }
    const was = known.get(row.id);
    if (was && was.hlc <= row.hlc && was.op_id !== row.op_id) continue;
    await putErasure(tx, row);
    await writeEffects(tx, row.id, [{ opId: op.id, effect: row.effect, reason: row.reason }]);
    if (row.effect === 'applied' && was?.effect !== 'applied') newlyApplied.push(row.id);
    known.set(row.id, row);
  }
  // A role grant that arrives after the erasure it allows (catch-up order) brings it into force.
  if (rolesMoved)
    for (const row of known.values()) {
      if (row.effect !== 'refused') continue;
      await roles.load([row.actor]);
      if (!can(roles.roleAt(row.actor, row.hlc), 'privacy.erase')) continue;
      await putErasure(tx, { ...row, effect: 'applied', reason: null });
      await writeEffects(tx, row.id, [{ opId: row.op_id, effect: 'applied', reason: null }]);
      newlyApplied.push(row.id);
    }
  const rows = await appliedErasures(tx);
  return {
    erasures: rows.map((r) => {
      const all = JSON.parse(r.keys) as string[];
      return {
        id: r.id,
        keys: new Set(all.filter((k) => k.length === 64)),
        mentions: new Set(all.filter((k) => k.length === 32)),
        cutoffMs: Date.parse(r.cutoff),
      };
    }),
    newlyApplied,
  };
}
