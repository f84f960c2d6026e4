import type { StationCore } from '../core/core';
import { getMeta, setMeta } from '../db/queries/meta';
import { opsByTypeAndVersion, opsOfVersions, removeOps } from '../db/queries/op-versions';
import { applyOps } from './apply';
import { OP_KEYS, isKnownOp, opKey } from './op-catalogue';

// local_meta: the op catalogue the station's effects were last derived with.
const META_KEY = 'op-catalogue';

/**
 * After an upgrade: ops the station stored while its build could not read them (a newer
 * build's, DECISIONS.md 2) take effect now that it can. The catalogue the effects were derived
 * with is kept in local_meta; the stored ops of each type@v new since then go through applyOps
 * again, in one transaction (taken out of the log and put back with the same bytes, since
 * applyOps skips ops it holds), which re-derives their subjects from the whole set as a peer's
 * ops would. Returns how many ops it applied again.
 *
 * A folder last run by a build from before this record (no catalogue in local_meta) is taken as
 * derived with this catalogue: which of its ops went unread is not known. mention.ingest is not
 * applied again (its mentions are derived from the rows an apply adds, not re-folded).
 */
export async function applyNewlyKnownOps(core: StationCore): Promise<number> {
  const now = JSON.stringify(OP_KEYS);
  const before = await getMeta(core.db, META_KEY);
  if (before === now) return 0;
  let again = 0;
  if (before !== undefined) {
    const had = new Set(JSON.parse(before) as string[]);
    const { rows } = await opsByTypeAndVersion(core.read);
    const keys = rows
      .filter((r) => r.type !== 'mention.ingest' && isKnownOp(r.type, r.v))
      .map((r) => opKey(r.type, r.v))
      .filter((k) => !had.has(k));
    const ops = await opsOfVersions(core.read, keys);
    if (ops.length > 0)
      await core.db.transaction(async (tx) => {
        await removeOps(
          tx,
          ops.map((o) => o.id),
        );
        again = (await applyOps(tx, ops, { fresh: false })).ops.length;
      });
  }
  await setMeta(core.db, META_KEY, now);
  return again;
}
