import { openDb } from '../db/connection';
import { stateDigest } from '../db/digest';
import { migrate } from '../db/migrate';
import { countOps, opsOfOrigin, origins } from '../db/queries/ops';
import { listStations } from '../db/queries/people';
import { integrityProblems, schemaVersion } from '../db/snapshot';
import { verifyChain } from '../ops/verify-chain';

/** What checking a restored database found. */
export type StationDbCheck = {
  problems: string[];
  ops: number;
  chains: number;
  /** Admitted stations of the room (more than one: there are peers to catch up from). */
  stations: number;
  digest: string;
  /** The schema it had before this build migrated it, when it was older. */
  migratedFrom: number | null;
};

/**
 * Checks a database copy as `holdline verify` checks a station: PRAGMA integrity_check, then
 * every origin's chain (hashes, prev links, signatures against the admitted station's key). A
 * copy of an older schema is migrated first, as the station would on start.
 */
export async function checkStationDb(file: string): Promise<StationDbCheck> {
  const db = await openDb(file);
  try {
    const problems = (await integrityProblems(db)).map((p) => `integrity: ${p}`);
    if (problems.length > 0)
      return { problems, ops: 0, chains: 0, stations: 0, digest: '', migratedFrom: null };
    const before = await schemaVersion(db);
    const applied = await migrate(db);
    const stations = await listStations(db);
    const keys = new Map(stations.map((s) => [s.id, s.public_key]));
    const all = await origins(db);
    for (const origin of all) {
      const key = keys.get(origin);
      if (!key) {
        problems.push(`chain ${origin}: not an admitted station`);
        continue;
      }
      for (const p of verifyChain(await opsOfOrigin(db, origin), key).slice(0, 3))
        problems.push(`chain ${origin} seq ${p.seq}: ${p.reason}`);
    }
    return {
      problems,
      ops: await countOps(db),
      chains: all.length,
      stations: stations.length,
      digest: await stateDigest(db),
      migratedFrom: applied.length > 0 ? before : null,
    };
  } finally {
    await db.close();
  }
}
