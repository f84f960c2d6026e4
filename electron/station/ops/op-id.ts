import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** RFC 8785 (JCS) canonical JSON: the bytes every station hashes the same way. */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new Error('value has no JSON form');
  return out;
}

/** SHA-256 hex of a string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash of a payload's canonical JSON (DECISIONS.md 1). */
export function payloadHashOf(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}

/** The header fields an op id covers. */
export type OpHeader = {
  origin: string;
  seq: number;
  hlc: string;
  actor: string;
  type: string;
  v: number;
  payloadHash: string;
  prev: string | null;
};

/** An op's id: SHA-256 of the canonical header, which hashes the payload hash, not the payload. */
export function opIdOf(h: OpHeader): string {
  return sha256Hex(
    canonicalJson({
      origin: h.origin,
      seq: h.seq,
      hlc: h.hlc,
      actor: h.actor,
      type: h.type,
      v: h.v,
      payloadHash: h.payloadHash,
      prev: h.prev,
    }),
  );
}
