import type { Sql } from '../../db/connection';
import { opsBySubject } from '../../db/queries/ops';
import { writeEffects } from '../../db/queries/mention-writes';
import type { Verdict } from '../../../../shared/domain/mention-state';
import { can } from '../../../../shared/domain/permissions';
import { getRoom } from '../../db/queries/people';
import { putRoomClosure } from '../../db/queries/room-closure';
import { CLOSURE_OPS, CLOSURE_SUBJECT, RoomCloseV1, RoomReopenV1 } from '../closure-payloads';
import type { RoleHistory } from './roles';

/**
 * Re-derives whether the room is closed from every room.close / room.reopen op in HLC order: an
 * admin's op toggles the state (closing a closed room or reopening an open one changes nothing
 * and is refused as such); anyone else's is refused. Every station reaches the same state from
 * the same ops, in whatever order they arrived.
 */
export async function refoldClosure(tx: Sql, roles: RoleHistory): Promise<void> {
  const ops = await opsBySubject(tx, CLOSURE_SUBJECT, CLOSURE_OPS);
  await roles.load(ops.map((o) => o.actor));
  const room = await getRoom(tx);
  let closed: { opId: string; hlc: string; by: string; reason: string | null } | null = null;
  const verdicts: Verdict[] = [];
  const refuse = (opId: string, reason: string) =>
    verdicts.push({ opId, effect: 'refused', reason });
  for (const op of ops) {
    if (!can(roles.roleAt(op.actor, op.hlc), 'operator.manage')) {
      refuse(op.id, 'only an admin closes or reopens the room');
      continue;
    }
    const schema = op.type === 'room.close' ? RoomCloseV1 : RoomReopenV1;
    const p = schema.safeParse(op.payload);
    if (!p.success || (room && p.data.roomId !== room.id)) {
      refuse(op.id, 'not about this room');
      continue;
    }
    if (op.type === 'room.close') {
      if (closed) {
        refuse(op.id, 'the room was already closed');
        continue;
      }
      const reason = (p.data as { reason?: string }).reason ?? null;
      closed = { opId: op.id, hlc: op.hlc, by: op.actor, reason };
    } else {
      if (!closed) {
        refuse(op.id, 'the room was open');
        continue;
      }
      closed = null;
    }
    verdicts.push({ opId: op.id, effect: 'applied', reason: null });
  }
  await putRoomClosure(tx, closed);
  await writeEffects(tx, CLOSURE_SUBJECT, verdicts);
}
