import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { generateStationKey, loadStationKey, type StationKey } from '../ops/station-key';

/** Files of a station's data folder. */
export function dataPaths(dataDir: string): {
  db: string;
  key: string;
  lock: string;
  tlsCert: string;
  tlsKey: string;
  url: string;
} {
  return {
    db: path.join(dataDir, 'holdline.db'),
    key: path.join(dataDir, 'station.key'),
    lock: path.join(dataDir, 'station.lock'),
    tlsCert: path.join(dataDir, 'tls.crt'),
    tlsKey: path.join(dataDir, 'tls.key'),
    // Where the running station serves (local tools such as holdline stats ask it there).
    url: path.join(dataDir, 'station.url'),
  };
}

/** Thrown when another live process holds the data folder. */
export class DataDirBusyError extends Error {
  constructor(
    readonly pid: number,
    dataDir: string,
  ) {
    super(
      `the data folder ${dataDir} belongs to a running station (pid ${pid}); stop it first, or talk to it with --station URL`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but is not ours — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live station holding this folder, if any (a stale lock counts as none). */
export function lockHolder(dataDir: string): number | null {
  const { lock } = dataPaths(dataDir);
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
}

/**
 * Takes the folder's lock file (DECISIONS.md 14): refuses if a live process holds it, clears a
 * stale one left by a crash or kill -9. Returns a release function.
 */
export function acquireLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const { lock } = dataPaths(dataDir);
  const holder = lockHolder(dataDir);
  if (holder !== null) throw new DataDirBusyError(holder, dataDir);
  if (existsSync(lock)) rmSync(lock, { force: true });
  // 'wx' makes two stations racing for the same folder fail instead of both winning.
  const fd = openSync(lock, 'wx');
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return () => {
    try {
      if (readFileSync(lock, 'utf8').trim() === String(process.pid)) rmSync(lock, { force: true });
    } catch {
      // already gone
    }
  };
}

/** Loads the station's key, making one on first start (readable by the owner only). */
export function loadOrCreateKey(dataDir: string): StationKey {
  const { key } = dataPaths(dataDir);
  if (existsSync(key)) return loadStationKey(readFileSync(key, 'utf8'));
  const made = generateStationKey();
  writeFileSync(key, made.privateKeyPem, { mode: 0o600 });
  return made.key;
}
