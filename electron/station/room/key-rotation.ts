import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { StationCore } from '../core/core';
import { dataPaths } from '../core/data-dir';
import { newTlsIdentity } from '../core/tls-identity';
import { effectOf } from '../db/queries/effects';
import { sha256Hex } from '../ops/op-id';
import {
  generateStationKey,
  loadStationKey,
  signOpId,
  stationKeyFileText,
  type StationKey,
} from '../ops/station-key';
import type { Sql } from '../db/connection';
import { ownRotations } from '../sync/peer-trust';
import { rotationProofText, type StationRotateKey } from '../ops/station-payloads';

/** What a rotation made: the op and the new key's and certificate's fingerprints. */
export type RotationResult = {
  opId: string;
  seq: number;
  keyFingerprint: string;
  tlsFingerprint: string;
};

const NEXT = '.next';

/** Writes a file and flushes it to disk before returning (so a rename after it is durable). */
function writeDurable(file: string, text: string, mode: number): void {
  const fd = openSync(file, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a folder: the renames are still atomic there.
  }
}

/**
 * Rotates the station's Ed25519 key and TLS certificate without breaking its chain: the new ones
 * are written beside the old (flushed), the station.rotate-key op is committed — signed by the old
 * key, with the new key's proof — and only then are the new files renamed over the old ones, so
 * the old key lives exactly until the op that retires it is on disk. On a stopped station
 * (holdline rotate-key) the next start signs with the new key; on a running one (`running`, the
 * /desk command) the chain switches at the commit and the new certificate is served at once.
 * The caller checks that `actor` is an admin (the op's verdict says so too).
 */
export async function rotateStationKey(
  core: StationCore,
  actor: string,
  opts: {
    /** Runs between the commit and the renames (a test stops there, as a crash would). */
    beforeRename?: () => void;
    /** The station is serving: it signs with the new key from the op after the rotation on. */
    running?: boolean;
  } = {},
): Promise<RotationResult> {
  const paths = dataPaths(core.dataDir);
  const made = generateStationKey();
  const tls = await newTlsIdentity(core.stationId);
  const signed = { stationId: core.stationId, publicKey: made.key.publicKeyPem, tlsCert: tls.cert };
  const payload: StationRotateKey = {
    ...signed,
    proof: signOpId(made.key, sha256Hex(rotationProofText(signed))),
  };
  const next = [
    [paths.key, stationKeyFileText(core.stationId, made.privateKeyPem), 0o600],
    [paths.tlsKey, tls.key, 0o600],
    [paths.tlsCert, tls.cert, 0o644],
  ] as const;
  for (const [file, text, mode] of next) writeDurable(file + NEXT, text, mode);
  // The station keeps its id (it came from its first key).
  const newKey = { ...made.key, stationId: core.stationId };
  const oldKey = core.chain.signingKey;
  if (opts.running) core.chain.prepareRotation(newKey);
  let applied;
  try {
    // Alone in its commit, so it is the batch's last op and carries the old key's signature.
    applied = await core.commit([
      { type: 'station.rotate-key', v: 1, actor, subject: core.stationId, payload },
    ]);
  } catch (err) {
    core.chain.cancelRotation(oldKey);
    for (const [file] of next) rmSync(file + NEXT, { force: true });
    throw err;
  }
  opts.beforeRename?.();
  for (const [file] of next) renameSync(file + NEXT, file);
  fsyncDir(path.dirname(paths.key));
  if (opts.running) core.useRotatedKey(newKey, tls);
  const op = applied.ops[0];
  if (!op) throw new Error('the rotation was not recorded');
  const effect = await effectOf(core.db, op.id);
  if (effect?.effect === 'refused')
    throw new Error(`rotation recorded as refused: ${effect.reason}`);
  return {
    opId: op.id,
    seq: op.seq,
    keyFingerprint: sha256Hex(made.key.publicKeyPem).slice(0, 16),
    tlsFingerprint: tls.fingerprint,
  };
}

/**
 * Finishes or undoes a rotation a crash interrupted, on opening the folder: when the station's
 * latest rotation op names the new key (in station.key.next, or already renamed into place), the
 * remaining new files are renamed in; otherwise the rotation never committed and they are
 * removed. Returns the key the station signs with from here on.
 */
export async function settleKeyRotation(
  dataDir: string,
  sql: Sql,
  key: StationKey,
): Promise<StationKey> {
  const paths = dataPaths(dataDir);
  const files = [paths.key, paths.tlsKey, paths.tlsCert];
  if (!files.some((f) => existsSync(f + NEXT))) return key;
  const latest = (await ownRotations(sql, key.stationId)).at(-1)?.payload as
    StationRotateKey | undefined;
  const nextKey = existsSync(paths.key + NEXT)
    ? loadStationKey(readFileSync(paths.key + NEXT, 'utf8'))
    : key;
  const committed = latest !== undefined && latest.publicKey === nextKey.publicKeyPem;
  for (const f of files)
    if (existsSync(f + NEXT)) {
      if (committed) renameSync(f + NEXT, f);
      else rmSync(f + NEXT, { force: true });
    }
  fsyncDir(path.dirname(paths.key));
  return committed ? nextKey : key;
}
