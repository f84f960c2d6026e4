import type { Sql } from '../connection';
import type { Department } from '../../../../shared/domain/people';
import type { RosterState, ShiftState } from '../../../../shared/domain/roster';
import { hlcToIso } from '../../../../shared/sync/hlc';

/** Writes (or, with null, removes) an operator's folded roster state. */
export async function putRoster(tx: Sql, operatorId: string, s: RosterState | null): Promise<void> {
  if (!s) {
    await tx.run('DELETE FROM roster WHERE operator_id = ?', [operatorId]);
    return;
  }
  await tx.run(
    `INSERT INTO roster (operator_id, checked_in, department, skills, capacity, since, desk_station, updated_hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (operator_id) DO UPDATE SET checked_in = excluded.checked_in,
       department = excluded.department, skills = excluded.skills, capacity = excluded.capacity,
       since = excluded.since, desk_station = excluded.desk_station, updated_hlc = excluded.updated_hlc`,
    [
      operatorId,
      s.checkedIn ? 1 : 0,
      s.department,
      JSON.stringify(s.skills),
      s.capacity,
      hlcToIso(s.sinceHlc),
      s.deskStation,
      s.updatedHlc,
    ],
  );
}

/** Writes (or, with null, removes) a planned shift's folded state. */
export async function putShift(tx: Sql, shiftId: string, s: ShiftState | null): Promise<void> {
  if (!s) {
    await tx.run('DELETE FROM shifts WHERE id = ?', [shiftId]);
    return;
  }
  await tx.run(
    `INSERT INTO shifts (id, operator_id, department, start, end, note, cancelled, updated_hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET operator_id = excluded.operator_id,
       department = excluded.department, start = excluded.start, end = excluded.end,
       note = excluded.note, cancelled = excluded.cancelled, updated_hlc = excluded.updated_hlc`,
    [
      shiftId,
      s.operatorId,
      s.department,
      s.start,
      s.end,
      s.note,
      s.cancelled ? 1 : 0,
      s.updatedHlc,
    ],
  );
}

/** An operator on shift, as routing and the roster dialog see them. */
export type OnShift = {
  operatorId: string;
  displayName: string;
  department: Department | null;
  skills: string[];
  capacity: number;
  /** ISO time of their check-in. */
  since: string | null;
  /** Open mentions they hold by a claim. */
  load: number;
  deskStation: string | null;
};

type OnShiftRow = {
  operator_id: string;
  display_name: string | null;
  department: Department | null;
  skills: string;
  capacity: number;
  since: string | null;
  load: number;
  desk_station: string | null;
};

/** Operators checked in now (optionally of one department), with the mentions they hold. */
export async function checkedInOperators(sql: Sql, department?: Department): Promise<OnShift[]> {
  const rows = await sql.all<OnShiftRow>(
    `SELECT r.operator_id, o.display_name, r.department, r.skills, r.capacity, r.since,
       r.desk_station,
       (SELECT count(*) FROM mentions m WHERE m.claim_operator = r.operator_id) AS load
     FROM roster r LEFT JOIN operators o ON o.id = r.operator_id
     WHERE r.checked_in = 1 AND (?1 IS NULL OR r.department = ?1)
     ORDER BY r.department, o.display_name, r.operator_id`,
    [department ?? null],
  );
  return rows.map((r) => ({
    operatorId: r.operator_id,
    displayName: r.display_name ?? r.operator_id,
    department: r.department,
    skills: JSON.parse(r.skills) as string[],
    capacity: r.capacity,
    since: r.since,
    load: r.load,
    deskStation: r.desk_station,
  }));
}

/** One operator's roster row (absent: never checked in). */
export async function rosterOf(
  sql: Sql,
  operatorId: string,
): Promise<{
  checkedIn: boolean;
  department: Department | null;
  deskStation: string | null;
} | null> {
  const r = await sql.get<{
    checked_in: number;
    department: Department | null;
    desk_station: string | null;
  }>('SELECT checked_in, department, desk_station FROM roster WHERE operator_id = ?', [operatorId]);
  return r
    ? { checkedIn: r.checked_in === 1, department: r.department, deskStation: r.desk_station }
    : null;
}

/** A planned shift as desks see it. */
export type ShiftRow = {
  id: string;
  operatorId: string;
  displayName: string;
  department: Department;
  start: string;
  end: string;
  note: string | null;
};

/** Shifts not cancelled that overlap [from, to), earliest first. */
export async function shiftsBetween(sql: Sql, from: string, to: string): Promise<ShiftRow[]> {
  const rows = await sql.all<{
    id: string;
    operator_id: string;
    display_name: string | null;
    department: Department;
    start: string;
    end: string;
    note: string | null;
  }>(
    `SELECT s.id, s.operator_id, o.display_name, s.department, s.start, s.end, s.note
     FROM shifts s LEFT JOIN operators o ON o.id = s.operator_id
     WHERE s.cancelled = 0 AND s.start < ? AND s.end > ? ORDER BY s.start, s.id LIMIT 500`,
    [to, from],
  );
  return rows.map((r) => ({
    id: r.id,
    operatorId: r.operator_id,
    displayName: r.display_name ?? r.operator_id,
    department: r.department,
    start: r.start,
    end: r.end,
    note: r.note,
  }));
}

/** Whether a shift is stored (cancelled or not). */
export async function shiftExists(sql: Sql, shiftId: string): Promise<boolean> {
  return Boolean(await sql.get('SELECT 1 AS x FROM shifts WHERE id = ?', [shiftId]));
}

/**
 * Operators on shift whose desk was on this station: the scheduler judges them (expired
 * accounts, idle desks) so two stations do not both decide.
 */
export async function localCheckedIn(
  sql: Sql,
  stationId: string,
): Promise<{ operatorId: string; since: string | null; expiresAt: string | null }[]> {
  const rows = await sql.all<{
    operator_id: string;
    since: string | null;
    expires_at: string | null;
  }>(
    `SELECT r.operator_id, r.since, o.expires_at FROM roster r
     LEFT JOIN operators o ON o.id = r.operator_id
     WHERE r.checked_in = 1 AND r.desk_station = ?`,
    [stationId],
  );
  return rows.map((r) => ({ operatorId: r.operator_id, since: r.since, expiresAt: r.expires_at }));
}

/** Account expiry times (ISO, null: never) of these operators, for the roster fold. */
export async function expiriesOf(
  sql: Sql,
  operatorIds: readonly string[],
): Promise<Map<string, string | null>> {
  const rows = await sql.all<{ id: string; expires_at: string | null }>(
    `SELECT o.id, o.expires_at FROM json_each(?) j JOIN operators o ON o.id = j.value`,
    [JSON.stringify(operatorIds)],
  );
  return new Map(rows.map((r) => [r.id, r.expires_at]));
}

/** Operators on shift whose account has expired by nowIso (any station may check them out). */
export async function expiredCheckedIn(sql: Sql, nowIso: string): Promise<string[]> {
  const rows = await sql.all<{ operator_id: string }>(
    `SELECT r.operator_id FROM roster r JOIN operators o ON o.id = r.operator_id
     WHERE r.checked_in = 1 AND o.expires_at IS NOT NULL AND o.expires_at <= ?`,
    [nowIso],
  );
  return rows.map((r) => r.operator_id);
}
