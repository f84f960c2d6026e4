import type { Op } from '../ops/op';
import { StationAdmitV1 } from '../ops/payloads';
import { stationIdOf } from '../ops/station-key';

/** An op that counts only once a valid signature at or after it vouches for it. */
export type Vouchable = {
  /** The chain it sits in, and where. */
  by: string;
  seq: number;
  /** The seq of the first signed op at or after it, once seen. */
  vouchSeq?: number;
};

/** A station admission found in a ledger. */
export type Admission = Vouchable & { station: string; publicKey: string };

/** What membership needs to know of a verified chain. */
export type ChainTrust = {
  /** The key its signatures were checked with (null: none known, so not checked). */
  publicKey: string | null;
  /** The lowest seq with a problem (Infinity when none). */
  firstProblemSeq: number;
};

/** The public key a station id belongs to, if `publicKey` is one (ids derive from keys). */
export function keyOfStation(stationId: string, publicKey: string): string | null {
  try {
    return stationIdOf(publicKey) === stationId ? publicKey : null;
  } catch {
    return null; // not a readable key
  }
}

/** The admission an op carries, if it is well formed and names the station its key belongs to. */
export function admissionIn(op: Op): Admission | null {
  if (op.type !== 'station.admit' || op.payload === null) return null;
  const parsed = StationAdmitV1.safeParse(op.payload);
  if (!parsed.success) return null;
  const publicKey = keyOfStation(parsed.data.stationId, parsed.data.publicKey);
  if (publicKey === null) return null;
  return { station: parsed.data.stationId, publicKey, by: op.origin, seq: op.seq };
}

/** Whether a signature checked with its station's key vouches for the op, with no problem before it. */
export function vouched(x: Vouchable, chain: ChainTrust | undefined): boolean {
  if (!chain || chain.publicKey === null || x.vouchSeq === undefined) return false;
  return x.vouchSeq < chain.firstProblemSeq;
}

/**
 * The stations the ledger's own ops make members (DECISIONS.md 12): the station that created the
 * room (its vouched-for genesis op) may admit, itself included; then, until nothing changes, every
 * member may admit. An admission counts when vouched for in its admitter's chain and naming the
 * key the admitted station's own chain was checked with.
 */
export function membersOf(
  genesis: Vouchable | undefined,
  admissions: readonly Admission[],
  chains: ReadonlyMap<string, ChainTrust>,
): Set<string> {
  const members = new Set<string>();
  if (!genesis || !vouched(genesis, chains.get(genesis.by))) return members;
  const admits = (origin: string) => origin === genesis.by || members.has(origin);
  let grew = true;
  while (grew) {
    grew = false;
    for (const a of admissions) {
      if (members.has(a.station) || !admits(a.by) || !vouched(a, chains.get(a.by))) continue;
      const own = chains.get(a.station);
      if (own && own.publicKey !== a.publicKey) continue;
      members.add(a.station);
      grew = true;
    }
  }
  return members;
}
