import type { Sql } from '../connection';

/** The room's closure, when it is closed (read-only). */
export type RoomClosure = { opId: string; hlc: string; by: string; reason: string | null };

/** Whether, since when and by whom the room is closed (null: open). */
export async function roomClosureOf(sql: Sql): Promise<RoomClosure | null> {
  const row = await sql.get<{
    op_id: string;
    closed_hlc: string;
    closed_by: string;
    reason: string | null;
  }>('SELECT op_id, closed_hlc, closed_by, reason FROM room_closure WHERE id = 1');
  return row
    ? { opId: row.op_id, hlc: row.closed_hlc, by: row.closed_by, reason: row.reason }
    : null;
}

/** Writes the folded closure state. */
export async function putRoomClosure(tx: Sql, closure: RoomClosure | null): Promise<void> {
  await tx.run('DELETE FROM room_closure');
  if (closure)
    await tx.run(
      'INSERT INTO room_closure (id, op_id, closed_hlc, closed_by, reason) VALUES (1, ?, ?, ?, ?)',
      [closure.opId, closure.hlc, closure.by, closure.reason],
    );
}
