import type { Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import { writeEffects } from '../../db/queries/mention-writes';
import { expiriesOf, putRoster, putShift } from '../../db/queries/roster';
import type { Verdict } from '../../../../shared/domain/mention-state';
import {
  CHECK_OPS,
  SHIFT_OPS,
  foldRoster,
  foldShift,
  type CheckOp,
  type ShiftOp,
} from '../../../../shared/domain/roster';
import { hlcToIso } from '../../../../shared/sync/hlc';
import type { Op } from '../op';
import { ROSTER_PAYLOADS } from '../roster-payloads';
import type { RoleHistory } from './roles';

/**
 * Where a roster op's effect is recorded. Check ops share their subject (the operator id) with
 * the account's own ops, whose refold rewrites every effect of that subject: kept apart here.
 */
export function rosterEffectsSubject(operatorId: string): string {
  return `roster:${operatorId}`;
}

/** Reads the payloads a fold can use; the rest are refused as unreadable. */
function readable<T>(ops: readonly Op[]): { ok: T[]; unreadable: Verdict[] } {
  const ok: T[] = [];
  const unreadable: Verdict[] = [];
  for (const op of ops) {
    const parsed = ROSTER_PAYLOADS[op.type]?.[op.v]?.safeParse(op.payload);
    if (parsed?.success)
      ok.push({
        id: op.id,
        type: op.type,
        hlc: op.hlc,
        actor: op.actor,
        payload: parsed.data,
      } as T);
    else
      unreadable.push({
        opId: op.id,
        effect: 'refused',
        reason: 'not a payload this version reads',
      });
  }
  return { ok, unreadable };
}

/** Re-derives one operator's roster row from all of their check-in and check-out ops. */
export async function refoldRoster(tx: Sql, operatorId: string, roles: RoleHistory): Promise<void> {
  const ops = await opsBySubject(tx, operatorId, CHECK_OPS);
  await roles.load(ops.map((o) => o.actor));
  const expiries = await expiriesOf(tx, [operatorId]);
  const { ok, unreadable } = readable<CheckOp>(ops);
  const { state, verdicts } = foldRoster(operatorId, ok, {
    roleAt: (a, h) => roles.roleAt(a, h),
    expiredAt: (a, h) => {
      const at = expiries.get(a);
      return at != null && Date.parse(at) <= Date.parse(hlcToIso(h));
    },
  });
  await putRoster(tx, operatorId, state);
  await writeEffects(tx, rosterEffectsSubject(operatorId), [...unreadable, ...verdicts]);
}

/** Re-derives one planned shift from its plan and cancel ops. */
export async function refoldShift(tx: Sql, shiftId: string, roles: RoleHistory): Promise<void> {
  const ops = await opsBySubject(tx, shiftId, SHIFT_OPS);
  await roles.load(ops.map((o) => o.actor));
  const { ok, unreadable } = readable<ShiftOp>(ops);
  const { state, verdicts } = foldShift(shiftId, ok, { roleAt: (a, h) => roles.roleAt(a, h) });
  await putShift(tx, shiftId, state);
  await writeEffects(tx, shiftId, [...unreadable, ...verdicts]);
}
