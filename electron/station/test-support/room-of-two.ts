import path from 'node:path';
import { StationCore } from '../core/core';
import { stateDigest } from '../db/digest';
import { allOps, countOps } from '../db/queries/ops';
import { createOperator, createWarRoom } from '../room/war-room';
import { startStation, type RunningStation } from '../station';
import { connectDesk, loginToken, type DeskClient } from './station-client';
import { eventually } from './station-process';
import { tempDir } from './temp-dir';

type Cleanups = (() => Promise<void> | void)[];

/** A fresh station folder, removed by the cleanups. */
export function stationFolder(cleanups: Cleanups): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return path.join(t.dir, 'station');
}

/** A real station on 127.0.0.1 (no discovery, no UI) dialling `peers`, closed by the cleanups. */
export async function runStation(
  cleanups: Cleanups,
  dataDir: string,
  peers: string[] = [],
): Promise<RunningStation> {
  const s = await startStation({ dataDir, port: 0, discovery: false, rendererDir: null, peers });
  cleanups.push(() => s.close());
  return s;
}

/** Waits until two stations hold the same ops and the same state digest. */
export async function converged(x: StationCore, y: StationCore): Promise<void> {
  await eventually('both stations to hold the same ops and state', async () => {
    const [ox, oy] = [await countOps(x.db), await countOps(y.db)];
    return ox === oy && (await stateDigest(x.db)) === (await stateDigest(y.db));
  });
}

/** A desk logged in at a station, closed by the cleanups. */
export async function deskAt(
  cleanups: Cleanups,
  s: RunningStation,
  username: string,
  password: string,
): Promise<DeskClient> {
  const socket = await connectDesk(s.url, await loginToken(s.url, username, password));
  cleanups.push(() => void socket.close());
  return socket;
}

/**
 * Two real stations of one room over TLS on 127.0.0.1: A made the room (admin "lead", password
 * "lead-password"; operator "ana", "ana-password"), B was admitted by A and links to it.
 */
export async function roomOfTwo(cleanups: Cleanups) {
  const dirA = stationFolder(cleanups);
  const dirB = stationFolder(cleanups);
  const a = await runStation(cleanups, dirA);
  const room = await createWarRoom(a.core, {
    warRoom: 'Storm week',
    username: 'lead',
    displayName: 'Lea',
    password: 'lead-password',
  });
  await createOperator(a.core, room.adminId, {
    username: 'ana',
    displayName: 'Ana',
    password: 'ana-password',
    role: 'operator',
    departments: [],
  });
  const seed = await StationCore.open(dirB);
  await a.core.commit([
    {
      type: 'station.admit',
      v: 1,
      actor: room.adminId,
      subject: seed.stationId,
      payload: {
        stationId: seed.stationId,
        publicKey: seed.key.publicKeyPem,
        name: 'desk 2',
        tlsCert: seed.tls.cert,
      },
    },
  ]);
  await seed.applyReplicated(await allOps(a.core.db));
  await seed.close();
  const b = await runStation(cleanups, dirB, [`127.0.0.1:${a.port}`]);
  await converged(a.core, b.core);
  return { a, b, dirB, room };
}
