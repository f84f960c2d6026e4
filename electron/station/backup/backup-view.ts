import { existsSync, readdirSync } from 'node:fs';
import type { BackupSettings, BackupStatusView } from '../../../shared/contract/backups';
import { DurationSchema } from '../../../shared/playbooks/duration';
import { scheduledBackupsIn } from './backup-names';
import { readBackupSettings } from './backup-settings';
import { readBackupRecord, type BackupRecord } from './backup-status';

// After a failed attempt the next one comes sooner than the interval, but not in a tight loop.
const RETRY_AFTER_FAILURE_MS = 10 * 60_000;

/** Milliseconds of a settings' `every`. */
export function intervalOf(settings: BackupSettings): number {
  return DurationSchema.parse(settings.every);
}

/** When the next scheduled backup is due (ms since the epoch), or null when none is. */
export function nextDue(
  settings: BackupSettings | null,
  record: BackupRecord,
  now: number,
): number | null {
  if (!settings?.enabled) return null;
  if (!record.lastAttemptAt) return now;
  const last = Date.parse(record.lastAttemptAt);
  const failed = record.lastFailure?.at === record.lastAttemptAt;
  const every = intervalOf(settings);
  return last + (failed ? Math.min(every, RETRY_AFTER_FAILURE_MS) : every);
}

/** This station's backups kept in the configured folder. */
export function keptBackups(settings: BackupSettings | null, stationId: string) {
  if (!settings || !existsSync(settings.folder)) return [];
  try {
    return scheduledBackupsIn(readdirSync(settings.folder), stationId);
  } catch {
    return []; // not a folder, or not readable: the next backup attempt says why
  }
}

/** The scheduled backups' status as desks and holdline stats show it. */
export function backupStatusOf(
  dataDir: string,
  stationId: string,
  opts: { running?: boolean; now?: number } = {},
): BackupStatusView {
  const { settings, problem } = readBackupSettings(dataDir);
  const record = readBackupRecord(dataDir);
  const next = problem ? null : nextDue(settings, record, opts.now ?? Date.now());
  return {
    settings,
    problem,
    lastSuccess: record.lastSuccess,
    lastFailure: record.lastFailure,
    next: next === null ? null : new Date(next).toISOString(),
    running: opts.running ?? false,
    kept: keptBackups(settings, stationId).length,
    settingsChanged: record.settingsChanged ?? null,
  };
}
