import type { JoinAnswer, JoinRequest } from '../../../shared/contract/peer';
import type { StationCore } from '../core/core';
import type { Sql } from '../db/connection';
import { getMeta, setMeta } from '../db/queries/meta';
import { getRoom, listStations } from '../db/queries/people';
import { sha256Hex } from '../ops/op-id';
import { stationIdOf } from '../ops/station-key';
import { certFingerprint } from '../core/tls-identity';

/** Why a join was refused (wrong or expired code, a key that is not the station's). */
export class JoinRefused extends Error {}

/**
 * A member's side of joining: checks the code against the room's join codes (stored as hashes,
 * with an expiry) and admits the station by a `station.admit` op in the name of the admin who
 * made the code. Admitting a station twice changes nothing.
 */
export async function admitByCode(core: StationCore, req: JoinRequest): Promise<JoinAnswer> {
  const room = await getRoom(core.read);
  if (!room) throw new JoinRefused('this station belongs to no war room yet');
  const code = await core.read.get<{ expires_at: string; actor: string }>(
    `SELECT c.expires_at, o.actor FROM join_codes c
     JOIN ops o ON o.type = 'room.join-code' AND o.payload ->> '$.codeHash' = c.code_hash
     WHERE c.code_hash = ? ORDER BY o.hlc LIMIT 1`,
    [sha256Hex(req.code.trim().toUpperCase())],
  );
  if (!code) throw new JoinRefused('wrong join code for this war room');
  if (Date.parse(code.expires_at) < Date.now())
    throw new JoinRefused('this join code has expired: ask an admin for a new one');
  if (stationIdOf(req.publicKey) !== req.stationId)
    throw new JoinRefused('the station id does not belong to that public key');
  try {
    certFingerprint(req.tlsCert);
  } catch {
    throw new JoinRefused('the TLS certificate is not a readable X.509 certificate');
  }
  const known = (await listStations(core.read)).some((s) => s.id === req.stationId);
  if (!known)
    await core.commit([
      {
        type: 'station.admit',
        v: 1,
        actor: code.actor,
        subject: req.stationId,
        payload: {
          stationId: req.stationId,
          publicKey: req.publicKey,
          name: req.name,
          tlsCert: req.tlsCert,
        },
      },
    ]);
  return {
    ok: true,
    roomId: room.id,
    warRoom: room.name,
    members: (await listStations(core.read)).map((m) => ({
      stationId: m.id,
      publicKey: m.public_key,
      tlsCert: m.tls_cert,
    })),
  };
}

/** The members a joined station first trusts, until the room's own admissions arrive. */
export type Bootstrap = {
  roomId: string;
  members: { stationId: string; publicKey: string; tlsCert: string | null }[];
};

const BOOTSTRAP_KEY = 'bootstrap';

/** Records the members named by the station this one joined through. */
export async function saveBootstrap(sql: Sql, b: Bootstrap): Promise<void> {
  await setMeta(sql, BOOTSTRAP_KEY, JSON.stringify(b));
}

/** The members named when this station joined, if it joined. */
export async function loadBootstrap(sql: Sql): Promise<Bootstrap | null> {
  const raw = await getMeta(sql, BOOTSTRAP_KEY);
  return raw ? (JSON.parse(raw) as Bootstrap) : null;
}
