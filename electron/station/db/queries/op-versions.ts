import type { Sql } from '../connection';
import type { Op } from '../../ops/op';
import { opFromRow } from './ops';

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

type OpRowOf = Parameters<typeof opFromRow>[0];

/** Every stored op of the given type@v entries, in log order, with its stored payload bytes. */
export async function opsOfVersions(sql: Sql, keys: readonly string[]): Promise<Op[]> {
  if (keys.length === 0) return [];
  const rows = await sql.all<OpRowOf>(
    `SELECT * FROM ops WHERE type || '@' || v IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
    [JSON.stringify(keys)],
  );
  // The payload goes back in as the very bytes it was stored as.
  return rows.map((r) => ({
    ...opFromRow(r),
    ...(r.payload !== null && { payloadJson: r.payload }),
  }));
}

/** Takes ops out of the log (to apply them again in the same transaction). */
export async function removeOps(tx: Sql, ids: readonly string[]): Promise<void> {
  await tx.run('DELETE FROM ops WHERE id IN (SELECT value FROM json_each(?))', [
    JSON.stringify(ids),
  ]);
}
