import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { JoinAnswer, JoinRequest } from '../../../shared/contract/peer';
import { sha256Hex } from '../ops/op-id';

/*
 * Joining without sending the join code (issue "LAN sync", DECISIONS.md 12-13).
 *
 * The joiner opens TLS to the member and notes the certificate it is shown. It proves it holds
 * the code with HMAC-SHA256, keyed by the code's hash (what the room stores), over that
 * certificate's fingerprint, its own station id and certificate, and a fresh nonce. The member
 * checks the proof against its own fingerprint, so a proof made for anybody in the middle is
 * worthless to them, and the code never crosses the wire. The member answers with a proof of
 * its own over the same nonce and the members it names, which the joiner checks before it
 * trusts that list: a station that does not hold the code cannot pose as the room.
 * What is left to an eavesdropper is an offline guess at a 60-bit code that expires in days.
 */

/** What a join code is compared as: people type it in lower case or with spaces around it. */
export function normalJoinCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The HMAC key both sides derive from a code: its SHA-256, as the room stores it (hex). */
export function joinCodeHash(code: string): string {
  return sha256Hex(normalJoinCode(code));
}

type Proved = { codeHash: string; memberFingerprint: string };

const mac = (codeHash: string, parts: string[]) =>
  createHmac('sha256', Buffer.from(codeHash, 'hex')).update(parts.join('\n')).digest('base64url');

/** The joiner's proof that it holds the code, bound to the member it is talking to. */
export function joinProof(
  p: Proved & { stationId: string; joinerFingerprint: string; nonce: string },
): string {
  return mac(p.codeHash, [
    'holdline-join-v1',
    p.memberFingerprint,
    p.stationId,
    p.joinerFingerprint,
    p.nonce,
  ]);
}

/** The member's proof that it holds the code too, over the room and members it names. */
export function admitProof(
  p: Proved & { stationId: string; nonce: string; answer: Omit<JoinAnswer, 'proof'> },
): string {
  const members = [...p.answer.members]
    .sort((a, b) => (a.stationId < b.stationId ? -1 : 1))
    .map((m) => `${m.stationId}\n${m.publicKey}\n${m.tlsCert ?? ''}`);
  return mac(p.codeHash, [
    'holdline-admit-v1',
    p.memberFingerprint,
    p.stationId,
    p.nonce,
    p.answer.roomId,
    p.answer.warRoom,
    p.answer.admittedBy,
    sha256Hex(members.join('\n')),
  ]);
}

/** Whether two proofs are the same, in constant time. */
export function sameProof(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a joining station brings: its id, signing key and certificate (a StationCore fits). */
export type Joiner = {
  readonly stationId: string;
  readonly key: { readonly publicKeyPem: string };
  readonly tls: { readonly cert: string; readonly fingerprint: string };
};

/** A joining station's request to the member whose certificate has `memberFingerprint`. */
export function joinRequestFor(
  joiner: Joiner,
  code: string,
  memberFingerprint: string,
  name: string,
): JoinRequest {
  const nonce = randomBytes(24).toString('base64url');
  return {
    stationId: joiner.stationId,
    publicKey: joiner.key.publicKeyPem,
    name,
    tlsCert: joiner.tls.cert,
    nonce,
    proof: joinProof({
      codeHash: joinCodeHash(code),
      memberFingerprint,
      stationId: joiner.stationId,
      joinerFingerprint: joiner.tls.fingerprint,
      nonce,
    }),
  };
}
