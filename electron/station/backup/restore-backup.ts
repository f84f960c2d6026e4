import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { extract } from 'tar';
import { dataPaths } from '../core/data-dir';
import { BackupRefused } from './backup-refused';
import { writeCatchUpMarker } from './catch-up-marker';
import { readManifest } from './read-manifest';
import { checkStationDb } from './check-station-db';
import { loadStationKeyFile } from './station-key-file';
import { DB_ENTRY, MANIFEST_NAME, type BackupManifest } from './backup-manifest';
import { sha256OfFile } from './file-hash';

/** What `holdline restore` prints. */
export type RestoreSummary = {
  data: string;
  stationId: string;
  warRoom: string | null;
  takenAt: string;
  ops: number;
  chains: number;
  digest: string;
  /** The backup's digest when taken (null for one of an older schema, migrated here). */
  backupDigest: string | null;
  migratedFrom: number | null;
  /** The restored station records nothing of its own until a peer has caught it up. */
  catchUp: boolean;
  /** Admitted stations of the room, this one included. */
  stations: number;
};

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? listFiles(path.join(dir, e.name), base)
      : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')],
  );
}

/** Checks every file the manifest lists against what was unpacked: present, size, hash. */
async function checkFiles(staging: string, manifest: BackupManifest): Promise<void> {
  const listed = new Set([MANIFEST_NAME, ...manifest.files.map((f) => f.path)]);
  for (const f of manifest.files) {
    const full = path.join(staging, f.path);
    if (!existsSync(full)) throw new BackupRefused(`${f.path} is missing from the backup`);
    if (statSync(full).size !== f.bytes || (await sha256OfFile(full)) !== f.sha256)
      throw new BackupRefused(`${f.path} in the backup does not match its recorded hash`);
    chmodSync(full, f.mode);
  }
  const extra = listFiles(staging).filter((p) => !listed.has(p));
  if (extra.length > 0)
    throw new BackupRefused(`the backup holds unlisted files: ${extra.join(', ')}`);
}

/**
 * Restores a backup into an empty (or new) folder. Everything is unpacked and checked beside the
 * target first — each file's hash, the station key against the manifest, PRAGMA integrity_check,
 * every op chain and signature, the state digest against the one taken — and moved into place
 * only when all of it holds; a refused backup leaves nothing behind.
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  /** alone: the room's only station, nothing to catch up from (no catch-up hold). */
  opts: { alone?: boolean } = {},
): Promise<RestoreSummary> {
  const target = path.resolve(dataDir);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0))
    throw new BackupRefused(`${dataDir} is not empty: restore into a new or empty folder`);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new BackupRefused(`no backup file at ${file}`);
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = `${target}.restoring-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(staging);
  try {
    try {
      await extract({
        file,
        cwd: staging,
        strict: true,
        filter: (_p, e) => 'type' in e && e.type === 'File',
      });
    } catch (err) {
      throw new BackupRefused(
        `${file} is damaged, truncated or not a Holdline backup (${(err as Error).message})`,
      );
    }
    const manifest = readManifest(staging, file);
    await checkFiles(staging, manifest);
    const key = loadStationKeyFile(path.join(staging, path.basename(dataPaths(staging).key)));
    if (key.stationId !== manifest.stationId)
      throw new BackupRefused(`the backup's station key is not station ${manifest.stationId}'s`);
    const checked = await checkStationDb(path.join(staging, DB_ENTRY));
    if (checked.problems.length > 0)
      throw new BackupRefused(
        `the backup's database does not check out: ${checked.problems.slice(0, 5).join('; ')}`,
      );
    if (
      checked.migratedFrom === null &&
      manifest.digest !== null &&
      manifest.digest !== checked.digest
    )
      throw new BackupRefused(
        "the restored state's digest differs from the one the backup recorded",
      );
    rmSync(path.join(staging, MANIFEST_NAME));
    const catchUp = !opts.alone;
    if (catchUp) writeCatchUpMarker(staging, { backupTakenAt: manifest.takenAt });
    if (existsSync(target)) rmSync(target, { recursive: true });
    renameSync(staging, target);
    return {
      data: target,
      stationId: manifest.stationId,
      warRoom: manifest.warRoom,
      takenAt: manifest.takenAt,
      ops: checked.ops,
      chains: checked.chains,
      digest: checked.digest,
      backupDigest: manifest.digest,
      migratedFrom: checked.migratedFrom,
      catchUp,
      stations: checked.stations,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
