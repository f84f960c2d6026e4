import path from 'node:path';
import { UPGRADE_BACKUPS_DIR } from './data-files';
import { takeBackup, type BackupSummary } from './take-backup';

const pad = (n: number) => String(n).padStart(4, '0');

/** Where the backup before migrating schema `from` to `to` goes: kept in the data folder. */
export function upgradeBackupFile(dataDir: string, from: number, to: number, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return path.join(
    dataDir,
    UPGRADE_BACKUPS_DIR,
    `holdline-schema-${pad(from)}-to-${pad(to)}-${stamp}.tar.gz`,
  );
}

/**
 * Backs the station up before its database is migrated from schema `from` to `to`, into
 * <data>/upgrade-backups/ (kept: no retention applies; an admin removes them). A failure stops
 * the migration, so the station does not start on a schema it could not go back from.
 */
export async function backupBeforeMigration(
  dataDir: string,
  from: number,
  to: number,
): Promise<BackupSummary> {
  try {
    return await takeBackup(dataDir, upgradeBackupFile(dataDir, from, to, new Date()), {
      reason: 'pre-migration',
      // The digest's table list is this build's: an older schema may lack its columns.
      noDigest: true,
    });
  } catch (err) {
    throw new Error(
      `could not back up ${dataDir} before migrating its schema ${from} → ${to}, so nothing was migrated: ${(err as Error).message}`,
    );
  }
}
