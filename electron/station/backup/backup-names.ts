import type { KeptBackup } from './retention';

const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** A time as it appears in backup file names: 20260208T201500Z (sorts as it reads). */
export function stampOf(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** The file name of a scheduled backup of `stationId` taken at `at`. */
export function scheduledBackupName(stationId: string, at: number): string {
  return `holdline-${stationId}-${stampOf(at)}.tar.gz`;
}

/**
 * This station's scheduled backups among the names in a folder. Other files — another station's
 * backups in a shared folder, anything a person put there — are never retention's to remove.
 */
export function scheduledBackupsIn(names: readonly string[], stationId: string): KeptBackup[] {
  const prefix = `holdline-${stationId}-`;
  const kept: KeptBackup[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tar.gz')) continue;
    const m = STAMP.exec(name.slice(prefix.length, -'.tar.gz'.length));
    if (!m) continue;
    const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
    kept.push({ name, takenAt: Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) });
  }
  return kept;
}
