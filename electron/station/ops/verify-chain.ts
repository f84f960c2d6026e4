import type { Op } from './op';
import { opIdOf } from './op-id';
import { payloadHashOf } from './payload-hash';
import { verifyOpSig } from './station-key';
import { rotationIsSound } from './reducers/stations';
import { StationRotateKeyV1 } from './station-payloads';

/** One thing wrong with a chain. */
export type ChainProblem = { seq: number; opId: string; reason: string };

/**
 * Checks one origin's chain op by op, in seq order, holding nothing but the last op's place, so a
 * chain of millions of ops (a ledger export) streams through it. With no key the signatures go
 * unchecked: the caller says why.
 */
export class ChainVerifier {
  private count = 0;
  private last: Pick<Op, 'seq' | 'id' | 'sig'> | null = null;

  private key: string | null;

  /**
   * `publicKeyPem` is the key of the station's admission; `rotations` the keys in force from a
   * seq on (station_keys), for chains whose rotation ops come without payloads (stubs).
   */
  constructor(
    publicKeyPem: string | null,
    private readonly rotations?: ReadonlyMap<number, string>,
  ) {
    this.key = publicKeyPem;
  }

  /** The problems of the chain's next op. */
  next(op: Op): ChainProblem[] {
    const problems: ChainProblem[] = [];
    const at = (reason: string) => problems.push({ seq: op.seq, opId: op.id, reason });
    this.count += 1;
    if (op.seq !== this.count) at(`expected seq ${this.count}`);
    const rotated = this.rotations?.get(op.seq);
    if (rotated !== undefined && this.key !== null) this.key = rotated;
    if (op.prev !== (this.last?.id ?? null)) at('prev does not name the previous op');
    if (
      op.payload !== null &&
      op.payload !== undefined &&
      payloadHashOf(op.type, op.payload) !== op.payloadHash
    ) {
      at('payload does not match its hash');
    }
    if (opIdOf(op) !== op.id) at('id does not match the op header');
    if (op.sig !== null && this.key !== null && !verifyOpSig(this.key, op.id, op.sig))
      at('bad signature');
    // After a key rotation (signed by the old key above), the new key signs the chain.
    if (op.type === 'station.rotate-key' && op.payload !== null && op.payload !== undefined) {
      if (!rotationIsSound(op)) at('key rotation without its own signature and proof');
      else if (this.key !== null) this.key = StationRotateKeyV1.parse(op.payload).publicKey;
    }
    this.last = { seq: op.seq, id: op.id, sig: op.sig };
    return problems;
  }

  /** The key the chain's next op must be signed with (after any rotations seen so far). */
  get currentKey(): string | null {
    return this.key;
  }

  /** The problem of the chain's end, if any: its last op must be signed, to vouch for the rest. */
  end(): ChainProblem[] {
    const last = this.last;
    if (!last || last.sig !== null) return [];
    return [{ seq: last.seq, opId: last.id, reason: 'chain head is not signed' }];
  }
}

/**
 * Verifies one origin's chain: seqs run 1..n without gaps, each op's id is the hash of its header,
 * each payload (where present) matches its hash, each `prev` names the op before, every signature
 * verifies, and the last op is signed, so the signature vouches for everything before it.
 */
export function verifyChain(
  ops: readonly Op[],
  publicKeyPem: string,
  rotations?: ReadonlyMap<number, string>,
): ChainProblem[] {
  const verifier = new ChainVerifier(publicKeyPem, rotations);
  const sorted = [...ops].sort((a, b) => a.seq - b.seq);
  return [...sorted.flatMap((op) => verifier.next(op)), ...verifier.end()];
}
