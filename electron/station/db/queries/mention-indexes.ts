import type { Sql } from '../connection';

/**
 * The mention table's secondary indexes (queue orders and author history, migration 0003; SLA
 * due times, 0012), which
 * a large import builds once after its rows rather than row by row. Their rows arrive in random
 * order, so each commit of a large import rewrote pages all over them: at 1,000,000 mentions
 * keeping them cost ~42 µs a mention against ~6 µs to build them at the end (bench/ingest).
 * A later migration that changes one of them must change it here too (a test compares).
 */
export const DEFERRABLE_MENTION_INDEXES: Readonly<Record<string, string>> = {
  mentions_occurred: 'mentions (occurred_ms)',
  mentions_status_occurred: 'mentions (status, occurred_ms)',
  mentions_priority: 'mentions (priority, occurred_ms)',
  mentions_author: 'mentions (author_handle, occurred_ms)',
  // Open mentions by first-response due time, for the SLA scheduler (migration 0012).
  mentions_sla_open: "mentions (sla_due) WHERE status = 'open' AND sla_breach_op IS NULL",
};

/** Names of the deferrable indexes missing from the database. */
export async function missingMentionIndexes(sql: Sql): Promise<string[]> {
  const present = await sql.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions'",
  );
  const names = new Set(present.map((r) => r.name));
  return Object.keys(DEFERRABLE_MENTION_INDEXES).filter((n) => !names.has(n));
}

/** Drops the deferrable indexes (inside the caller's transaction or on its own). */
export async function dropMentionIndexes(sql: Sql): Promise<void> {
  for (const name of Object.keys(DEFERRABLE_MENTION_INDEXES))
    await sql.exec(`DROP INDEX IF EXISTS ${name}`);
}

/** Builds whichever deferrable indexes are missing; returns their names. */
export async function buildMentionIndexes(sql: Sql): Promise<string[]> {
  const missing = await missingMentionIndexes(sql);
  for (const name of missing)
    await sql.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${DEFERRABLE_MENTION_INDEXES[name]}`);
  return missing;
}
