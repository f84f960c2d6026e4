import { isRehearsal } from '../../shared/domain/room-mode';
import type { Sql } from '../station/db/connection';
import { staffingState, waitingMentions } from '../station/db/queries/staffing';

/** What the tray shows of the war room. */
export type TrayState = {
  warRoom: string | null;
  drill: boolean;
  /** The staffing level (normal, elevated, surge…), or null before any was measured. */
  level: string | null;
  /** Open mentions nobody holds, and how long the oldest has waited (minutes). */
  waiting: number;
  oldestMinutes: number | null;
  /** Playbook runs still open, and the worst severity among them (SEV1 is worst). */
  openRuns: number;
  worstSeverity: string | null;
};

/** Reads the tray's figures from the station (a handful of indexed counts). */
export async function readTrayState(sql: Sql, now: number): Promise<TrayState> {
  const room = await sql.get<{ name: string; mode: string }>('SELECT name, mode FROM room LIMIT 1');
  const staffing = await staffingState(sql);
  const waiting = await waitingMentions(sql);
  const runs = await sql.get<{ n: number; worst: string | null }>(
    'SELECT count(*) AS n, min(severity) AS worst FROM runs WHERE closed_at IS NULL',
  );
  return {
    warRoom: room?.name ?? null,
    drill: isRehearsal(room?.mode),
    level: staffing?.level ?? null,
    waiting: waiting.count,
    oldestMinutes:
      waiting.oldestMs === null ? null : Math.max(0, Math.floor((now - waiting.oldestMs) / 60_000)),
    openRuns: runs?.n ?? 0,
    worstSeverity: runs?.worst ?? null,
  };
}

/** The tray's tooltip and menu lines for a state (plain text, one fact per line). */
export function trayLines(s: TrayState): string[] {
  const lines = [`Holdline — ${s.warRoom ?? 'no war room yet'}${s.drill ? ' (DRILL)' : ''}`];
  if (s.openRuns > 0)
    lines.push(
      `${s.openRuns} open incident${s.openRuns === 1 ? '' : 's'}, worst ${s.worstSeverity}`,
    );
  if (s.level) lines.push(`Staffing: ${s.level}`);
  lines.push(
    s.waiting === 0
      ? 'Nobody waiting'
      : `${s.waiting} waiting${s.oldestMinutes === null ? '' : `, oldest ${s.oldestMinutes} min`}`,
  );
  return lines;
}
