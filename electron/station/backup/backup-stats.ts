import type { BackupStatusView } from '../../../shared/contract/backups';
import { dataPaths } from '../core/data-dir';
import { loadStationKeyFile } from './station-key-file';
import { backupStatusOf } from './backup-view';

/** Scheduled backups as `holdline stats` shows them, read from the data folder's files. */
export function backupStats(dataDir: string): BackupStatusView {
  let stationId = '';
  try {
    stationId = loadStationKeyFile(dataPaths(dataDir).key).stationId;
  } catch {
    // no key yet: no backups of this station to count either
  }
  return backupStatusOf(dataDir, stationId);
}

const MIB = 1024 * 1024;

/** The backup lines of `holdline stats`. */
export function backupLines(b: BackupStatusView): string[] {
  if (b.problem) return [`backups: ${b.problem}`];
  if (!b.settings) return ['backups: none scheduled (backup.yaml, or Backups in the app)'];
  const rules = [
    b.settings.keepLast !== undefined ? `last ${b.settings.keepLast}` : null,
    b.settings.keepDays !== undefined ? `${b.settings.keepDays} days` : null,
  ].filter(Boolean);
  return [
    `backups: every ${b.settings.every} to ${b.settings.folder}${b.settings.enabled ? '' : ' (turned off)'}, keeping ${rules.length > 0 ? rules.join(' or ') : 'all'}; ${b.kept} kept`,
    `  last success  ${b.lastSuccess ? `${b.lastSuccess.at} (${(b.lastSuccess.bytes / MIB).toFixed(1)} MiB, ${b.lastSuccess.ms} ms)` : 'never'}`,
    `  last failure  ${b.lastFailure ? `${b.lastFailure.at}: ${b.lastFailure.message}` : 'none'}`,
    `  next          ${b.next ?? 'none'}`,
  ];
}
