import type { StationCore } from '../core/core';
import type { UnreadOpCounts } from '../../../shared/contract/peer-about';
import { isKnownOp, opKey } from './op-catalogue';
import { opsByTypeAndVersion } from '../db/queries/op-versions';

/** Stored ops this build cannot interpret, by type@v (a newer build's: DECISIONS.md 2). */
export type UnreadCounts = UnreadOpCounts;

const TRACKERS = new WeakMap<StationCore, UnreadOps>();

/** The counter of a core's stored ops this build cannot interpret (one per core). */
export function unreadOpsOf(core: StationCore): UnreadOps {
  let t = TRACKERS.get(core);
  if (!t) {
    t = new UnreadOps(core);
    TRACKERS.set(core, t);
  }
  return t;
}

/** Adds ops counted by type and version to `into`, keeping those outside this build's catalogue. */
export function unreadOf(
  rows: readonly { type: string; v: number; n: number }[],
  into: UnreadCounts = { total: 0, byOp: {} },
): UnreadCounts {
  for (const r of rows)
    if (!isKnownOp(r.type, r.v)) {
      const k = opKey(r.type, r.v);
      into.byOp[k] = (into.byOp[k] ?? 0) + r.n;
      into.total += r.n;
    }
  return into;
}

/**
 * Counts a station's stored ops this build cannot interpret: the whole log once (it has no
 * index by type), then on each ask only the rows added since (a range of rowids: the log only
 * grows).
 */
export class UnreadOps {
  private counts: UnreadCounts = { total: 0, byOp: {} };
  private after = 0;
  private reading: Promise<UnreadCounts> | null = null;

  constructor(private readonly core: StationCore) {}

  /** The counts now. */
  current(): Promise<UnreadCounts> {
    this.reading ??= this.read().finally(() => (this.reading = null));
    return this.reading;
  }

  private async read(): Promise<UnreadCounts> {
    const { rows, lastRowid } = await opsByTypeAndVersion(this.core.read, this.after);
    unreadOf(rows, this.counts);
    this.after = Math.max(this.after, lastRowid);
    return { total: this.counts.total, byOp: { ...this.counts.byOp } };
  }
}
