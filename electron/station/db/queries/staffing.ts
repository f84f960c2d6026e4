import type { Sql } from '../connection';
import type { Verdict } from '../../../../shared/domain/mention-state';
import type { StaffingTransition } from '../../../../shared/staffing/staffing-machine';
import {
  DEFAULT_STAFFING_THRESHOLDS,
  type StaffingThresholds,
} from '../../../../shared/staffing/staffing-thresholds';

const WALL_DIGITS = 15;
/** The smallest HLC at or after a wall-clock moment (HLCs sort as strings). */
const hlcFloor = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(WALL_DIGITS, '0');
// Measurements look at the newest rows only, so a room of millions of mentions costs the same.
const RECENT_ROWS = 100_000;

/** An event's row as the reducer writes it. */
export type EventRowInput = {
  id: string;
  name: string;
  start: string;
  end: string;
  brands: string[];
  topics: string[];
  forecast: unknown;
  savedBy: string;
  savedHlc: string;
  cancelledHlc: string | null;
};

/** An event as stored. */
export type EventRow = {
  id: string;
  name: string;
  start_at: string;
  end_at: string;
  brands: string;
  topics: string;
  forecast: string;
  saved_by: string;
  saved_hlc: string;
  cancelled_hlc: string | null;
};

/** Writes (or replaces) an event. */
export async function writeEvent(tx: Sql, e: EventRowInput): Promise<void> {
  await tx.run(
    `INSERT OR REPLACE INTO events (id, name, start_at, end_at, brands, topics, forecast, saved_by,
       saved_hlc, cancelled_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      e.id,
      e.name,
      e.start,
      e.end,
      JSON.stringify(e.brands),
      JSON.stringify(e.topics),
      JSON.stringify(e.forecast),
      e.savedBy,
      e.savedHlc,
      e.cancelledHlc,
    ],
  );
}

/** Removes an event (no applied save of it is held). */
export async function deleteEvent(tx: Sql, id: string): Promise<void> {
  await tx.run('DELETE FROM events WHERE id = ?', [id]);
}

/** Every event, soonest first. */
export async function listEvents(sql: Sql): Promise<EventRow[]> {
  return sql.all<EventRow>('SELECT * FROM events ORDER BY start_at, id LIMIT 500');
}

/** One event. */
export async function eventById(sql: Sql, id: string): Promise<EventRow | undefined> {
  return sql.get<EventRow>('SELECT * FROM events WHERE id = ?', [id]);
}

/** The event running at an ISO moment (the earliest-starting, when several overlap). */
export async function activeEvent(sql: Sql, iso: string): Promise<EventRow | undefined> {
  return sql.get<EventRow>(
    `SELECT * FROM events WHERE cancelled_hlc IS NULL AND start_at <= ? AND end_at > ?
     ORDER BY start_at, id LIMIT 1`,
    [iso, iso],
  );
}

/** The staffing fold's cached state. */
export type StaffingStateRow = {
  engine: number;
  level: string;
  since: number;
  mode: string;
  summary: string;
  measurements: string | null;
  measured_at: number | null;
  snapshot: string;
  last_hlc: string;
  last_op: string;
};

/** The cached staffing state, if any staffing op was folded. */
export async function staffingState(sql: Sql): Promise<StaffingStateRow | undefined> {
  return sql.get<StaffingStateRow>(`SELECT * FROM staffing_state WHERE id = 'room'`);
}

/** Writes the cached staffing state. */
export async function writeStaffingState(tx: Sql, s: StaffingStateRow): Promise<void> {
  await tx.run(
    `INSERT OR REPLACE INTO staffing_state (id, engine, level, since, mode, summary, measurements,
       measured_at, snapshot, last_hlc, last_op) VALUES ('room', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      s.engine,
      s.level,
      s.since,
      s.mode,
      s.summary,
      s.measurements,
      s.measured_at,
      s.snapshot,
      s.last_hlc,
      s.last_op,
    ],
  );
}

/** Forgets the staffing fold (before folding every staffing op again). */
export async function clearStaffing(tx: Sql): Promise<void> {
  await tx.run(`DELETE FROM staffing_state`);
  await tx.run(`DELETE FROM staffing_changes`);
}

/** Records one change of level, caused by one op. */
export async function insertStaffingChange(
  tx: Sql,
  opId: string,
  hlc: string,
  t: StaffingTransition,
): Promise<void> {
  await tx.run(
    `INSERT OR REPLACE INTO staffing_changes (op_id, hlc, at, from_level, to_level, why, by, banner,
       notify_reserves) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [opId, hlc, t.at, t.from, t.to, t.summary, t.by?.id ?? null, +t.banner, +t.notifyReserves],
  );
}

/** A change of level as stored. */
export type StaffingChangeRow = {
  op_id: string;
  hlc: string;
  at: number;
  from_level: string;
  to_level: string;
  why: string;
  by: string | null;
  banner: number;
  notify_reserves: number;
};

/** The latest changes of level, newest first. */
export async function recentStaffingChanges(sql: Sql, limit = 50): Promise<StaffingChangeRow[]> {
  return sql.all<StaffingChangeRow>(
    'SELECT * FROM staffing_changes ORDER BY hlc DESC, op_id DESC LIMIT ?',
    [limit],
  );
}

/** Mentions recorded at or after a moment (among the newest rows). */
export async function mentionsRecordedSince(sql: Sql, sinceMs: number): Promise<number> {
  const row = await sql.get<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT recorded_hlc FROM mentions ORDER BY seq DESC LIMIT ?)
     WHERE recorded_hlc >= ?`,
    [RECENT_ROWS, hlcFloor(sinceMs)],
  );
  return row?.n ?? 0;
}

/** Open mentions nobody holds, and when the oldest of them was recorded (ms). */
export async function waitingMentions(
  sql: Sql,
): Promise<{ count: number; oldestMs: number | null }> {
  const row = await sql.get<{ n: number; oldest: string | null }>(
    `SELECT count(*) AS n, min(recorded_hlc) AS oldest FROM mentions
     WHERE status = 'open' AND claim_operator IS NULL`,
  );
  return {
    count: row?.n ?? 0,
    oldestMs: row?.oldest ? Number(row.oldest.slice(0, WALL_DIGITS)) : null,
  };
}

/**
 * Answers recorded at or after a moment, each with the seconds from its mention being recorded
 * and from the answering operator's latest claim of it (null when they answered unclaimed).
 */
export async function answersSince(
  sql: Sql,
  sinceMs: number,
): Promise<{ sinceRecorded: number; sinceClaim: number | null }[]> {
  const rows = await sql.all<{ answer: string; recorded: string | null; claim: string | null }>(
    `SELECT a.hlc AS answer, m.recorded_hlc AS recorded,
       (SELECT c.hlc FROM ops c WHERE c.subject = a.subject AND c.type = 'mention.claim'
          AND c.actor = a.actor AND c.hlc < a.hlc ORDER BY c.hlc DESC LIMIT 1) AS claim
     FROM (SELECT hlc, subject, actor, type FROM ops ORDER BY rowid DESC LIMIT ?) a
     LEFT JOIN mentions m ON m.id = a.subject
     WHERE a.type = 'mention.answer' AND a.hlc >= ?`,
    [RECENT_ROWS, hlcFloor(sinceMs)],
  );
  const wall = (h: string) => Number(h.slice(0, WALL_DIGITS));
  return rows.map((r) => ({
    sinceRecorded: r.recorded ? (wall(r.answer) - wall(r.recorded)) / 1000 : 0,
    sinceClaim: r.claim ? (wall(r.answer) - wall(r.claim)) / 1000 : null,
  }));
}

/** Whether the roster table (issue "Surge staffing": check-ins) is in this schema yet. */
export async function hasRoster(sql: Sql): Promise<boolean> {
  const row = await sql.get<{ n: number }>(
    `SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'roster'`,
  );
  return (row?.n ?? 0) > 0;
}

/** Operators checked in on the roster. */
export async function checkedIn(sql: Sql): Promise<number> {
  const row = await sql.get<{ n: number }>('SELECT count(*) AS n FROM roster WHERE checked_in = 1');
  return row?.n ?? 0;
}

/** Records what ops did, keeping the effects already recorded for the subject. */
export async function addEffects(tx: Sql, subject: string, verdicts: readonly Verdict[]) {
  if (verdicts.length === 0) return;
  await tx.run(
    `INSERT OR REPLACE INTO op_effects (op_id, subject, effect, reason)
     SELECT value->>0, ?, value->>1, value->>2 FROM json_each(?)`,
    [subject, JSON.stringify(verdicts.map((v) => [v.opId, v.effect, v.reason]))],
  );
}

/** The changes of level these ops caused that call the reserves in. */
export async function reserveCallsBy(
  sql: Sql,
  opIds: readonly string[],
): Promise<StaffingChangeRow[]> {
  if (opIds.length === 0) return [];
  return sql.all<StaffingChangeRow>(
    `SELECT * FROM staffing_changes WHERE notify_reserves = 1
       AND op_id IN (SELECT value FROM json_each(?)) ORDER BY hlc`,
    [JSON.stringify(opIds)],
  );
}

/**
 * The thresholds the staffing fold is using (its machine's context), and whether they are the
 * room's own or the defaults.
 */
export function thresholdsOf(state: StaffingStateRow | undefined): {
  thresholds: StaffingThresholds;
  thresholdsSource: 'default' | 'room';
} {
  const ctx = state
    ? (JSON.parse(state.snapshot) as { context?: { thresholds?: StaffingThresholds } }).context
    : undefined;
  const thresholds = ctx?.thresholds ?? DEFAULT_STAFFING_THRESHOLDS;
  const same = JSON.stringify(thresholds) === JSON.stringify(DEFAULT_STAFFING_THRESHOLDS);
  return { thresholds, thresholdsSource: same ? 'default' : 'room' };
}
