import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { dataPaths } from '../core/data-dir';

/** The folder in a data folder where backups taken before migrations are kept. */
export const UPGRADE_BACKUPS_DIR = 'upgrade-backups';
/** Local state of scheduled backups (about this machine's backups: never restored elsewhere). */
export const BACKUP_STATUS_FILE = 'backup-status.json';

/**
 * Files of a data folder that a backup copies as they are, relative with forward slashes: the
 * station key, its TLS identity, connectors.yaml, its own playbooks, templates and voice rules,
 * backup.yaml, and whatever later features keep there. Left out: the database and its WAL
 * files (copied through SQLite's backup API instead), the lock and URL files of a running
 * process, backup status and backups themselves (a backup inside a backup doubles every time),
 * and anything that is not a regular file (sockets, symlinks pointing elsewhere).
 */
export function dataFilesOf(dataDir: string, skipDirs: readonly string[] = []): string[] {
  const p = dataPaths(dataDir);
  const skip = new Set(
    [
      p.db,
      `${p.db}-wal`,
      `${p.db}-shm`,
      `${p.db}-journal`,
      p.lock,
      p.url,
      path.join(dataDir, BACKUP_STATUS_FILE),
      path.join(dataDir, UPGRADE_BACKUPS_DIR),
      ...skipDirs,
    ].map((f) => path.resolve(f)),
  );
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.resolve(dir, name);
      if (skip.has(full) || /\.(partial|tmp)$/.test(name) || name.includes('.backup-staging'))
        continue;
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) found.push(path.relative(dataDir, full).split(path.sep).join('/'));
    }
  };
  walk(dataDir);
  return found;
}
