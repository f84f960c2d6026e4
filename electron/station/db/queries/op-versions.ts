import type { Sql } from '../connection';

/**
 * Stored ops past a rowid counted by type and version, with the last rowid counted, in one
 * statement (one snapshot). From 0 it scans the whole log: it has no index by type.
 */
export async function opsByTypeAndVersion(
  sql: Sql,
  afterRowid = 0,
): Promise<{ rows: { type: string; v: number; n: number }[]; lastRowid: number }> {
  const rows = await sql.all<{ type: string; v: number; n: number; top: number }>(
    `SELECT type, v, count(*) AS n, max(rowid) AS top FROM ops WHERE rowid > ? GROUP BY type, v`,
    [afterRowid],
  );
  return {
    rows: rows.map(({ type, v, n }) => ({ type, v, n })),
    lastRowid: rows.reduce((m, r) => Math.max(m, r.top), afterRowid),
  };
}
