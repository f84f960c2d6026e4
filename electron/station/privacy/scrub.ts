import type { Db, Sql } from '../db/connection';
import { lastErasedAt, optimizeMentionSearch } from '../db/queries/privacy';
import { getMeta, setMeta } from '../db/queries/meta';

const SCRUBBED_AT = 'privacy.scrubbedAt';

/**
 * Makes erased bytes really gone from the station's files: the full-text index is merged, VACUUM
 * rewrites the database without
 * its free pages (which may still hold text deleted before secure_delete was on, e.g. old
 * full-text segments), then a TRUNCATE checkpoint copies the result into the database file and
 * empties the write-ahead log, whose earlier frames held the erased pages. Runs between the
 * station's transactions. Returns how long it took; throws when the log could not be emptied.
 */
export async function scrubFiles(db: Db): Promise<number> {
  const started = Date.now();
  await db.between(async (sql) => {
    await sql.exec('PRAGMA secure_delete = ON');
    try {
      // Deleted rows leave only delete markers in the full-text index; its old segments still
      // hold their words until merged into one.
      await optimizeMentionSearch(sql);
      await sql.exec('VACUUM');
    } finally {
      await sql.exec('PRAGMA secure_delete = OFF');
    }
    // A reader still on an old snapshot keeps the checkpoint from finishing: try again briefly,
    // then fail (the caller tries later) rather than leave erased pages in the log.
    let emptied = false;
    for (let attempt = 0; attempt < 50 && !emptied; attempt += 1) {
      const r = await sql.get<{ busy: number }>('PRAGMA wal_checkpoint(TRUNCATE)');
      emptied = r?.busy === 0;
      if (!emptied) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!emptied) throw new Error('a long read kept the write-ahead log from being emptied');
    // Everything erased before this scrub started is covered by it.
    await setMeta(sql, SCRUBBED_AT, new Date(started).toISOString());
  });
  return Date.now() - started;
}

/**
 * True when something was erased after the last scrub finished starting (a station stopped hard
 * before its scrub ran): the station scrubs at start.
 */
export async function scrubOwed(sql: Sql): Promise<boolean> {
  const erased = await lastErasedAt(sql);
  if (erased === null) return false;
  const scrubbed = await getMeta(sql, SCRUBBED_AT);
  return scrubbed === undefined || erased >= scrubbed;
}
