import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The file that marks a data folder restored from a backup whose station has not yet caught up
 * on its own chain from a peer. The station it was taken from may have recorded more ops after
 * the backup and shared them; an op recorded here before those came back would take a seq they
 * already hold and fork the chain, which every peer then refuses for good.
 */
export const CATCH_UP_FILE = 'catch-up.json';

/** Marks a restored folder: its station records nothing of its own until a peer caught it up. */
export function writeCatchUpMarker(dataDir: string, info: { backupTakenAt: string }): void {
  writeFileSync(path.join(dataDir, CATCH_UP_FILE), JSON.stringify(info) + '\n');
}

/** Whether the folder's station still has to catch up on its own chain. */
export function needsCatchUp(dataDir: string): boolean {
  return existsSync(path.join(dataDir, CATCH_UP_FILE));
}

/** The station caught up: it may record again. */
export function clearCatchUpMarker(dataDir: string): void {
  rmSync(path.join(dataDir, CATCH_UP_FILE), { force: true });
}
