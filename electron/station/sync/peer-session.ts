import {
  PeerChangedSchema,
  PeerPullSchema,
  PeerPushSchema,
  type PeerPull,
} from '../../../shared/contract/peer';
import {
  VersionVectorSchema,
  opsBehind,
  type VersionVector,
} from '../../../shared/sync/version-vector';
import type { StationCore } from '../core/core';
import { opsToShip } from '../db/queries/sync';
import { countMentions } from '../db/queries/mention-reads';
import type { Op } from '../ops/op';
import { PresenceSnapshotSchema, presenceBoardOf } from '../presence/presence-board';
import { decodeHlc } from '../../../shared/sync/hlc';
import type { LatencyWindow } from '../../../shared/sync/latency-window';
import { BatchRefused, ChainGap, MAX_BATCH_OPS } from './peer-batch';
import {
  PEER_ABOUT_EVENT,
  PeerAboutSchema,
  type PeerAbout,
} from '../../../shared/contract/peer-about';
import { APP_VERSION } from '../core/build-info';
import { CATALOGUE_VERSION, OP_KEYS } from '../ops/op-catalogue';

/**
 * Payload bytes asked for per pull (the most a pull may ask): fewer, larger transactions on a
 * catch-up (bench/sync: 7,500 → 8,900 ops/s from 256 KB). The answering side also keeps a
 * piece under MAX_BATCH_OPS and MAX_WIRE_BYTES (db/queries/sync.ts opsToShip).
 */
export const PULL_BYTES = 512 * 1024;
const ACK_TIMEOUT_MS = 30_000;
// A catch-up at least this many ops behind writes in bulk mode (fewer checkpoints, a larger cache).
const BULK_FROM_OPS = 10_000;
// …and at least this many, more than the mentions held, builds the mention indexes at its end.
const DEFER_INDEXES_FROM_OPS = 20_000;
// How long an announced op may take to arrive by its origin's own push before it is pulled.
const RELAY_GRACE_MS = 50;

/** The socket either end holds: socket.io's server Socket and client Socket both fit. */
export type PeerWire = {
  readonly connected: boolean;
  timeout(ms: number): { emitWithAck(event: string, arg: unknown): Promise<unknown> };
  emit(event: string, arg: unknown): unknown;
  on(event: string, handler: (...args: never[]) => void): unknown;
};

type Answer<T> = ({ ok: true } & T) | { ok: false; message: string };

/** What one session has done, for the peers panel and `holdline stats`. */
export type PeerSessionStatus = {
  applied: number;
  refused: string | null;
  behind: number;
  /** The peer's version vector as last heard. */
  theirs: VersionVector | null;
  /** What the peer said about its build (null: nothing, a build from before peer:about). */
  about: PeerAbout | null;
};

/**
 * One connection to one peer, symmetric: this side answers the peer's pulls from its own log
 * and pulls what it lacks from the peer — all of it after (re)connecting, then whatever the peer
 * says it has new. Pull-only means no op is ever pushed twice or lost: the version vectors say
 * exactly what is missing, whatever happened to the network in between.
 */
export class PeerSession {
  readonly status: PeerSessionStatus = {
    applied: 0,
    refused: null,
    behind: 0,
    theirs: null,
    about: null,
  };
  private running: Promise<void> | null = null;
  private again = false;
  private graceTimer: NodeJS.Timeout | null = null;
  /** Pushed ops waiting for the apply in flight. */
  private inbox: unknown[][] = [];
  private applyingPushes = false;

  constructor(
    private readonly core: StationCore,
    private readonly wire: PeerWire,
    readonly peerId: string,
    private readonly log: (line: string) => void,
    private readonly lag?: LatencyWindow,
  ) {
    wire.on('peer:vector', ((_: unknown, ack: (a: Answer<{ vector: VersionVector }>) => void) => {
      if (typeof ack !== 'function') return;
      ack({ ok: true, vector: core.vector() });
    }) as never);
    wire.on('peer:pull', ((input: unknown, ack: (a: Answer<{ ops: Op[] }>) => void) => {
      if (typeof ack !== 'function') return;
      const parsed = PeerPullSchema.safeParse(input);
      if (!parsed.success) return ack({ ok: false, message: 'bad pull request' });
      this.answerPull(parsed.data).then(
        (ops) => ack({ ok: true, ops }),
        () => ack({ ok: false, message: 'could not read the log' }),
      );
    }) as never);
    wire.on('peer:presence', ((input: unknown) => {
      const parsed = PresenceSnapshotSchema.safeParse(input);
      if (parsed.success) presenceBoardOf(core).merge(parsed.data);
    }) as never);
    wire.on('peer:ops', ((input: unknown) => {
      const parsed = PeerPushSchema.safeParse(input);
      if (!parsed.success) return;
      this.status.theirs = parsed.data.vector;
      this.takePush(parsed.data.ops);
    }) as never);
    wire.on(PEER_ABOUT_EVENT, ((input: unknown) => {
      const parsed = PeerAboutSchema.safeParse(input);
      if (parsed.success) this.status.about = parsed.data;
    }) as never);
    // Said now and after every reconnection (a dialling side keeps its session across them).
    this.sayAbout();
    wire.on('connect', (() => this.sayAbout()) as never);
    wire.on('peer:changed', ((input: unknown) => {
      const parsed = PeerChangedSchema.safeParse(input);
      if (!parsed.success) return;
      this.status.theirs = parsed.data.vector;
      this.pullIfStillBehind();
    }) as never);
  }

  /** Tells the peer this build's app version and op catalogue (shared/contract/peer-about.ts). */
  private sayAbout(): void {
    const about: PeerAbout = { app: APP_VERSION, catalogue: CATALOGUE_VERSION, ops: [...OP_KEYS] };
    if (this.wire.connected) this.wire.emit(PEER_ABOUT_EVENT, about);
  }

  /** Sends the peer who is on which mention, as this station knows it. */
  sharePresence(): void {
    if (this.wire.connected) this.wire.emit('peer:presence', presenceBoardOf(this.core).snapshot());
  }

  /** Tells the peer this station has new ops, up to `vector`. */
  announce(vector: VersionVector): void {
    if (this.wire.connected) this.wire.emit('peer:changed', { vector });
  }

  /**
   * Pulls what the peer announced, if it has not arrived otherwise within RELAY_GRACE_MS: in a
   * mesh most announcements are of ops their origin is pushing to this station directly, and a
   * pull racing that push only costs round trips.
   */
  private pullIfStillBehind(): void {
    if (this.graceTimer) return;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      const theirs = this.status.theirs;
      if (theirs && this.wire.connected && opsBehind(this.core.vector(), theirs) > 0)
        void this.sync();
    }, RELAY_GRACE_MS);
    this.graceTimer.unref();
  }

  /** Sends the peer this station's own new ops (they end at a signed op), with its vector. */
  push(ops: readonly Op[], vector: VersionVector): void {
    if (!this.wire.connected) return;
    this.wire.emit('peer:ops', { vector, ops: ops.map(({ payloadJson: _unused, ...op }) => op) });
  }

  /**
   * Takes ops the peer pushed. Pushes that arrive while one is being applied wait and go in
   * together, in one transaction: under load a station applies fewer, larger batches instead of
   * falling behind one small transaction at a time. A catch-up under way, or a gap before the
   * ops, means a pull instead.
   */
  private takePush(ops: unknown[]): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.inbox.push(ops);
    if (!this.applyingPushes) void this.applyPushes();
  }

  private async applyPushes(): Promise<void> {
    this.applyingPushes = true;
    try {
      while (this.inbox.length > 0 && !this.running) {
        // Each push is at most PUSH_BYTES (256 KB), so three stay inside a batch's byte limit.
        const ops: unknown[] = [];
        for (let n = 0; n < 3 && this.inbox.length > 0; n++) {
          if (n > 0 && ops.length + (this.inbox[0] as unknown[]).length > MAX_BATCH_OPS) break;
          ops.push(...(this.inbox.shift() as unknown[]));
        }
        try {
          const r = await this.core.applyFromPeer(ops);
          this.noteApplied(r, ops.length);
        } catch (err) {
          this.inbox = [];
          if (err instanceof ChainGap) void this.sync();
          else this.noteFailure(err);
        }
      }
      if (this.running) {
        this.inbox = [];
        this.again = true;
      }
    } finally {
      this.applyingPushes = false;
    }
  }

  /** Pulls everything the peer has and this station lacks; runs again if asked meanwhile. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.catchUp().catch((err: unknown) => this.noteFailure(err));
      } while (this.again && this.wire.connected);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async answerPull(p: PeerPull): Promise<Op[]> {
    const ops = await opsToShip(this.core.read, p.origin, p.after, p.maxBytes);
    // Only what the wire needs: the stored canonical JSON stays on this side.
    return ops.map(({ payloadJson: _unused, ...op }) => op);
  }

  private async ask<T>(event: string, arg: unknown): Promise<T> {
    const answer = (await this.wire.timeout(ACK_TIMEOUT_MS).emitWithAck(event, arg)) as Answer<T>;
    if (!answer || typeof answer !== 'object' || !('ok' in answer))
      throw new Error(`${event}: the peer sent no answer`);
    if (!answer.ok) throw new Error(`${event}: ${answer.message}`);
    return answer;
  }

  private async catchUp(): Promise<void> {
    const { vector } = await this.ask<{ vector: unknown }>('peer:vector', {});
    const theirs = VersionVectorSchema.parse(vector);
    this.status.theirs = theirs;
    const mine = this.core.vector();
    this.status.behind = Object.entries(theirs).reduce(
      (n, [o, seq]) => n + Math.max(0, seq - (mine[o] ?? 0)),
      0,
    );
    // A long way behind (a fresh or long-offline station): write in bulk mode, as an import does,
    // and when what is coming outgrows what is held, build the queue's indexes once at the end
    // (bench/sync: ~9,000 → ~10,000 ops/s, the index build included).
    const behind = this.status.behind;
    if (behind < BULK_FROM_OPS) return this.pullAll(theirs, mine);
    const defer = behind >= DEFER_INDEXES_FROM_OPS && (await countMentions(this.core.db)) < behind;
    await this.core.bulkWrites(async () => {
      if (defer) await this.core.deferMentionIndexes();
      await this.pullAll(theirs, mine);
    });
  }

  private async pullAll(theirs: VersionVector, mine: VersionVector): Promise<void> {
    for (const [origin, seq] of Object.entries(theirs)) {
      const from = mine[origin] ?? 0;
      if (from >= seq) continue;
      // The next piece is asked for while this one is applied: network and disk overlap.
      const pull = (after: number) => {
        const p = this.ask<{ ops: unknown }>('peer:pull', { origin, after, maxBytes: PULL_BYTES });
        p.catch(() => undefined); // awaited below, or dropped when an apply fails
        return p;
      };
      let next: ReturnType<typeof pull> | null = pull(from);
      let after = from;
      while (next) {
        const { ops } = await next;
        if (!Array.isArray(ops))
          throw new BatchRefused('the peer answered a pull with something other than a list');
        if (ops.length === 0) break;
        const tail: unknown = ops.at(-1);
        const last = tail && typeof tail === 'object' ? (tail as { seq?: unknown }).seq : null;
        const asked = typeof last === 'number' && last > after;
        const from = after;
        if (asked) after = last;
        next = asked && after < seq && this.wire.connected ? pull(after) : null;
        // Whatever the answer, the door check names what is wrong with it (nothing is stored).
        const result = await this.core.applyFromPeer(ops);
        if (!asked)
          throw new BatchRefused(
            `the peer answered a pull after seq ${from} with ops not asked for`,
          );
        this.noteApplied(result, ops.length);
      }
    }
  }

  private noteApplied({ applied }: Awaited<ReturnType<StationCore['applyFromPeer']>>, n: number) {
    // How long each op took from its commit at the origin to here (clocks of one room agree
    // within minutes; on one machine exactly).
    const now = Date.now();
    for (const op of applied.ops) this.lag?.add(now - decodeHlc(op.hlc).wall);
    this.status.applied += applied.ops.length;
    this.status.behind = Math.max(0, this.status.behind - n);
    this.status.refused = null;
  }

  private noteFailure(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof BatchRefused) {
      this.status.refused = message;
      this.log(`[peer] refused a batch from ${this.peerId}: ${message}`);
    } else if (this.wire.connected) {
      this.log(`[peer] sync with ${this.peerId} failed: ${message}`);
    }
  }
}
