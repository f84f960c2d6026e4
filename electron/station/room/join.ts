import type { JoinAnswer, JoinRequest } from '../../../shared/contract/peer';
import type { StationCore } from '../core/core';
import type { Sql } from '../db/connection';
import { getMeta, setMeta } from '../db/queries/meta';
import { getRoom, listStations } from '../db/queries/people';
import { stationIdOf } from '../ops/station-key';
import { memberIdentities } from '../db/queries/revocations';
import { certFingerprint } from '../core/tls-identity';
import { admitProof, joinCodeHash, joinProof, sameProof } from './join-proof';

/** Why a join was refused (wrong or expired code, a key that is not the station's). */
export class JoinRefused extends Error {}

/**
 * A member's side of joining: finds the room's join code (stored as a hash, with an expiry) that
 * the joiner's proof was made with, for this member's certificate, and admits the station by a
 * `station.admit` op in the name of the admin who made the code. Admitting a station twice
 * changes nothing. The answer carries the member's own proof (room/join-proof.ts).
 */
export async function admitByProof(core: StationCore, req: JoinRequest): Promise<JoinAnswer> {
  const room = await getRoom(core.read);
  if (!room) throw new JoinRefused('this station belongs to no war room yet');
  let joinerFingerprint: string;
  try {
    joinerFingerprint = certFingerprint(req.tlsCert);
  } catch {
    throw new JoinRefused('the TLS certificate is not a readable X.509 certificate');
  }
  const codes = await core.read.all<{ code_hash: string; expires_at: string; actor: string }>(
    // The admin who made a code is its first op's actor (ops_subject_hlc finds them).
    `SELECT c.code_hash, c.expires_at,
       (SELECT o.actor FROM ops o WHERE o.subject = 'join-codes' AND o.type = 'room.join-code'
          AND o.payload ->> '$.codeHash' = c.code_hash ORDER BY o.hlc LIMIT 1) AS actor
     FROM join_codes c`,
  );
  const proved = { memberFingerprint: core.tls.fingerprint, stationId: req.stationId };
  const code = codes.find((c) =>
    sameProof(
      req.proof,
      joinProof({ ...proved, codeHash: c.code_hash, joinerFingerprint, nonce: req.nonce }),
    ),
  );
  if (!code) throw new JoinRefused('wrong join code for this war room');
  if (Date.parse(code.expires_at) < Date.now())
    throw new JoinRefused('this join code has expired: ask an admin for a new one');
  if (stationIdOf(req.publicKey) !== req.stationId)
    throw new JoinRefused('the station id does not belong to that public key');
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
  const answer = {
    ok: true as const,
    roomId: room.id,
    warRoom: room.name,
    members: await joinMembers(core),
    admittedBy: core.stationId,
  };
  const proof = admitProof({ ...proved, codeHash: code.code_hash, nonce: req.nonce, answer });
  return { ...answer, proof };
}

/**
 * The members a join answer names: each station with its admission key (its chain is checked
 * from there, rotations included) and its current certificate (the one it serves). A revoked
 * station is named without a certificate: the joiner can check its ops up to the revocation point
 * (which the log holds, in whatever order its pieces come) but never links to it.
 */
async function joinMembers(
  core: StationCore,
): Promise<{ stationId: string; publicKey: string; tlsCert: string | null }[]> {
  const current = new Map((await memberIdentities(core.read)).map((m) => [m.id, m]));
  return (await listStations(core.read)).map((m) => ({
    stationId: m.id,
    publicKey: m.public_key,
    tlsCert:
      current.get(m.id)?.revoked === true ? null : (current.get(m.id)?.tlsCert ?? m.tls_cert),
  }));
}

/**
 * The joiner's check of a member's answer: the member proved it holds the code, for this
 * request, and the certificate the joiner saw is the one it names for itself.
 */
export function checkJoinAnswer(
  answer: JoinAnswer,
  req: JoinRequest,
  code: string,
  memberFingerprint: string,
): void {
  const { proof, ...rest } = answer;
  const expected = admitProof({
    codeHash: joinCodeHash(code),
    memberFingerprint,
    stationId: req.stationId,
    nonce: req.nonce,
    answer: rest,
  });
  if (!sameProof(proof, expected))
    throw new JoinRefused('the member could not prove it holds the join code: not this room?');
  const self = answer.members.find((m) => m.stationId === answer.admittedBy);
  if (!self?.tlsCert || certFingerprint(self.tlsCert) !== memberFingerprint)
    throw new JoinRefused('the member showed a certificate other than the one its room knows');
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
