import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readBackupSettings } from '../backup/backup-settings';
import { scheduledBackupsIn } from '../backup/backup-names';
import { UPGRADE_BACKUPS_DIR } from '../backup/data-files';

function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/**
 * How many backups of this station taken before `atMs` exist (scheduled ones in the configured
 * folder, and those taken before migrations): they still hold data erased since, until their
 * retention removes them. Erasure never rewrites a backup.
 */
export function backupsBefore(dataDir: string, stationId: string, atMs: number): number {
  const { settings } = readBackupSettings(dataDir);
  const scheduled = settings
    ? scheduledBackupsIn(namesIn(settings.folder), stationId).filter((b) => b.takenAt < atMs).length
    : 0;
  const upgrades = path.join(dataDir, UPGRADE_BACKUPS_DIR);
  const upgrade = namesIn(upgrades).filter((n) => {
    try {
      return n.endsWith('.tar.gz') && statSync(path.join(upgrades, n)).mtimeMs < atMs;
    } catch {
      return false;
    }
  }).length;
  return scheduled + upgrade;
}
