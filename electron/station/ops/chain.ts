import { HlcClock } from '../../../shared/sync/hlc';
import type { Op, OpDraft } from './op';
import { canonicalJson, opIdOf } from './op-id';
import { hasLazyPayload, withLazyPayload } from './lazy-payload';
import { payloadHashOf } from './payload-hash';
import { signOpId, type StationKey } from './station-key';

/**
 * A signature at least every this many payload bytes, besides the one on each batch's last op:
 * peers ship and verify chains up to a signed op, so a large import (megabytes in one
 * transaction) still travels in pieces well below socket.io's 1 MB message limit.
 */
export const SIGN_EVERY_BYTES = 256 * 1024;
/**
 * …and at least every this many ops: a peer takes at most 2,000 ops a batch (sync/peer-batch.ts
 * MAX_BATCH_OPS) and a batch must end at a signature, so a commit of thousands of small ops (a
 * wave of claims, assignments) still ships in pieces.
 */
export const SIGN_EVERY_OPS = 500;

/** Where this station's chain stands: its last seq and op id. */
export type ChainHead = { seq: number; id: string | null; hlc: string | null };

/**
 * This station's side of the log: gives each draft its seq, HLC, payload hash, id and link to the
 * previous op, and signs the last op of each batch (one signature vouches for the whole batch,
 * since signing every op would cap ingest at ~19k ops/s).
 */
export class OpChain {
  readonly clock: HlcClock;
  private head: ChainHead;
  /** A key waiting for its rotation op: it signs from the op after it, once that op commits. */
  private rotation: { key: StationKey; seq: number | null } | null = null;

  constructor(
    private key: StationKey,
    head: ChainHead,
    now?: () => number,
  ) {
    this.clock = new HlcClock(key.stationId, now);
    this.clock.restore(head.hlc);
    this.head = head;
  }

  /** The station id every op of this chain carries as origin. */
  get origin(): string {
    return this.key.stationId;
  }

  /** The current chain head. */
  get current(): ChainHead {
    return this.head;
  }

  /**
   * Seals drafts into ops. The head only moves when `commit` is called with the result, after
   * the transaction holding them committed; a rolled-back batch leaves the chain as it was.
   */
  seal(drafts: readonly OpDraft[]): { ops: Op[]; head: ChainHead } {
    let { seq, id: prev } = this.head;
    const ops: Op[] = [];
    let unsignedBytes = 0;
    let unsignedOps = 0;
    for (const d of drafts) {
      seq += 1;
      const hlc = this.clock.tick();
      const payloadJson = d.payloadJson ?? canonicalJson(d.payload);
      const payloadHash = d.payloadHash ?? payloadHashOf(d.type, d.payload);
      const origin = this.origin;
      const id = opIdOf({
        origin,
        seq,
        hlc,
        actor: d.actor,
        type: d.type,
        v: d.v,
        payloadHash,
        prev,
      });
      const lazy = hasLazyPayload(d);
      const op: Op = {
        id,
        origin,
        seq,
        hlc,
        actor: d.actor,
        type: d.type,
        v: d.v,
        payload: lazy ? null : d.payload,
        payloadHash,
        prev,
        sig: null,
        subject: d.subject,
        payloadJson,
      };
      if (d.payloadItems !== undefined) op.payloadItems = d.payloadItems;
      if (
        d.type === 'station.rotate-key' &&
        (d.payload as { publicKey?: unknown } | null)?.publicKey === this.rotation?.key.publicKeyPem
      )
        (this.rotation as { seq: number | null }).seq = seq;
      ops.push(lazy ? withLazyPayload(op, payloadJson) : op);
      prev = id;
      unsignedBytes += payloadJson.length;
      unsignedOps += 1;
      if (unsignedBytes >= SIGN_EVERY_BYTES || unsignedOps >= SIGN_EVERY_OPS) {
        (ops.at(-1) as Op).sig = signOpId(this.key, id);
        unsignedBytes = 0;
        unsignedOps = 0;
      }
    }
    const last = ops.at(-1);
    if (last && last.sig === null) last.sig = signOpId(this.key, last.id);
    return { ops, head: last ? { seq: last.seq, id: last.id, hlc: last.hlc } : this.head };
  }

  /** Moves the head after a committed batch (and to a rotated key once its op is in). */
  commit(head: ChainHead): void {
    this.head = head;
    const r = this.rotation;
    if (r?.seq != null && head.seq >= r.seq) {
      this.key = r.key;
      this.rotation = null;
    }
  }

  /**
   * Readies a key rotation on a running station: the station.rotate-key op naming `key` is sealed
   * (and signed) with the current key, and the ops after it with `key`.
   */
  prepareRotation(key: StationKey): void {
    this.rotation = { key, seq: null };
  }

  /** Drops a rotation whose op did not commit, back to the key that signed before it. */
  cancelRotation(previous: StationKey): void {
    this.rotation = null;
    this.key = previous;
  }

  /** The key that signs this chain's next batch. */
  get signingKey(): StationKey {
    return this.key;
  }
}
