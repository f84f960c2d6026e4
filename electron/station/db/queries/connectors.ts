import type { Sql } from '../connection';

// Local-only connector state (migration 0019): cursors, keys already taken in, last health.

/** A connector's stored cursor (JSON text), if any. */
export async function cursorOf(sql: Sql, connectorId: string): Promise<string | undefined> {
  return (
    await sql.get<{ value: string }>('SELECT value FROM connector_cursors WHERE connector_id = ?', [
      connectorId,
    ])
  )?.value;
}

/** Stores a connector's cursor (JSON text). */
export async function putCursor(sql: Sql, connectorId: string, value: string): Promise<void> {
  await sql.run(
    `INSERT INTO connector_cursors (connector_id, value, saved_at) VALUES (?, ?, ?)
     ON CONFLICT (connector_id) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at`,
    [connectorId, value, new Date().toISOString()],
  );
}

// Keys per query: well under SQLite's 32,766 bound parameters.
const KEYS_PER_QUERY = 500;

/** Which of `keys` the connector has already taken in. */
export async function seenAmong(
  sql: Sql,
  connectorId: string,
  keys: readonly string[],
): Promise<Set<string>> {
  const held = new Set<string>();
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const chunk = keys.slice(i, i + KEYS_PER_QUERY);
    const rows = await sql.all<{ key: string }>(
      `SELECT key FROM connector_seen WHERE connector_id = ? AND key IN (${chunk.map(() => '?').join(',')})`,
      [connectorId, ...chunk],
    );
    for (const r of rows) held.add(r.key);
  }
  return held;
}

/** Records keys as taken in (already-held keys keep their first time). */
export async function addSeen(
  sql: Sql,
  connectorId: string,
  keys: readonly string[],
  atMs: number,
): Promise<void> {
  if (keys.length === 0) return;
  await sql.insertRows(
    'INSERT INTO connector_seen (connector_id, key, seen_ms)',
    3,
    keys.map((k) => [connectorId, k, atMs]),
    'ON CONFLICT DO NOTHING',
  );
}

/** Forgets the oldest keys of a connector beyond the newest `keep`. */
export async function pruneSeen(sql: Sql, connectorId: string, keep: number): Promise<number> {
  const r = await sql.run(
    `DELETE FROM connector_seen WHERE connector_id = ? AND key IN (
       SELECT key FROM connector_seen WHERE connector_id = ?
       ORDER BY seen_ms DESC LIMIT -1 OFFSET ?)`,
    [connectorId, connectorId, keep],
  );
  return r.changes;
}

/** A connector's last stored health (JSON text), if any. */
export async function healthOf(sql: Sql, connectorId: string): Promise<string | undefined> {
  return (
    await sql.get<{ value: string }>('SELECT value FROM connector_health WHERE connector_id = ?', [
      connectorId,
    ])
  )?.value;
}

/** Stores a connector's health (JSON text). */
export async function putHealth(sql: Sql, connectorId: string, value: string): Promise<void> {
  await sql.run(
    `INSERT INTO connector_health (connector_id, value) VALUES (?, ?)
     ON CONFLICT (connector_id) DO UPDATE SET value = excluded.value`,
    [connectorId, value],
  );
}
