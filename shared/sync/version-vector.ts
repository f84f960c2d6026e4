import { z } from 'zod';

/** Highest seq held per origin station: what a station has of each chain. */
export type VersionVector = Record<string, number>;

/** zod schema for a version vector arriving from a peer (bounded: a room has few stations). */
export const VersionVectorSchema = z
  .record(z.string().min(1).max(64), z.number().int().min(0))
  .refine((v) => Object.keys(v).length <= 1_000, 'too many origins');

/** Where `theirs` is behind `mine`: per origin, the seq after which they need my ops. */
export function missingFrom(mine: VersionVector, theirs: VersionVector): Map<string, number> {
  const out = new Map<string, number>();
  for (const [origin, seq] of Object.entries(mine)) {
    const have = theirs[origin] ?? 0;
    if (have < seq) out.set(origin, have);
  }
  return out;
}

/** How many ops `theirs` holds that `mine` does not. */
export function opsBehind(mine: VersionVector, theirs: VersionVector): number {
  let n = 0;
  for (const [origin, seq] of Object.entries(theirs)) n += Math.max(0, seq - (mine[origin] ?? 0));
  return n;
}
