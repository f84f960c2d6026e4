import type { Sql } from '../connection';
import { isKnownOp } from '../../ops/op-catalogue';
import type { Op } from '../../ops/op';
import { RECOVERY_ACTOR, RECOVERY_SUBJECT } from '../../ops/recovery-payloads';
import { opFromRow } from './ops';

/** Every recovery-key and recover op of the room, in HLC order (both found by index). */
export async function recoveryOps(sql: Sql): Promise<Op[]> {
  const rows = await sql.all<Parameters<typeof opFromRow>[0]>(
    `SELECT * FROM ops WHERE (subject = ? AND type = 'room.recovery-key')
       OR (actor = ? AND type = 'room.recover') ORDER BY hlc, id`,
    [RECOVERY_SUBJECT, RECOVERY_ACTOR],
  );
  // A version this build does not read (a newer build's) has no effect here.
  return rows.filter((r) => isKnownOp(r.type, r.v)).map(opFromRow);
}
