import type { Sql } from '../db/connection';
import { listStations } from '../db/queries/people';
import { loadBootstrap } from '../room/join';
import { idsAtSeqs } from '../db/queries/sync';
import { chainHeadOf } from '../db/queries/ops';
import { OpSchema, type Op } from '../ops/op';
import { opIdOf } from '../ops/op-id';
import { payloadHashOf } from '../ops/payload-hash';
import { PAYLOADS, StationAdmitV1 } from '../ops/payloads';
import { WITHHOLDABLE_OPS } from '../ops/privacy-payloads';
import { stationIdOf, verifyOpSig } from '../ops/station-key';
import { keySchedules, revocationPoints } from '../db/queries/revocations';
import { rotationIsSound } from '../ops/reducers/stations';
import { StationRotateKeyV1 } from '../ops/station-payloads';

import { MAX_BATCH_BYTES, MAX_BATCH_OPS } from '../../../shared/contract/peer';

export { MAX_BATCH_BYTES, MAX_BATCH_OPS };

/** Why a peer's batch was refused at the door (DECISIONS.md 2): logged, nothing stored. */
export class BatchRefused extends Error {}

/** A batch that starts past the end of what this station holds: not wrong, just early (pull). */
export class ChainGap extends BatchRefused {}

/**
 * A batch that passed every check: the ops this station does not hold yet, in chain order, and
 * how many were left out as made by a revoked station past its revocation point.
 */
export type CheckedBatch = { fresh: Op[]; alreadyHeld: number; revoked?: number };

/**
 * The checks of a peer's batch that need no database: a list within the limits, each op's schema
 * and payload schema (for the op types and versions this build knows; newer ones are kept without
 * effect), and each payload hash and op id recomputed. Pure CPU. (Running it on the next piece
 * while the database applied the last was measured slower on one machine: 10 % at 100k ops.)
 */
export function precheckPeerBatch(raw: unknown): Op[] {
  if (!Array.isArray(raw)) throw new BatchRefused('a batch must be a list of ops');
  if (raw.length > MAX_BATCH_OPS)
    throw new BatchRefused(`batch of ${raw.length} ops is over the limit of ${MAX_BATCH_OPS}`);
  const ops: Op[] = [];
  let bytes = 0;
  raw.forEach((candidate, i) => {
    const parsed = OpSchema.safeParse(candidate);
    if (!parsed.success)
      throw new BatchRefused(`op ${i} is malformed: ${parsed.error.issues[0]?.message ?? '?'}`);
    const op = parsed.data as Op;
    if (op.payload === undefined) throw new BatchRefused(`op ${op.id} has no payload`);
    // A withheld payload (an erasure's stub: DECISIONS.md 1) travels as null, only for op types
    // an erasure may withhold; the op id still binds its payload hash.
    if (op.payload === null && !WITHHOLDABLE_OPS.has(op.type))
      throw new BatchRefused(`op ${op.id} has no payload`);
    const schema = PAYLOADS[op.type]?.[op.v];
    if (op.payload !== null && schema && !schema.safeParse(op.payload).success)
      throw new BatchRefused(`op ${op.id} (${op.type} v${op.v}) has a malformed payload`);
    bytes += JSON.stringify(op.payload).length;
    if (bytes > MAX_BATCH_BYTES)
      throw new BatchRefused(
        `batch of over ${bytes} payload bytes is over the limit of ${MAX_BATCH_BYTES}`,
      );
    if (op.payload !== null && payloadHashOf(op.type, op.payload) !== op.payloadHash)
      throw new BatchRefused(`op ${op.id}'s payload does not match its hash (altered)`);
    if (opIdOf(op) !== op.id)
      throw new BatchRefused(`op ${op.id}'s header does not match its id (altered)`);
    ops.push(op);
  });
  return ops;
}

/**
 * The public keys of the stations whose ops this station takes: the admitted ones, and, for a
 * station that just joined, the members named by the one it joined through (the join code
 * vouches for that answer) until the room's own admissions arrive.
 */
export async function memberKeysOf(sql: Sql): Promise<Map<string, string>> {
  const keys = new Map((await listStations(sql)).map((s) => [s.id, s.public_key]));
  for (const m of (await loadBootstrap(sql))?.members ?? [])
    if (!keys.has(m.stationId)) keys.set(m.stationId, m.publicKey);
  return keys;
}

/**
 * Checks a batch of ops from a peer before anything reaches the database: the prechecks, then each op's origin admitted (by the stations table or by an admission earlier
 * in the batch), each chain contiguous with what is held, and every signature verified, each
 * origin's last op signed. Ops already held are dropped; a different op at a held place is a
 * fork. Throws BatchRefused with the first problem found. `members` (memberKeysOf) saves the
 * look-up when the caller keeps them.
 */
export async function checkPeerBatch(
  sql: Sql,
  raw: unknown,
  members?: ReadonlyMap<string, string>,
): Promise<CheckedBatch> {
  const ops = precheckPeerBatch(raw);
  const keys = new Map(members ?? (await memberKeysOf(sql)));
  const byOrigin = new Map<string, Op[]>();
  for (const op of ops) byOrigin.set(op.origin, [...(byOrigin.get(op.origin) ?? []), op]);

  const fresh: Op[] = [];
  let alreadyHeld = 0;
  let revoked = 0;
  const points = await revocationPoints(sql);
  const schedules = await keySchedules(sql);
  // Origins are checked once their admission is known: held here, or in a chain checked before.
  const pending = new Set(byOrigin.keys());
  while (pending.size > 0) {
    const ready = [...pending].filter((o) => keys.has(o));
    if (ready.length === 0)
      throw new BatchRefused(`station ${[...pending][0]} is not an admitted member of this room`);
    for (const origin of ready) {
      pending.delete(origin);
      const all = (byOrigin.get(origin) as Op[]).sort((a, b) => a.seq - b.seq);
      // A revoked station is a member no more: nothing of its chain past the point gets in.
      const point = points.get(origin) ?? Infinity;
      const chain = all.filter((o) => o.seq <= point);
      revoked += all.length - chain.length;
      const keyAt = keyScheduleOf(keys.get(origin) as string, schedules.get(origin));
      const checked = await checkChain(sql, origin, chain, keyAt);
      alreadyHeld += chain.length - checked.length;
      for (const op of checked) {
        fresh.push(op);
        if (op.type === 'station.admit') {
          const admit = StationAdmitV1.safeParse(op.payload);
          // A station id is derived from its key: an admission naming someone else's id admits no one.
          if (admit.success && stationIdOf(admit.data.publicKey) === admit.data.stationId)
            keys.set(admit.data.stationId, admit.data.publicKey);
        }
      }
    }
  }
  return revoked > 0 ? { fresh, alreadyHeld, revoked } : { fresh, alreadyHeld };
}

/** The key in force at each seq of a chain: its admission's, then each rotation's from its next seq. */
export function keyScheduleOf(
  admitted: string,
  rotations: ReadonlyMap<number, string> | undefined,
): (seq: number) => string {
  const steps = [...(rotations ?? new Map<number, string>())].sort((a, b) => a[0] - b[0]);
  return (seq) => {
    let key = admitted;
    for (const [from, k] of steps) if (from <= seq) key = k;
    return key;
  };
}

/** Checks one origin's ops (sorted by seq); returns those not held yet. */
async function checkChain(
  sql: Sql,
  origin: string,
  chain: Op[],
  keyAt: (seq: number) => string,
): Promise<Op[]> {
  // A rotation in this very batch moves the key for the ops after it (its sound proof checked).
  const rotatedAt = new Map<number, string>();
  const publicKeyAt = (seq: number): string => {
    let from = 0;
    let key = keyAt(seq);
    for (const [at, k] of rotatedAt) if (at <= seq && at > from) [from, key] = [at, k];
    return key;
  };
  const tip = await chainHeadOf(sql, origin);
  // Nothing past the tip is held: a push that continues the chain needs no look-up.
  const first = chain[0]?.seq ?? 0;
  const held =
    first > (tip?.seq ?? 0)
      ? new Map<number, string>()
      : await idsAtSeqs(
          sql,
          origin,
          chain.map((o) => o.seq),
        );
  let prevSeq = tip?.seq ?? 0;
  let prevId = tip?.id ?? null;
  const fresh: Op[] = [];
  for (const op of chain) {
    const there = held.get(op.seq);
    if (there !== undefined) {
      if (there !== op.id)
        throw new BatchRefused(`station ${origin} has two different ops at seq ${op.seq} (a fork)`);
      continue;
    }
    if (op.seq !== prevSeq + 1)
      throw new ChainGap(
        `station ${origin}'s chain has a gap: seq ${op.seq} arrived after ${prevSeq}`,
      );
    if (op.prev !== prevId)
      throw new BatchRefused(`op ${op.id} does not link to the op before it (broken chain)`);
    if (op.sig !== null && !verifyOpSig(publicKeyAt(op.seq), op.id, op.sig))
      throw new BatchRefused(`op ${op.id} has a bad signature (forged)`);
    if (op.type === 'station.rotate-key') {
      // Signed by the key it replaces (so it must carry its own signature), proved by the new one.
      if (!rotationIsSound(op))
        throw new BatchRefused(`op ${op.id} is a key rotation without its own signature and proof`);
      rotatedAt.set(op.seq + 1, StationRotateKeyV1.parse(op.payload).publicKey);
    }
    fresh.push(op);
    prevSeq = op.seq;
    prevId = op.id;
  }
  const last = fresh.at(-1);
  if (last && last.sig === null)
    throw new BatchRefused(`station ${origin}'s ops end at op ${last.id}, which is not signed`);
  return fresh;
}
