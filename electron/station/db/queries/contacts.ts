import type { Sql, SqlValue } from '../connection';
import { HANDLE_CHANNELS, describeIdentifier } from '../../../../shared/contacts/identifiers';

// Reading customers from the mention rows (migration 0018). Every query starts from a set of
// identifiers and finds the mentions carrying any of them through an index: handles through
// mentions_author (a handle is looked up with and without its @), emails and phones through
// their partial indexes, a lone mention by its id.

const HANDLE_IN = `(${HANDLE_CHANNELS.map((c) => `'${c}'`).join(', ')})`;

/** The identifiers of the mention row aliased `m`, as columns h, e, p, x (shared/contacts twin). */
function identifierColumns(m: string, prefix = ''): string {
  const handle = `CASE WHEN ${m}.channel IN ${HANDLE_IN} AND ltrim(${m}.author_handle, '@') <> ''
      THEN 'handle:' || ${m}.channel || ':' || ltrim(${m}.author_handle, '@') END`;
  return `${handle} AS ${prefix}h, 'email:' || ${m}.contact_email AS ${prefix}e,
    'phone:' || ${m}.contact_phone AS ${prefix}p,
    CASE WHEN (${handle}) IS NULL AND ${m}.contact_email IS NULL AND ${m}.contact_phone IS NULL
      THEN 'mention:' || ${m}.id END AS ${prefix}x`;
}

/** A row's identifiers as the columns above give them. */
export type IdentifierColumns = {
  h: string | null;
  e: string | null;
  p: string | null;
  x: string | null;
};

/** The identifiers of a row, in the order shared/contacts/identifiersOf gives them. */
export function identifiersOfRow(r: IdentifierColumns): string[] {
  return [r.h, r.e, r.p, r.x].filter((v): v is string => v !== null);
}

/**
 * A CTE `hit(seq)` of the mentions carrying any of these identifiers, and its parameters.
 * Identifiers of kinds this version does not know match nothing.
 */
function hitOf(identifiers: readonly string[]): { cte: string; params: SqlValue[] } {
  const handles: [string, string][] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  const mentions: string[] = [];
  for (const id of identifiers) {
    const d = describeIdentifier(id);
    if (d.kind === 'handle' && d.channel) handles.push([d.channel, d.value]);
    else if (d.kind === 'email') emails.push(d.value);
    else if (d.kind === 'phone') phones.push(d.value);
    else if (d.kind === 'mention' && d.channel) mentions.push(`${d.channel}:${d.value}`);
  }
  return {
    cte: `hit(seq) AS (
      SELECT m.seq FROM json_each(?) j JOIN mentions m
        ON m.author_handle IN (j.value ->> 1, '@' || (j.value ->> 1)) AND m.channel = j.value ->> 0
      UNION SELECT m.seq FROM mentions m WHERE m.contact_email IN (SELECT value FROM json_each(?))
      UNION SELECT m.seq FROM mentions m WHERE m.contact_phone IN (SELECT value FROM json_each(?))
      UNION SELECT m.seq FROM mentions m WHERE m.id IN (SELECT value FROM json_each(?)))`,
    params: [
      JSON.stringify(handles),
      JSON.stringify(emails),
      JSON.stringify(phones),
      JSON.stringify(mentions),
    ],
  };
}

/** The distinct identifier sets of the mentions carrying any of these identifiers. */
export async function identifiersBeside(
  sql: Sql,
  identifiers: readonly string[],
): Promise<IdentifierColumns[]> {
  if (identifiers.length === 0) return [];
  const hit = hitOf(identifiers);
  return sql.all<IdentifierColumns>(
    `WITH ${hit.cte}
     SELECT DISTINCT ${identifierColumns('m')} FROM mentions m WHERE m.seq IN hit`,
    hit.params,
  );
}

/** A page of the ids of the mentions carrying these identifiers, newest first. */
export async function contactMentionIds(
  sql: Sql,
  identifiers: readonly string[],
  offset: number,
  limit: number,
): Promise<string[]> {
  const hit = hitOf(identifiers);
  const rows = await sql.all<{ id: string }>(
    `WITH ${hit.cte}
     SELECT m.id FROM mentions m WHERE m.seq IN hit
     ORDER BY m.occurred_ms DESC, m.id DESC LIMIT ? OFFSET ?`,
    [...hit.params, limit, offset],
  );
  return rows.map((r) => r.id);
}

/** How many mentions carry these identifiers, by channel, and the latest name and place given. */
export async function contactFigures(
  sql: Sql,
  identifiers: readonly string[],
): Promise<{ byChannel: Record<string, number>; name: string | null; location: string | null }> {
  const hit = hitOf(identifiers);
  // One statement, so the customer's mentions are found once (the CTE is materialised).
  const latest = (column: string) =>
    `(SELECT ${column} FROM mentions WHERE seq IN hit AND trim(${column}) <> ''
      ORDER BY occurred_ms DESC, id DESC LIMIT 1)`;
  const rows = await sql.all<{
    channel: string;
    n: number;
    name: string | null;
    place: string | null;
  }>(
    `WITH ${hit.cte}
     SELECT channel, count(*) AS n, ${latest('author_name')} AS name, ${latest('location')} AS place
     FROM mentions WHERE seq IN hit GROUP BY channel ORDER BY channel`,
    hit.params,
  );
  const byChannel: Record<string, number> = {};
  for (const r of rows) byChannel[r.channel] = r.n;
  return { byChannel, name: rows[0]?.name ?? null, location: rows[0]?.place ?? null };
}

/** One end of a weaker signal: a mention of this customer and a mention of another. */
export type SignalRow = {
  signal: 'name-location' | 'reply-thread';
  ours: string;
  theirs: string;
} & IdentifierColumns & {
    oh: string | null;
    oe: string | null;
    op: string | null;
    ox: string | null;
  };

/**
 * Mentions of other customers that share a name and place with this one's, or that this one's
 * replied to or were replied to by this one's: the evidence for suggested merges, newest first.
 * Columns h/e/p/x are the other mention's identifiers; oh/oe/op/ox this customer's mention's.
 */
export async function signalsOf(
  sql: Sql,
  identifiers: readonly string[],
  limit = 100,
): Promise<SignalRow[]> {
  const hit = hitOf(identifiers);
  const cols = `${identifierColumns('t')}, ${identifierColumns('o', 'o')}`;
  // CROSS JOIN keeps this customer's mentions outermost: the planner, without statistics, would
  // otherwise walk a whole signal index and probe the customer for each entry.
  return sql.all<SignalRow>(
    `WITH ${hit.cte},
     places(k) AS (
       SELECT DISTINCT contact_name_place FROM mentions
       WHERE seq IN hit AND contact_name_place IS NOT NULL ORDER BY contact_name_place LIMIT 20),
     ours(seq, k) AS (
       SELECT (SELECT o.seq FROM mentions o WHERE o.seq IN hit AND o.contact_name_place = places.k
               ORDER BY o.occurred_ms DESC, o.id DESC LIMIT 1), k FROM places)
     SELECT * FROM (
       SELECT 'name-location' AS signal, o.id AS ours, t.id AS theirs, t.occurred_ms AS at, ${cols}
       FROM ours CROSS JOIN mentions o ON o.seq = ours.seq
       CROSS JOIN mentions t ON t.contact_name_place = ours.k
       WHERE t.seq NOT IN hit
       UNION ALL
       SELECT 'reply-thread', o.id, t.id, t.occurred_ms, ${cols}
       FROM hit CROSS JOIN mentions o ON o.seq = hit.seq CROSS JOIN mentions t ON t.id = o.reply_to
       WHERE o.reply_to IS NOT NULL AND t.seq NOT IN hit
       UNION ALL
       SELECT 'reply-thread', o.id, t.id, t.occurred_ms, ${cols}
       FROM hit CROSS JOIN mentions o ON o.seq = hit.seq CROSS JOIN mentions t ON t.reply_to = o.id
       WHERE t.seq NOT IN hit)
     ORDER BY at DESC, theirs, ours LIMIT ?`,
    [...hit.params, limit],
  );
}

/** The identifiers of one mention's author (none when the mention is not held). */
export async function identifiersOfMention(sql: Sql, mentionId: string): Promise<string[]> {
  const row = await sql.get<IdentifierColumns>(
    `SELECT ${identifierColumns('m')} FROM mentions m WHERE m.id = ?`,
    [mentionId],
  );
  return row ? identifiersOfRow(row) : [];
}

/** How many mentions carry these identifiers, and the department of the latest (routing). */
export async function contactHistory(
  sql: Sql,
  identifiers: readonly string[],
): Promise<{ mentions: number; lastDepartment: string | null }> {
  if (identifiers.length === 0) return { mentions: 0, lastDepartment: null };
  const hit = hitOf(identifiers);
  const row = await sql.get<{ n: number; last: string | null }>(
    `WITH ${hit.cte}
     SELECT count(*) AS n,
       (SELECT department FROM mentions WHERE seq IN hit
        ORDER BY occurred_ms DESC, id DESC LIMIT 1) AS last
     FROM mentions WHERE seq IN hit`,
    hit.params,
  );
  return { mentions: row?.n ?? 0, lastDepartment: row?.last ?? null };
}
