import type { Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import { writeEffects } from '../../db/queries/mention-writes';
import { putRoomConfig } from '../../db/queries/routing';
import { can } from '../../../../shared/domain/permissions';
import type { Verdict } from '../../../../shared/domain/mention-state';
import type { Op } from '../op';
import {
  RESERVE_CALLS_SUBJECT,
  RESERVES_SUBJECT,
  ReservesAnswerV1,
  ReservesSetV1,
} from '../staffing-payloads';
import type { RoleHistory } from './roles';

const refused = (op: Op, reason: string): Verdict => ({ opId: op.id, effect: 'refused', reason });
const applied = (op: Op): Verdict => ({ opId: op.id, effect: 'applied', reason: null });

/**
 * Re-derives the reserves list (the latest reserves.set by a lead or an admin, at its HLC) and
 * what calling each came to (the latest reserves.answer per change and reserve). Both are a few
 * dozen ops at most, so they are folded whole whenever one arrives, in any order.
 */
export async function refoldReserves(tx: Sql, roles: RoleHistory): Promise<void> {
  const sets = await opsBySubject(tx, RESERVES_SUBJECT, ['reserves.set']);
  const answers = await opsBySubject(tx, RESERVE_CALLS_SUBJECT, ['reserves.answer']);
  await roles.load([...sets, ...answers].map((o) => o.actor));
  const lead = (op: Op) => can(roles.roleAt(op.actor, op.hlc), 'staffing.manage');

  const setVerdicts: Verdict[] = [];
  let list: Op | null = null;
  for (const op of sets) {
    if (!lead(op)) setVerdicts.push(refused(op, 'only a lead or an admin keeps the reserves list'));
    else if (!ReservesSetV1.safeParse(op.payload).success)
      setVerdicts.push(refused(op, 'not a reserves list this version reads'));
    else {
      list = op;
      setVerdicts.push(applied(op));
    }
  }
  await putRoomConfig(
    tx,
    'reserves',
    list && {
      value: JSON.stringify(ReservesSetV1.parse(list.payload).reserves),
      op_id: list.id,
      hlc: list.hlc,
      actor: list.actor,
    },
  );
  await writeEffects(tx, RESERVES_SUBJECT, setVerdicts);

  const answerVerdicts: Verdict[] = [];
  const latest = new Map<string, { op: Op; p: ReturnType<typeof ReservesAnswerV1.parse> }>();
  for (const op of answers) {
    const p = ReservesAnswerV1.safeParse(op.payload);
    if (!lead(op)) answerVerdicts.push(refused(op, 'only a lead or an admin calls reserves in'));
    else if (!p.success) answerVerdicts.push(refused(op, 'not an answer this version reads'));
    else {
      latest.set(`${p.data.changeOp}\n${p.data.reserveId}`, { op, p: p.data });
      answerVerdicts.push(applied(op));
    }
  }
  await tx.run('DELETE FROM reserve_calls');
  for (const { op, p } of latest.values())
    await tx.run(
      `INSERT INTO reserve_calls (change_op, reserve_id, outcome, by, hlc, op_id)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [p.changeOp, p.reserveId, p.outcome, op.actor, op.hlc, op.id],
    );
  await writeEffects(tx, RESERVE_CALLS_SUBJECT, answerVerdicts);
}
