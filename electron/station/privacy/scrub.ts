import type { Db } from '../db/connection';
import { optimizeMentionSearch } from '../db/queries/privacy';

/**
 * Makes erased bytes really gone from the station's files: the full-text index is merged, VACUUM
 * rewrites the database without
 * its free pages (which may still hold text deleted before secure_delete was on, e.g. old
 * full-text segments), then a TRUNCATE checkpoint copies the result into the database file and
 * empties the write-ahead log, whose earlier frames held the erased pages. Runs between the
 * station's transactions. Returns how long it took.
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
    // A reader still on an old snapshot keeps the checkpoint from finishing: try again briefly.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const r = await sql.get<{ busy: number; log: number; checkpointed: number }>(
        'PRAGMA wal_checkpoint(TRUNCATE)',
      );
      if (r?.busy === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  return Date.now() - started;
}
