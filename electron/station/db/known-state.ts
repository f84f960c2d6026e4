import { createHash } from 'node:crypto';
import type { Sql } from './connection';
import { DIGEST_TABLES } from './digest';

/**
 * The state two builds with different op catalogues both know (README "Upgrades"): the digest's
 * replicated tables as far as the older build's schema has them (its tables and columns), and of
 * op_effects only the verdicts on ops the older build interprets. An op only the newer build
 * reads has no effect on the older one (DECISIONS.md 2): its verdict is left out, everything
 * else must be equal.
 */
export type KnownState = {
  /** Each table of the older build's schema with its columns. */
  columns: ReadonlyMap<string, readonly string[]>;
  /** The op type@v the older build interprets. */
  opKeys: readonly string[];
};

/** The tables of a database and their columns (give the older build's as KnownState.columns). */
export async function schemaColumns(sql: Sql): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of await sql.all<{ t: string; c: string }>(
    `SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
     WHERE m.type = 'table' ORDER BY m.name, p.cid`,
  ))
    out.set(r.t, [...(out.get(r.t) ?? []), r.c]);
  return out;
}

/** SHA-256 over the known state (stateDigest restricted as KnownState says). */
export async function knownStateDigest(sql: Sql, known: KnownState): Promise<string> {
  const hash = createHash('sha256');
  for (const t of DIGEST_TABLES) {
    const has = known.columns.get(t.table);
    if (!has) continue;
    const columns = t.columns.filter((c) => has.includes(c));
    hash.update(`\u0001${t.table}\n`);
    const effects = t.table === 'op_effects';
    await sql.each<Record<string, unknown>>(
      effects
        ? `SELECT ${columns.map((c) => `e.${c}`).join(', ')} FROM op_effects e
           JOIN ops o ON o.id = e.op_id
           WHERE o.type || '@' || o.v IN (SELECT value FROM json_each(?)) ORDER BY e.op_id`
        : `SELECT ${columns.join(', ')} FROM ${t.table} ORDER BY ${t.order}`,
      effects ? [JSON.stringify(known.opKeys)] : [],
      (row) => hash.update(JSON.stringify(columns.map((c) => row[c] ?? null)) + '\n'),
    );
  }
  return hash.digest('hex');
}
