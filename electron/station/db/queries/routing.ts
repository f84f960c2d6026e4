import type { Sql } from '../connection';
import { CHANNELS } from '../../../../shared/domain/mention';
import { MENTION_ROUTING_OPS } from '../../ops/routing-payloads';
import {
  DEFAULT_SLA_TARGETS,
  SlaTargetsSchema,
  type SlaTargets,
} from '../../../../shared/routing/sla';

/** The op types that route a mention or mark its breach, as an SQL list (`'a', 'b'`). */
export const MENTION_ROUTING_TYPES = MENTION_ROUTING_OPS.map((t) => `'${t}'`).join(', ');

/** Columns routing and SLA add to a mention (besides the content columns ingest derives). */
export const MENTION_ROUTING_COLUMNS = [
  'route_op',
  'route_by',
  'route_hlc',
  'route_reason',
  'sla_due',
  'sla_warn_at',
  'sla_breach_op',
  'sla_breach_hlc',
];

/** Where slaDueSql reads a mention's priority, channel and record HLC (columns or expressions). */
export type SlaInputs = { priority: string; channel: string; recordedHlc: string };

/**
 * SQL expressions for a mention's first-response due and warning times (epoch ms) under `t`,
 * over the columns of `mentions` by default. Built from validated numbers and channel names only.
 */
export function slaDueSql(
  t: SlaTargets,
  on: Partial<SlaInputs> = {},
): { due: string; warn: string } {
  const { priority = 'priority', channel = 'channel', recordedHlc = 'recorded_hlc' } = on;
  const bands = [...t.bands].sort((a, b) => b.minPriority - a.minPriority);
  const bandMs = `CASE ${bands
    .map((b) => `WHEN ${priority} >= ${b.minPriority} THEN ${b.minutes * 60_000}`)
    .join(' ')} ELSE ${(bands.at(-1)?.minutes ?? 0) * 60_000} END`;
  const factors = CHANNELS.filter((c) => t.channelFactors[c] !== undefined);
  const factor =
    factors.length === 0
      ? '1'
      : `CASE ${channel} ${factors.map((c) => `WHEN '${c}' THEN ${t.channelFactors[c] ?? 1}`).join(' ')} ELSE 1 END`;
  const ms = `round((${bandMs}) * (${factor}))`;
  const rec = `CAST(substr(${recordedHlc}, 1, 15) AS INTEGER)`;
  return {
    due: `${rec} + CAST(${ms} AS INTEGER)`,
    warn: `${rec} + CAST(round(${ms} * ${t.warnAtShare}) AS INTEGER)`,
  };
}

/** The SQL that sets due times of the mentions a WHERE clause picks (placeholders after it). */
function updateSla(t: SlaTargets, where: string): string {
  // The SLA follows the priority before any breach raise: a breach must not move its own due time.
  const base = 'coalesce(base_priority, priority)';
  const { due, warn } = slaDueSql(t, { priority: base });
  return `UPDATE mentions SET sla_due = ${due}, sla_warn_at = ${warn} WHERE ${where}`;
}

/** A mention's highest seq (to find the rows an ingest adds). */
export async function maxMentionSeq(sql: Sql): Promise<number> {
  return (await sql.first<{ m: number | null }>('SELECT max(seq) AS m FROM mentions'))?.m ?? 0;
}

/**
 * Sets SLA due times of the mentions already held that `ids` names (a replica given an earlier
 * copy of a mention: its record time moved). Mentions added after `afterSeq` got theirs when they
 * were derived (mention-writes.ts deriveIngested): a second pass over every new row cost a bulk
 * import a third of its speed.
 */
export async function setSlaOfIngested(
  tx: Sql,
  t: SlaTargets,
  afterSeq: number,
  ids: readonly string[],
): Promise<void> {
  if (ids.length > 0)
    await tx.run(updateSla(t, 'seq <= ? AND id IN (SELECT value FROM json_each(?))'), [
      afterSeq,
      JSON.stringify(ids),
    ]);
}

/** Sets every mention's SLA due time (the room's targets changed). */
export async function setSlaOfAll(tx: Sql, t: SlaTargets): Promise<void> {
  await tx.run(updateSla(t, '1'));
}

/** A room-wide setting in force (routing rules, SLA targets), or undefined for the default. */
export type RoomConfigRow = {
  key: string;
  value: string;
  op_id: string;
  hlc: string;
  actor: string;
};

/** Reads a room setting. */
export async function roomConfig(
  sql: Sql,
  key: string,
): Promise<Readonly<RoomConfigRow> | undefined> {
  return sql.memo(`room_config:${key}`, ['room_config'], () =>
    sql.get<RoomConfigRow>('SELECT * FROM room_config WHERE key = ?', [key]),
  );
}

/** Writes (or, with null, clears) a room setting. */
export async function putRoomConfig(
  tx: Sql,
  key: string,
  row: Omit<RoomConfigRow, 'key'> | null,
): Promise<void> {
  if (row === null) await tx.run('DELETE FROM room_config WHERE key = ?', [key]);
  else
    await tx.run(
      `INSERT INTO room_config (key, value, op_id, hlc, actor) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, op_id = excluded.op_id,
         hlc = excluded.hlc, actor = excluded.actor`,
      [key, row.value, row.op_id, row.hlc, row.actor],
    );
}

/** The room's SLA targets in force. */
export async function slaTargetsOf(sql: Sql): Promise<SlaTargets> {
  const row = await roomConfig(sql, 'sla');
  if (!row) return DEFAULT_SLA_TARGETS;
  const parsed = SlaTargetsSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_SLA_TARGETS;
}

/** What one mention's routing fold reads. */
export type MentionRoutingRow = {
  routed_department: string | null;
  routed_priority: number;
  status: string;
  status_at: string | null;
};

/** The ingest-routed department and priority of a mention, or undefined when it is not here. */
export async function routedOf(sql: Sql, id: string): Promise<MentionRoutingRow | undefined> {
  return sql.get<MentionRoutingRow>(
    'SELECT routed_department, routed_priority, status, status_at FROM mentions WHERE id = ?',
    [id],
  );
}

/** A mention's routing as its ops fold it. */
export type MentionRouteState = {
  department: string | null;
  priority: number;
  basePriority: number;
  route: { op: string; by: string; hlc: string; reason: string } | null;
  breach: { op: string; hlc: string } | null;
};

/** Writes a mention's folded routing and re-times its SLA. */
export async function writeMentionRouting(
  tx: Sql,
  id: string,
  s: MentionRouteState,
  t: SlaTargets,
): Promise<void> {
  await tx.run(
    `UPDATE mentions SET department = ?, priority = ?, base_priority = ?, route_op = ?,
       route_by = ?, route_hlc = ?, route_reason = ?, sla_breach_op = ?, sla_breach_hlc = ?
     WHERE id = ?`,
    [
      s.department,
      s.priority,
      s.basePriority,
      s.route?.op ?? null,
      s.route?.by ?? null,
      s.route?.hlc ?? null,
      s.route?.reason ?? null,
      s.breach?.op ?? null,
      s.breach?.hlc ?? null,
      id,
    ],
  );
  await tx.run(updateSla(t, 'id = ?'), [id]);
}

/** Open mentions past their due time and not yet breached (the scheduler's work). */
export async function dueUnbreached(
  sql: Sql,
  now: number,
  limit = 500,
): Promise<{ id: string; sla_due: number }[]> {
  return sql.all(
    `SELECT id, sla_due FROM mentions
     WHERE status = 'open' AND sla_breach_op IS NULL AND sla_due <= ?
     ORDER BY sla_due LIMIT ?`,
    [now, limit],
  );
}

/** The earliest due time still ahead among open unbreached mentions (when to look again). */
export async function nextDue(sql: Sql): Promise<number | null> {
  const row = await sql.get<{ d: number | null }>(
    `SELECT min(sla_due) AS d FROM mentions WHERE status = 'open' AND sla_breach_op IS NULL`,
  );
  return row?.d ?? null;
}

/** Those of `ids` with re-route or breach ops (a replica may hold them before the mention). */
export async function withRoutingOps(sql: Sql, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sql.all<{ subject: string }>(
    `SELECT DISTINCT o.subject FROM json_each(?) j JOIN ops o ON o.subject = j.value
     WHERE o.type IN (${MENTION_ROUTING_TYPES})`,
    [JSON.stringify(ids)],
  );
  return rows.map((r) => r.subject);
}

/** Routing ops by these actors (their role changed: re-judge what they did). */
export async function routingOpsByActors(
  sql: Sql,
  actors: readonly string[],
): Promise<{ type: string; subject: string }[]> {
  if (actors.length === 0) return [];
  return sql.all(
    `SELECT DISTINCT type, subject FROM ops
     WHERE actor IN (SELECT value FROM json_each(?))
       AND type IN ('routing.set', 'sla.set', 'mention.route') AND subject IS NOT NULL`,
    [JSON.stringify(actors)],
  );
}
