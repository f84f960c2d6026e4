import { StationCore } from '../core/core';
import { operatorByUsername } from '../db/queries/people';
import { rotateStationKey } from '../room/key-rotation';
import { UsageError, parse, required } from './args';

/**
 * holdline rotate-key --data DIR --user ADMIN: on a stopped station, replaces its Ed25519 key and
 * TLS certificate (a station.rotate-key op signed by the old key, in ADMIN's name); prints
 * { stationId, seq, opId, keyFingerprint, tlsFingerprint }.
 */
export async function rotateKeyCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { data: { type: 'string' }, user: { type: 'string' } });
  const dataDir = required(values.data, '--data');
  const username = required(values.user, '--user').trim().toLowerCase();
  const core = await StationCore.open(dataDir);
  try {
    const admin = await operatorByUsername(core.db, username);
    if (!admin || admin.disabled || admin.role !== 'admin')
      throw new UsageError(`${username} is not an active admin of this room`);
    const r = await rotateStationKey(core, admin.id);
    process.stdout.write(JSON.stringify({ stationId: core.stationId, ...r }) + '\n');
    return 0;
  } finally {
    await core.close();
  }
}
