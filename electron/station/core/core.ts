import { EventEmitter } from 'node:events';
import { CACHE_KIB, openDb, openReadDb, type Db, type Sql } from '../db/connection';
import { Checkpointer, WRITER_CHECKPOINT_PAGES } from '../db/checkpointer';
import { migrate } from '../db/migrate';
import { buildMentionIndexes, dropMentionIndexes } from '../db/queries/mention-indexes';
import { chainHeadOf } from '../db/queries/ops';
import { versionVectorOf } from '../db/queries/sync';
import type { VersionVector } from '../../../shared/sync/version-vector';
import { applyOps, type Applied } from '../ops/apply';
import { OpChain } from '../ops/chain';
import type { Op, OpDraft } from '../ops/op';
import type { StationKey } from '../ops/station-key';
import { checkPeerBatch, memberKeysOf } from '../sync/peer-batch';
import { acquireLock, dataPaths, loadOrCreateKey } from './data-dir';
import { loadOrCreateTlsIdentity, type TlsIdentity } from './tls-identity';
import { clearCatchUpMarker, needsCatchUp } from '../backup/catch-up-marker';
import { backupBeforeMigration } from '../backup/pre-migration-backup';
import { settleKeyRotation } from '../room/key-rotation';
import { roomClosureOf, type RoomClosure } from '../db/queries/room-closure';

/** Refused while a station restored from a backup has not caught up on its own chain yet. */
export class CatchingUpError extends Error {
  constructor() {
    super(
      'this station was restored from a backup and records nothing until a peer of the room has caught it up on its own ops (see holdline restore)',
    );
  }
}

/** Refused while the room is closed (read-only): only an admin's reopening is recorded. */
export class RoomClosedError extends Error {
  constructor(readonly closure: RoomClosure) {
    super(
      `the war room is closed (read-only)${closure.reason ? `: ${closure.reason}` : ''}; an admin can reopen it`,
    );
  }
}

// Op types a closed room still records.
const RECORDED_WHEN_CLOSED = new Set(['room.reopen']);

// The writer's checkpoint threshold during bulk writes (pages of 4 KB; the background
// checkpointer runs rarely meanwhile).
const BULK_CHECKPOINT_PAGES = 50_000;
// Page cache while bulk writes run (KiB; CACHE_KIB otherwise).
const BULK_CACHE_KIB = 256_000;
/** Events a core emits after each committed batch. */
export type CoreEvents = { applied: [Applied]; rotated: [] };

/**
 * The station without its network: the database, this station's chain and the one way to change
 * state — `commit`, which seals drafts into ops and writes them with their effects in one
 * transaction.
 */
export class StationCore extends EventEmitter<CoreEvents> {
  /** Bumped after every applied batch, so caches of derived figures know they are stale. */
  generation = 0;
  private bulkWriters = 0;
  /** Member stations' public keys for checking peer batches (memberKeysOf), until the room changes. */
  private members: Map<string, string> | null = null;
  private mentionIndexesDeferred = false;
  /** Restored from a backup and not caught up yet (backup/catch-up-marker.ts). */
  private catchingUp: boolean;
  /** The room's closure while it is closed (read-only), kept in step with room ops. */
  private closure: RoomClosure | null = null;

  private constructor(
    readonly dataDir: string,
    readonly db: Db,
    readonly read: Sql & { close(): Promise<void> },
    /** This station's signing key (replaced by a key rotation: useRotatedKey). */
    public key: StationKey,
    /** This station's TLS identity (replaced with the key). */
    public tls: TlsIdentity,
    readonly chain: OpChain,
    private readonly releaseLock: () => void,
    private readonly held: VersionVector,
    private readonly checkpointer: Checkpointer,
  ) {
    super();
    // Every subsystem of a station (desks, sync, schedulers, connectors…) follows applied batches.
    this.setMaxListeners(50);
    this.catchingUp = needsCatchUp(dataDir);
  }

  /** True while this station, restored from a backup, waits for a peer to catch it up. */
  get isCatchingUp(): boolean {
    return this.catchingUp;
  }

  /**
   * A sync with a peer completed: when the peer holds no more of this station's own chain than
   * this station does (`theirSeq`), a restored station may record again.
   */
  caughtUpWith(theirSeq: number | undefined): void {
    if (!this.catchingUp || (theirSeq ?? 0) > (this.held[this.stationId] ?? 0)) return;
    this.catchingUp = false;
    clearCatchUpMarker(this.dataDir);
  }

  /** The highest seq held of each origin's chain (kept in step with every write, no query). */
  vector(): VersionVector {
    return { ...this.held };
  }

  private noteHeld(ops: readonly Op[]): void {
    let own: Op | null = null;
    for (const op of ops) {
      if ((this.held[op.origin] ?? 0) < op.seq) this.held[op.origin] = op.seq;
      if (op.origin === this.stationId && op.seq > (own?.seq ?? this.chain.current.seq)) own = op;
    }
    // This station's own ops coming back from a peer: a station restored from a backup catching
    // up on what it wrote after the backup. Its next op must chain on from them, not fork.
    if (own) this.chain.commit({ seq: own.seq, id: own.id, hlc: own.hlc });
  }

  /** Opens a data folder (taking its lock), migrating the schema to the latest. */
  static async open(dataDir: string, opts: { now?: () => number } = {}): Promise<StationCore> {
    const release = acquireLock(dataDir);
    try {
      let key = loadOrCreateKey(dataDir);
      const db = await openDb(dataPaths(dataDir).db);
      await migrate(db, undefined, {
        beforeMigrating: async (from, to) => {
          const taken = await backupBeforeMigration(dataDir, from, to);
          console.error(`backed up to ${taken.file} before migrating schema ${from} → ${to}`);
        },
      });
      // A key rotation a crash interrupted is finished (or undone) before the key signs anything.
      key = await settleKeyRotation(dataDir, db, key);
      // A station stopped in the middle of a large import gets its deferred indexes back.
      await db.transaction((tx) => buildMentionIndexes(tx));
      const read = await openReadDb(dataPaths(dataDir).db);
      const head = await chainHeadOf(db, key.stationId);
      const chain = new OpChain(key, head ?? { seq: 0, id: null, hlc: null }, opts.now);
      const tls = await loadOrCreateTlsIdentity(dataDir, key.stationId);
      const held = await versionVectorOf(read, key.stationId);
      const closure = await roomClosureOf(db);
      // Checkpoints run beside the writer, not in its commits (db/checkpointer.ts).
      let core: StationCore | null = null;
      const checkpointer = await Checkpointer.start(dataPaths(dataDir).db, {
        bulk: () => (core?.bulkWriters ?? 0) > 0,
      });
      await db.exec(`PRAGMA wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
      core = new StationCore(dataDir, db, read, key, tls, chain, release, held, checkpointer);
      core.closure = closure;
      return core;
    } catch (err) {
      release();
      throw err;
    }
  }

  /** The room's closure while it is closed (read-only); null while it is open. */
  get closedRoom(): RoomClosure | null {
    return this.closure;
  }

  /** Re-reads what room ops decide here (members, closure) after a batch changed the room. */
  private async roomChanged(): Promise<void> {
    this.members = null;
    this.closure = await roomClosureOf(this.db);
  }

  /**
   * After a key rotation committed on this running station: handshakes are signed with the new
   * key and the new certificate is served from now on (the chain switched at the commit).
   */
  useRotatedKey(key: StationKey, tls: TlsIdentity): void {
    this.key = key;
    this.tls = tls;
    this.emit('rotated');
  }

  /** This station's id. */
  get stationId(): string {
    return this.key.stationId;
  }

  /** Records drafts as this station's ops and applies them, all in one transaction. */
  async commit(drafts: readonly OpDraft[]): Promise<Applied> {
    if (this.catchingUp && drafts.length > 0) throw new CatchingUpError();
    if (this.closure && drafts.some((d) => !RECORDED_WHEN_CLOSED.has(d.type)))
      throw new RoomClosedError(this.closure);
    if (drafts.length === 0)
      return {
        ops: [],
        ingested: 0,
        newMentions: 0,
        mentionsChanged: [],
        operatorsChanged: false,
        roomChanged: false,
        runsChanged: [],
        alertsRaised: false,
        messagesChanged: [],
      };
    let applied: Applied;
    try {
      applied = await this.db.transaction(async (tx) => {
        const sealed = this.chain.seal(drafts);
        const result = await applyOps(tx, sealed.ops, { fresh: true });
        // Moved before COMMIT so the next queued transaction chains on; undone below if COMMIT fails.
        this.chain.commit(sealed.head);
        return result;
      });
    } catch (err) {
      const head = await chainHeadOf(this.db, this.stationId);
      this.chain.commit(head ?? { seq: 0, id: null, hlc: null });
      throw err;
    }
    this.noteHeld(applied.ops);
    if (applied.roomChanged) await this.roomChanged();
    this.generation += 1;
    this.emit('applied', applied);
    return applied;
  }

  /**
   * Applies ops recorded elsewhere (a peer, an export). Transport checks — schema, signature,
   * chain, membership — happen before this (DECISIONS.md 2); ops already here are skipped.
   */
  async applyReplicated(ops: readonly Op[]): Promise<Applied> {
    const applied = await this.db.transaction((tx) => applyOps(tx, ops, { fresh: false }));
    if (applied.roomChanged) await this.roomChanged();
    for (const op of applied.ops) this.chain.clock.receive(op.hlc);
    this.noteHeld(applied.ops);
    if (applied.ops.length > 0) {
      this.generation += 1;
      this.emit('applied', applied);
    }
    return applied;
  }

  /**
   * Runs a bulk write (an import) with rare checkpoints and a larger page cache: each commit of a
   * large import touches pages all over the mention indexes, and checkpointing after every commit
   * wrote them twice and synced each time (measured at 1M mentions: 68 → 57 µs a mention). The
   * write-ahead log may grow to ~200 MB meanwhile; it is checkpointed, the cache shrunk and any
   * deferred indexes built when the last bulk write ends.
   */
  async bulkWrites<T>(fn: () => Promise<T>): Promise<T> {
    if (this.bulkWriters++ === 0)
      await this.db.exec(
        `PRAGMA wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}; PRAGMA cache_size = -${BULK_CACHE_KIB}`,
      );
    try {
      return await fn();
    } finally {
      if (--this.bulkWriters === 0) {
        await this.buildMentionIndexes();
        await this.db.exec(
          `PRAGMA wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}; PRAGMA cache_size = -${CACHE_KIB}`,
        );
        await this.checkpointer.checkpoint();
      }
    }
  }

  /**
   * Inside a bulk write: drops the mention table's secondary indexes until the bulk write ends,
   * for an import that will at least double the table (db/queries/mention-indexes.ts). Queue
   * orders and author history read without them meanwhile (slower, still right).
   */
  async deferMentionIndexes(): Promise<void> {
    if (this.bulkWriters === 0) throw new Error('indexes can only be deferred inside bulkWrites');
    await this.db.transaction((tx) => dropMentionIndexes(tx));
    this.mentionIndexesDeferred = true;
  }

  /** True while a bulk write has the mention indexes deferred. */
  get mentionIndexesAreDeferred(): boolean {
    return this.mentionIndexesDeferred;
  }

  /** Builds deferred mention indexes now (an import's last step; bulkWrites does it at the latest). */
  async buildMentionIndexes(): Promise<void> {
    if (!this.mentionIndexesDeferred) return;
    await this.db.transaction((tx) => buildMentionIndexes(tx));
    this.mentionIndexesDeferred = false;
  }

  /**
   * Checks a batch from a peer at the door (sync/peer-batch.ts) and applies what is new, in one
   * transaction, so the check sees exactly the state it extends. Throws BatchRefused, storing
   * nothing, when any op fails a check.
   */
  async applyFromPeer(raw: unknown): Promise<{ applied: Applied; alreadyHeld: number }> {
    const result = await this.db.transaction(async (tx) => {
      this.members ??= await memberKeysOf(tx);
      const checked = await checkPeerBatch(tx, raw, this.members);
      const applied = await applyOps(tx, checked.fresh, { fresh: false, unheld: true });
      // An admission (or any room op) may change who is a member.
      if (applied.roomChanged) this.members = null;
      return { applied, alreadyHeld: checked.alreadyHeld };
    });
    if (result.applied.roomChanged) await this.roomChanged();
    for (const op of result.applied.ops) this.chain.clock.receive(op.hlc);
    this.noteHeld(result.applied.ops);
    if (result.applied.ops.length > 0) {
      this.generation += 1;
      this.emit('applied', result.applied);
    }
    return result;
  }

  private readonly closers = new Set<() => Promise<void>>();

  /** Runs `fn` (and waits for it) when the core closes, before the database does. */
  onClose(fn: () => Promise<void>): void {
    this.closers.add(fn);
  }

  /** Closes the database and releases the folder. */
  async close(): Promise<void> {
    for (const fn of this.closers) await fn();
    this.closers.clear();
    await this.checkpointer.close();
    await this.read.close();
    await this.db.close();
    this.releaseLock();
  }
}
