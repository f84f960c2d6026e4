import { z } from 'zod';
import { OpSchema, type Op } from '../ops/op';
import { canonicalJson, sha256Hex } from '../ops/op-id';
import { signOpId, verifyOpSig, type StationKey } from '../ops/station-key';

/** The name a ledger file's first line carries. */
export const LEDGER_FORMAT = 'holdline-ledger';
/** The version of the line format below. */
export const LEDGER_VERSION = 1;

const HEX64 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * An Ed25519 signature in the one base64 form Buffer writes: Buffer.from ignores stray characters
 * and the padding bits of the last digit, so without this a changed byte could leave it valid.
 */
const SigSchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]{86}==$/)
  .refine((s) => Buffer.from(s, 'base64').toString('base64') === s, 'not canonical base64');

/** The first line: what the export covers, signed by the station that made it. */
export const LedgerHeaderSchema = z.strictObject({
  format: z.literal(LEDGER_FORMAT),
  version: z.literal(LEDGER_VERSION),
  room: z.strictObject({ id: z.string().min(1).max(64), name: z.string().min(1).max(120) }),
  /** The room's fingerprint: the id of its `room.create` op. */
  genesis: HEX64,
  exportedAt: z.iso.datetime(),
  /** The station whose key signs this line (it must be admitted in the export). */
  exportedBy: z.string().min(1).max(64),
  /** Op types whose payloads the export includes (the others are stubs). */
  payloadTypes: z.array(z.string().max(64)).max(100),
  /**
   * Every chain the export covers, in file order: its length, last op and station key (null for
   * a station no admission names). The key lets a reader check each chain as it streams by; it
   * counts only if it is the one the station's admission in the export names.
   */
  origins: z
    .array(
      z.strictObject({
        origin: z.string().min(1).max(64),
        ops: z.number().int().min(1),
        head: HEX64,
        publicKey: z.string().min(1).max(1000).nullable(),
      }),
    )
    .max(100_000),
  counts: z.strictObject({
    ops: z.number().int().min(0),
    withPayload: z.number().int().min(0),
    stubs: z.number().int().min(0),
  }),
  sig: SigSchema,
});
/** A ledger's first line. */
export type LedgerHeader = z.infer<typeof LedgerHeaderSchema>;

/**
 * Every other line: one op with exactly the fields its id and signatures cover (`subject` is
 * local bookkeeping no hash covers, so it is left out). A stub has `payload: null`.
 */
export const LedgerOpSchema = z.strictObject({
  ...OpSchema.omit({ subject: true, payload: true, sig: true }).shape,
  payload: z.json(),
  sig: SigSchema.nullable(),
});

/** An op's line (canonical JSON, no line break); a stub when its payload is null. */
export function ledgerLineOf(op: Omit<Op, 'subject'>): string {
  return canonicalJson({
    actor: op.actor,
    hlc: op.hlc,
    id: op.id,
    origin: op.origin,
    payload: op.payload,
    payloadHash: op.payloadHash,
    prev: op.prev,
    seq: op.seq,
    sig: op.sig,
    type: op.type,
    v: op.v,
  });
}

/** What the header's signature covers: the hash of its canonical JSON without `sig`. */
function headerDigest(header: Omit<LedgerHeader, 'sig'>): string {
  const { sig: _sig, ...rest } = header as LedgerHeader;
  return sha256Hex(canonicalJson(rest));
}

/** Signs a header with the exporting station's key. */
export function signHeader(header: Omit<LedgerHeader, 'sig'>, key: StationKey): LedgerHeader {
  return { ...header, sig: signOpId(key, headerDigest(header)) };
}

/** Whether a header's signature verifies with its exporter's public key. */
export function headerSigValid(header: LedgerHeader, publicKeyPem: string): boolean {
  return verifyOpSig(publicKeyPem, headerDigest(header), header.sig);
}
