import { openDb } from '../db/connection';
import { stateDigest } from '../db/digest';
import { countOps } from '../db/queries/ops';
import { getRoom } from '../db/queries/people';
import { schemaVersion } from '../db/snapshot';

/** What a backup's manifest says about the database it holds. */
export type StationFacts = {
  schema: number;
  ops: number;
  digest: string | null;
  warRoomId: string | null;
  warRoom: string | null;
};

/**
 * Reads the facts of a database copy (not the live one): schema, op count, room and, unless
 * asked not to (a copy of an older schema, taken before migrating), its state digest.
 */
export async function factsOf(file: string, opts: { digest: boolean }): Promise<StationFacts> {
  const db = await openDb(file);
  try {
    const room = await getRoom(db);
    return {
      schema: await schemaVersion(db),
      ops: await countOps(db),
      digest: opts.digest ? await stateDigest(db) : null,
      warRoomId: room?.id ?? null,
      warRoom: room?.name ?? null,
    };
  } finally {
    await db.close();
  }
}
