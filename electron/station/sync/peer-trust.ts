import type { Sql } from '../db/connection';
import { opFromRow } from '../db/queries/ops';
import { memberIdentities } from '../db/queries/revocations';
import { loadBootstrap } from '../room/join';
import { OpSchema, type Op } from '../ops/op';
import { opIdOf, sha256Hex } from '../ops/op-id';
import { rotationIsSound } from '../ops/reducers/stations';
import { verifyOpSig } from '../ops/station-key';
import { StationRotateKeyV1 } from '../ops/station-payloads';
import { certFingerprint } from '../core/tls-identity';

/** Most rotations a handshake carries (a station rotating more often than this waits for a sync). */
export const MAX_HELLO_ROTATIONS = 16;

/**
 * This station's own key rotations, newest last: sent with each handshake so a peer that has not
 * seen them yet can follow the chain of keys from the one it knows to the one signing it.
 */
export async function ownRotations(sql: Sql, stationId: string): Promise<Op[]> {
  const rows = await sql.all<Parameters<typeof opFromRow>[0]>(
    `SELECT * FROM ops WHERE origin = ? AND type = 'station.rotate-key' ORDER BY seq DESC LIMIT ?`,
    [stationId, MAX_HELLO_ROTATIONS],
  );
  return rows.map(opFromRow).reverse();
}

/**
 * The key a handshake should verify with: the one known here for the station, carried forward by
 * each rotation it presents that the key before it signed (with the new key's proof).
 */
export function keyAfterRotations(known: string, stationId: string, raw: unknown): string {
  let key = known;
  const ops = (Array.isArray(raw) ? raw : [])
    .slice(0, MAX_HELLO_ROTATIONS)
    .map((o) => OpSchema.safeParse(o))
    .filter((p) => p.success)
    .map((p) => p.data as Op)
    .sort((a, b) => a.seq - b.seq);
  for (const op of ops) {
    if (op.origin !== stationId || opIdOf(op) !== op.id || !rotationIsSound(op)) continue;
    if (!verifyOpSig(key, op.id, op.sig as string)) continue;
    key = StationRotateKeyV1.parse(op.payload).publicKey;
  }
  return key;
}

/**
 * Why a station may not link here by its identity, or null: it must be an admitted member, not
 * revoked, and its handshake signed by its current key (or one its presented rotations lead to).
 */
export async function memberHelloProblem(
  sql: Sql,
  hello: { stationId: string; sig: string; rotations?: unknown },
  text: string,
): Promise<string | null> {
  const member = (await memberIdentities(sql)).find((s) => s.id === hello.stationId);
  if (!member) return `station ${hello.stationId} is not an admitted member of this room`;
  if (member.revoked) return `station ${hello.stationId} was revoked: it syncs with no one here`;
  const digest = sha256Hex(text);
  if (verifyOpSig(member.publicKey, digest, hello.sig)) return null;
  const rotated = keyAfterRotations(member.publicKey, hello.stationId, hello.rotations);
  if (rotated !== member.publicKey && verifyOpSig(rotated, digest, hello.sig)) return null;
  return `station ${hello.stationId}'s handshake signature does not verify`;
}

/**
 * The TLS certificates this station accepts from peers: each unrevoked member's current one (its
 * latest rotation's, else its admission's), and those named when this station joined.
 */
export async function pinnedCerts(
  sql: Sql,
): Promise<{ certs: string[]; fingerprints: Set<string> }> {
  const members = await memberIdentities(sql);
  const revoked = new Set(members.filter((m) => m.revoked).map((m) => m.id));
  const certs = new Set<string>();
  for (const m of members) if (!m.revoked && m.tlsCert) certs.add(m.tlsCert);
  for (const m of (await loadBootstrap(sql))?.members ?? [])
    if (m.tlsCert && !revoked.has(m.stationId) && !members.some((s) => s.id === m.stationId))
      certs.add(m.tlsCert);
  const list = [...certs];
  return { certs: list, fingerprints: new Set(list.map(certFingerprint)) };
}
