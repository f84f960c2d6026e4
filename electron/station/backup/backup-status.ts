import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_STATUS_FILE } from './data-files';

const Taken = z.object({
  at: z.string(),
  file: z.string(),
  bytes: z.number(),
  ops: z.number(),
  ms: z.number(),
  /** Who asked for it ("Back up now"); absent or null: the schedule. */
  by: z.string().nullable().optional(),
});

/** What scheduled and admin-asked backups last did, kept in the data folder for holdline stats. */
export const BackupRecordSchema = z.object({
  lastAttemptAt: z.string().nullable(),
  lastSuccess: Taken.nullable(),
  lastFailure: z.object({ at: z.string(), message: z.string() }).nullable(),
  /** Who last changed the schedule, and when (absent in records from before it was kept). */
  settingsChanged: z.object({ by: z.string(), at: z.string() }).nullable().optional(),
});
/** The stored record of backups. */
export type BackupRecord = z.infer<typeof BackupRecordSchema>;

const EMPTY: BackupRecord = { lastAttemptAt: null, lastSuccess: null, lastFailure: null };

/** Reads the record (an absent or unreadable one reads as nothing done yet). */
export function readBackupRecord(dataDir: string): BackupRecord {
  const file = path.join(dataDir, BACKUP_STATUS_FILE);
  if (!existsSync(file)) return EMPTY;
  try {
    return BackupRecordSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return EMPTY;
  }
}

/** Writes the record (one rename: a reader never sees half of it). */
export function writeBackupRecord(dataDir: string, record: BackupRecord): void {
  const file = path.join(dataDir, BACKUP_STATUS_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(BackupRecordSchema.parse(record), null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}
