import type { Sql } from '../db/connection';
import { roomConfig } from '../db/queries/routing';
import type { StaffingChangeRow } from '../db/queries/staffing';
import type { ReserveCallView } from '../../../shared/contract/staffing';
import type { Reserve, ReserveOutcome } from '../../../shared/staffing/reserves';
import type { StaffingLevel } from '../../../shared/staffing/staffing-machine';
import { hlcToIso } from '../../../shared/sync/hlc';

/** The room's reserves list (empty until a lead keeps one). */
export async function reservesOf(sql: Sql): Promise<Reserve[]> {
  const row = await roomConfig(sql, 'reserves');
  return row ? (JSON.parse(row.value) as Reserve[]) : [];
}

/**
 * The call-in under way: the latest level change that called the reserves, while the room has
 * not fallen back below elevated since (changes come newest first), with what each call came to.
 */
export async function reserveCallOf(
  sql: Sql,
  changes: readonly StaffingChangeRow[],
  named: (text: string) => string,
): Promise<ReserveCallView | null> {
  const call = changes.find((c) => c.notify_reserves === 1);
  if (!call) return null;
  const since = changes.slice(0, changes.indexOf(call));
  if (since.some((c) => c.to_level === 'normal' || c.to_level === 'standDown')) return null;
  const rows = await sql.all<{ reserve_id: string; outcome: string; by: string; hlc: string }>(
    'SELECT reserve_id, outcome, by, hlc FROM reserve_calls WHERE change_op = ? ORDER BY hlc',
    [call.op_id],
  );
  return {
    changeOp: call.op_id,
    to: call.to_level as StaffingLevel,
    at: new Date(call.at).toISOString(),
    why: named(call.why),
    calls: rows.map((r) => ({
      reserveId: r.reserve_id,
      outcome: r.outcome as ReserveOutcome,
      by: named(r.by),
      at: hlcToIso(r.hlc),
    })),
  };
}
