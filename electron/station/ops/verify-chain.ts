import type { Op } from './op';
import { opIdOf } from './op-id';
import { payloadHashOf } from './payload-hash';
import { verifyOpSig } from './station-key';

/** One thing wrong with a chain. */
export type ChainProblem = { seq: number; opId: string; reason: string };

/**
 * Verifies one origin's chain: seqs run 1..n without gaps, each op's id is the hash of its header,
 * each payload (where present) matches its hash, each `prev` names the op before, every signature
 * verifies, and the last op is signed, so the signature vouches for everything before it.
 */
export function verifyChain(ops: readonly Op[], publicKeyPem: string): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const sorted = [...ops].sort((a, b) => a.seq - b.seq);
  let prev: string | null = null;
  sorted.forEach((op, i) => {
    const at = (reason: string) => problems.push({ seq: op.seq, opId: op.id, reason });
    if (op.seq !== i + 1) at(`expected seq ${i + 1}`);
    if (op.prev !== prev) at('prev does not name the previous op');
    if (
      op.payload !== null &&
      op.payload !== undefined &&
      payloadHashOf(op.type, op.payload) !== op.payloadHash
    ) {
      at('payload does not match its hash');
    }
    if (opIdOf(op) !== op.id) at('id does not match the op header');
    if (op.sig !== null && !verifyOpSig(publicKeyPem, op.id, op.sig)) at('bad signature');
    prev = op.id;
  });
  const last = sorted.at(-1);
  if (last && last.sig === null) {
    problems.push({ seq: last.seq, opId: last.id, reason: 'chain head is not signed' });
  }
  return problems;
}
