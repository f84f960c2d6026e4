import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { BackupSettingsSchema, type BackupSettings } from '../../../shared/contract/backups';

/** The scheduled backup settings of a station: local to its desk, never replicated. */
export const BACKUP_SETTINGS_FILE = 'backup.yaml';

const HEADER = `# Scheduled backups of this station (this desk only; not shared with the room).
# folder: where backups go (full path); every: how often (30m, 6h, 1d); keepLast / keepDays:
# keep a backup that is among the last N or younger than N days. Edit here or in the app.
`;

/** The settings as read: none yet, valid ones, or what is wrong with the file. */
export type SettingsRead =
  { settings: BackupSettings | null; problem: null } | { settings: null; problem: string };

/** Reads and checks backup.yaml (no file: not configured). */
export function readBackupSettings(dataDir: string): SettingsRead {
  const file = path.join(dataDir, BACKUP_SETTINGS_FILE);
  if (!existsSync(file)) return { settings: null, problem: null };
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { settings: null, problem: `${BACKUP_SETTINGS_FILE}: ${(err as Error).message}` };
  }
  const parsed = BackupSettingsSchema.safeParse(raw);
  if (parsed.success) return { settings: parsed.data, problem: null };
  return {
    settings: null,
    problem: `${BACKUP_SETTINGS_FILE}: ${parsed.error.issues
      .map((i) => `${i.path.join('.') || 'file'}: ${i.message}`)
      .join('; ')}`,
  };
}

/** Writes backup.yaml (checked first; replaced in one rename). */
export function writeBackupSettings(dataDir: string, settings: BackupSettings): BackupSettings {
  const checked = BackupSettingsSchema.parse(settings);
  const file = path.join(dataDir, BACKUP_SETTINGS_FILE);
  writeFileSync(`${file}.tmp`, HEADER + stringify(checked));
  renameSync(`${file}.tmp`, file);
  return checked;
}
