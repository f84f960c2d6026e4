import sqlite3 from 'sqlite3';
import type { Sql } from './connection';

// sqlite3 ships no types for its Backup object (lib/sqlite3.d.ts stops at Statement).
type RawBackup = {
  step(pages: number, cb: (err: Error | null) => void): void;
  finish(cb?: (err: Error | null) => void): void;
  readonly completed: boolean;
  readonly failed: boolean;
};
type BackupCapable = sqlite3.Database & {
  backup(file: string, cb: (err: Error | null) => void): RawBackup;
};

const BUSY_RETRIES = 20;
const BUSY_WAIT_MS = 250;

function openSource(file: string): Promise<BackupCapable> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) =>
      err ? reject(err) : resolve(db as BackupCapable),
    );
  });
}

/**
 * Copies a live database to `dest` with SQLite's online backup API (sqlite3_backup_*), on a
 * connection of its own so it works beside a running station in this or another process.
 *
 * Why one step of all pages (-1) and not the usual loop of small steps: a step reads inside one
 * read transaction, and in WAL mode a reader never blocks the writer, so copying everything in a
 * single step is a snapshot of one committed state while imports keep writing. Small steps would
 * release the snapshot between steps, and SQLite restarts a backup from page 1 whenever another
 * connection writes in between — under a steady import it would never finish. (VACUUM INTO would
 * be as consistent, for the same reason, but rebuilds every table and index: slower on large
 * rooms, and it is not the backup API.) The cost: WAL checkpoints cannot pass the snapshot while
 * the copy runs, so the write-ahead log grows for that long.
 */
export async function snapshotDb(source: string, dest: string): Promise<void> {
  const db = await openSource(source);
  try {
    const backup = await new Promise<RawBackup>((resolve, reject) => {
      const b = db.backup(dest, (err) => (err ? reject(err) : resolve(b)));
    });
    try {
      // A step that meets SQLITE_BUSY or SQLITE_LOCKED (sqlite3's retryErrors) returns without an
      // error and without completing: try again a few times before giving up.
      for (let attempt = 0; !backup.completed; attempt += 1) {
        if (attempt === BUSY_RETRIES) throw new Error('the database stayed busy; backup not taken');
        if (attempt > 0) await new Promise((r) => setTimeout(r, BUSY_WAIT_MS));
        await new Promise<void>((resolve, reject) =>
          backup.step(-1, (err) => (err ? reject(err) : resolve())),
        );
        if (backup.failed) throw new Error('SQLite could not copy the database');
      }
    } finally {
      await new Promise<void>((resolve) => backup.finish(() => resolve()));
    }
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** What `PRAGMA integrity_check` finds wrong with a database (empty when it is sound). */
export async function integrityProblems(sql: Sql): Promise<string[]> {
  const rows = await sql.all<{ integrity_check: string }>('PRAGMA integrity_check');
  const lines = rows.map((r) => r.integrity_check);
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/** The schema version a database is at (its PRAGMA user_version). */
export async function schemaVersion(sql: Sql): Promise<number> {
  return (await sql.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
}
