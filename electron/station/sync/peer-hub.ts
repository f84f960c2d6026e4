import type { Server, Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import {
  MAX_CLOCK_SKEW_MS,
  PEER_IO_PATH,
  PeerHelloSchema,
  peerHelloText,
  type PeerHello,
} from '../../../shared/contract/peer';
import type { StationCore } from '../core/core';
import { getRoom } from '../db/queries/people';
import { loadBootstrap } from '../room/join';
import { signOpId } from '../ops/station-key';
import { sha256Hex } from '../ops/op-id';
import { PeerSession, type PeerWire } from './peer-session';
import { presenceBoardOf } from '../presence/presence-board';
import { opsBehind, type VersionVector } from '../../../shared/sync/version-vector';
import { LatencyWindow } from '../../../shared/sync/latency-window';
import type { Applied } from '../ops/apply';
import type { Op } from '../ops/op';
import { MAX_BATCH_OPS } from './peer-batch';
import { MAX_WIRE_BYTES } from '../../../shared/contract/peer';
import { memberHelloProblem, ownRotations, pinnedCerts } from './peer-trust';
import { revocationPoints } from '../db/queries/revocations';
import type { PeerApp } from '../../../shared/contract/peer-about';
import { peerAppOf } from './peer-app';

/** One peer as the peers panel shows it. */
export type PeerInfo = {
  stationId: string | null;
  address: string | null;
  direction: 'in' | 'out';
  connected: boolean;
  lastSeen: string | null;
  applied: number;
  behind: number;
  refused: string | null;
  /** The peer's build (null: it said nothing, so it is older than peer:about). */
  app?: PeerApp | null;
};

type Link = {
  info: PeerInfo;
  session: PeerSession | null;
  socket: ClientSocket | Socket;
  /** An outgoing link: re-reads the certificates it accepts (after a revocation or rotation). */
  repin?: () => Promise<void>;
};

/** Signs a handshake as this station (the signature is over the text's SHA-256). */
function helloFor(core: StationCore, roomId: string, rotations: Op[] = []): PeerHello {
  const h = { roomId, stationId: core.stationId, at: new Date().toISOString() };
  const signed = { ...h, sig: signOpId(core.key, sha256Hex(peerHelloText(h))) };
  // After a key rotation, the rotations let a peer that has not synced them follow to this key.
  return rotations.length > 0 ? { ...signed, rotations } : signed;
}

/** A connection failure in words: TLS refusals are named as such, not as "websocket error". */
function reasonOf(err: Error & { description?: unknown }): string {
  const cause = err.description as { message?: string; code?: string } | undefined;
  const detail = `${cause?.code ?? ''} ${cause?.message ?? ''}`;
  if (/CERT|certificate|self.signed|pinned/i.test(detail))
    return `refused: the peer's TLS certificate is not pinned by any admission of this room (${cause?.code ?? cause?.message})`;
  if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH/.test(detail))
    return `unreachable (${cause?.code ?? cause?.message})`;
  return err.message;
}

/** What to log when a peer's link closes: nothing for orderly goodbyes. */
function closeLine(stationId: string, reason: string): string | null {
  if (/namespace disconnect|shutting down/.test(reason)) return null;
  if (reason === 'transport error' || reason === 'parse error')
    return `[peer] refused a message from ${stationId}: over the 1 MB message limit or not a valid frame (${reason}); link dropped`;
  return `[peer] link from ${stationId} lost: ${reason}`;
}

/** Why a handshake is refused, or null when it is a member of this room with a sound clock. */
export async function helloProblem(core: StationCore, raw: unknown): Promise<string | null> {
  const parsed = PeerHelloSchema.safeParse(raw);
  if (!parsed.success) return 'malformed handshake';
  const h = parsed.data;
  const room = await getRoom(core.read);
  if (!room) return 'this station belongs to no war room yet';
  if (h.roomId !== room.id) return `station ${h.stationId} belongs to another war room`;
  const problem = await memberHelloProblem(core.read, h, peerHelloText(h));
  if (problem) return problem;
  const skew = Date.parse(h.at) - Date.now();
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS)
    return `station ${h.stationId}'s clock is ${Math.round(skew / 60_000)} min off this one's: fix the clock to sync`;
  return null;
}

// How often ops that came from other stations are announced onward.
const RELAY_EVERY_MS = 100;
// Own ops up to this many payload bytes are pushed to peers as they commit; more are announced.
const PUSH_BYTES = 256 * 1024;
// An op's fields besides its payload, as JSON on the wire (ids, hashes, HLC, signature, names).
const OP_WIRE_BYTES = 450;

// How often presence is re-sent to peers (well inside PRESENCE_TTL_MS).
const PRESENCE_BEAT_MS = 10_000;

// The hub serving each core, for the HTTP routes (which get the core only).
const HUBS = new WeakMap<StationCore, PeerHub>();

/** The hub linking a core's station to its peers, when it runs one. */
export function hubOf(core: StationCore): PeerHub | undefined {
  return HUBS.get(core);
}

/** Sync status of a core's station (no peers when it runs without a hub, e.g. `import --data`). */
export async function peerStatus(
  core: StationCore,
  /** Propagation figures of ops applied since this moment (ms since the epoch) only. */
  since?: number,
): Promise<Awaited<ReturnType<PeerHub['status']>>> {
  const hub = HUBS.get(core);
  if (hub) return hub.status(since);
  return {
    stationId: core.stationId,
    vector: core.vector(),
    peers: [],
    propagation: new LatencyWindow().summary(),
  };
}

/**
 * The station's peer links: /peer for stations that connect here, and outgoing links to the
 * addresses it was given, re-dialled after any failure. Every link is a PeerSession, and every
 * local change is announced on all of them.
 */
export class PeerHub {
  private readonly links = new Set<Link>();
  /** Revoked stations whose link was dropped or handshake refused: the peers panel says so. */
  private readonly revoked = new Map<string, PeerInfo>();
  private announcing = false;
  private newsWaiting = false;
  /** Commit-to-applied time of ops that arrived from peers. */
  readonly lag = new LatencyWindow();
  /** This station's own ops committed since the last announcement, to push as they are. */
  private outbox: Op[] = [];
  private outboxBytes = 0;
  private relayTimer: NodeJS.Timeout | null = null;
  private readonly onApplied = (applied: Applied) => {
    const revokes = applied.ops.some((o) => o.type === 'station.revoke');
    if (revokes || applied.ops.some((o) => o.type === 'station.rotate-key'))
      this.recheckLinks(revokes).catch((err: unknown) =>
        this.log(`[peer] could not re-check links: ${String(err)}`),
      );
    let own = false;
    for (const op of applied.ops)
      if (op.origin === this.core.stationId) {
        own = true;
        this.outbox.push(op);
        this.outboxBytes += op.payloadJson?.length ?? JSON.stringify(op.payload).length;
      }
    if (own) return this.announceSoon();
    // Ops from others are news only to peers their origin cannot reach (a chain of stations,
    // a partition healing): said at most every RELAY_EVERY_MS, not after every batch. In a
    // mesh, every batch the origin pushes made each other station tell all of its peers.
    this.relayTimer ??= setTimeout(() => {
      this.relayTimer = null;
      this.announceSoon();
    }, RELAY_EVERY_MS);
  };
  private readonly onPresence = () => this.sharePresence();
  private readonly presenceBeat: NodeJS.Timeout;

  constructor(
    private readonly core: StationCore,
    private readonly log: (line: string) => void = (l) => console.error(l),
  ) {
    core.on('applied', this.onApplied);
    HUBS.set(core, this);
    // Presence is gossip, not log: sent on every change and re-sent as a heartbeat, so a station
    // that goes quiet drops out of everyone's view (PRESENCE_TTL_MS).
    presenceBoardOf(core).on('changed', this.onPresence);
    this.presenceBeat = setInterval(this.onPresence, PRESENCE_BEAT_MS);
    this.presenceBeat.unref();
  }

  /** Serves /peer on the station's socket.io server. */
  mount(io: Server): void {
    const nsp = io.of('/peer');
    nsp.use((socket, next) => {
      helloProblem(this.core, socket.handshake.auth).then(
        (problem) => {
          if (!problem) return next();
          const id = (socket.handshake.auth as { stationId?: unknown } | undefined)?.stationId;
          if (typeof id === 'string' && problem.includes(`station ${id} was revoked`))
            this.noteRevoked(id, socket.handshake.address, 'in');
          this.log(`[peer] refused a connection from ${socket.handshake.address}: ${problem}`);
          next(new Error(`refused: ${problem}`));
        },
        () => next(new Error('refused: the station could not check the handshake')),
      );
    });
    nsp.on('connection', (socket) => {
      const stationId = (socket.handshake.auth as PeerHello).stationId;
      const link: Link = {
        socket,
        session: new PeerSession(
          this.core,
          socket as unknown as PeerWire,
          stationId,
          this.log,
          this.lag,
        ),
        info: this.newInfo(stationId, socket.handshake.address, 'in'),
      };
      link.info.connected = true;
      this.links.add(link);
      socket.on('disconnect', (reason) => {
        link.info.connected = false;
        this.links.delete(link);
        const line = closeLine(stationId, reason);
        if (line) this.log(line);
      });
      void this.syncLink(link);
    });
  }

  /**
   * Keeps a link to a peer at `address` (host:port), re-dialling after failures. `firstSync`
   * settles when the first catch-up over it is done (joining waits for it).
   */
  async dial(
    address: string,
    stationId: string | null = null,
  ): Promise<{ firstSync: Promise<void> }> {
    const known = [...this.links].find(
      (l) => l.info.direction === 'out' && l.info.address === address,
    );
    if (known) return { firstSync: Promise.resolve() };
    const roomId =
      (await getRoom(this.core.read))?.id ?? (await loadBootstrap(this.core.read))?.roomId;
    if (!roomId) throw new Error('join a war room before adding peers');
    const host = address.replace(/^https?:\/\//, '').replace(/\/$/, '');
    // Only a member's own certificate is accepted: each is its own root (`ca`), and the
    // fingerprint is checked again in place of a host name (stations have no DNS names).
    let pinned = await this.memberCerts();
    const socket = connect(`https://${host}/peer`, {
      path: PEER_IO_PATH,
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      ca: pinned.certs,
      rejectUnauthorized: true,
      checkServerIdentity: (_name: string, cert: { fingerprint256?: string }) =>
        pinned.fingerprints.has((cert.fingerprint256 ?? '').replaceAll(':', '').toLowerCase())
          ? undefined
          : new Error('the peer’s TLS certificate is not one pinned by an admission'),
      // A fresh, signed hello for every attempt (its clock reading must be current).
      auth: (cb) =>
        void ownRotations(this.core.read, this.core.stationId).then(
          (r) => cb(helloFor(this.core, roomId, r)),
          () => cb(helloFor(this.core, roomId)),
        ),
    } as Parameters<typeof connect>[1]);
    // Stations admitted since: their certificates count from the next attempt on.
    socket.io.on('reconnect_attempt', () => {
      void this.memberCerts().then((m) => {
        pinned = m;
        (socket.io.opts as { ca?: string[] }).ca = m.certs;
      });
    });
    const link: Link = {
      socket,
      session: null,
      info: this.newInfo(stationId, address, 'out'),
      repin: async () => {
        pinned = await this.memberCerts();
        (socket.io.opts as { ca?: string[] }).ca = pinned.certs;
      },
    };
    this.links.add(link);
    socket.on('connect_error', (err) => {
      const message = reasonOf(err);
      if (link.info.refused !== message) this.log(`[peer] ${address}: ${message}`);
      link.info.refused = message;
    });
    let synced: () => void = () => undefined;
    const firstSync = new Promise<void>((resolve) => (synced = resolve));
    socket.on('connect', () => {
      link.info.connected = true;
      link.info.refused = null;
      link.session ??= new PeerSession(
        this.core,
        socket as unknown as PeerWire,
        address,
        this.log,
        this.lag,
      );
      void this.syncLink(link).then(synced);
    });
    socket.on('disconnect', () => {
      link.info.connected = false;
    });
    return { firstSync };
  }

  /**
   * A station of this room found on the LAN (mDNS). One side of each pair dials — the one with
   * the lower id — so two stations that find each other keep one link, not two. Links are
   * symmetric, so one dial is enough either way.
   */
  async discovered(
    peer: { stationId: string; host: string; port: number },
    opts: { unseen?: boolean } = {},
  ): Promise<void> {
    if (peer.stationId === this.core.stationId) return;
    // A station that does not advertise itself (it listens on loopback) always dials.
    if (!opts.unseen && peer.stationId < this.core.stationId) return;
    const address = `${peer.host}:${peer.port}`;
    const links = [...this.links];
    if (links.some((l) => l.info.stationId === peer.stationId && l.info.connected)) return;
    // The same station at a new address: the old link is re-dialling a place it left.
    for (const l of links)
      if (l.info.stationId === peer.stationId && l.info.address !== address) this.drop(l);
    await this.dial(address, peer.stationId);
  }

  /** A discovered station went quiet: stop re-dialling it unless the link still stands. */
  lost(stationId: string): void {
    for (const l of this.links)
      if (l.info.direction === 'out' && l.info.stationId === stationId && !l.info.connected)
        this.drop(l);
  }

  private drop(link: Link): void {
    link.socket.disconnect();
    this.links.delete(link);
  }

  /** The TLS certificates of the room's members (and of those named when this station joined). */
  private async memberCerts(): Promise<{ certs: string[]; fingerprints: Set<string> }> {
    return pinnedCerts(this.core.read);
  }

  /**
   * After the room's stations changed (a revocation, a key rotation): drops links from revoked
   * stations, and has every outgoing link reconnect with the certificates now pinned — a revoked
   * station's is pinned no more, a rotated station's new one is.
   */
  private async recheckLinks(reconnect: boolean): Promise<void> {
    const revoked = await revocationPoints(this.core.read);
    for (const link of [...this.links]) {
      if (link.info.stationId !== null && revoked.has(link.info.stationId)) {
        this.log(`[peer] station ${link.info.stationId} was revoked: dropped its link`);
        this.noteRevoked(
          link.info.stationId,
          link.info.address,
          link.info.direction,
          link.info.lastSeen,
        );
        this.drop(link);
      } else if (link.repin) {
        await link.repin();
        // Reconnects at once through the TLS check, with the pins just read.
        if (reconnect && revoked.size > 0) (link.socket as ClientSocket).io.engine?.close();
      }
    }
  }

  /** Every link and where it stands. */
  peers(): PeerInfo[] {
    return [...this.links].map((l) => this.infoOf(l));
  }

  private infoOf(l: Link): PeerInfo {
    return {
      ...l.info,
      applied: l.session?.status.applied ?? 0,
      behind: l.session?.status.behind ?? 0,
      refused: l.info.refused ?? l.session?.status.refused ?? null,
      app: peerAppOf(l.session?.status.about),
    };
  }

  /**
   * Where this station stands against each peer, by version vectors: `behind` is how many ops
   * the peer holds that this station lacks, `ahead` how many it holds that the peer lacks (as of
   * the peer's last word).
   */
  async status(since?: number): Promise<{
    stationId: string;
    vector: VersionVector;
    peers: (PeerInfo & { ahead: number })[];
    propagation: ReturnType<LatencyWindow['summary']>;
  }> {
    const vector = this.core.vector();
    return {
      stationId: this.core.stationId,
      vector,
      propagation: this.lag.summary(since),
      peers: [
        ...[...this.links].map((l) => {
          const info = this.infoOf(l);
          const theirs = l.session?.status.theirs;
          return theirs
            ? { ...info, behind: opsBehind(vector, theirs), ahead: opsBehind(theirs, vector) }
            : { ...info, ahead: 0 };
        }),
        ...[...this.revoked.values()].map((info) => ({ ...info, ahead: 0 })),
      ],
    };
  }

  /** Drops every link. */
  close(): void {
    this.core.off('applied', this.onApplied);
    presenceBoardOf(this.core).off('changed', this.onPresence);
    clearInterval(this.presenceBeat);
    if (this.relayTimer) clearTimeout(this.relayTimer);
    HUBS.delete(this.core);
    for (const l of this.links) l.socket.disconnect();
    this.links.clear();
  }

  /** Remembers a revoked station's link for the peers panel (one entry per station). */
  private noteRevoked(
    stationId: string,
    address: string | null,
    direction: 'in' | 'out',
    lastSeen: string | null = null,
  ): void {
    const info = this.newInfo(stationId, address, direction);
    info.refused = 'revoked: this station no longer syncs with it';
    info.lastSeen = lastSeen ?? this.revoked.get(stationId)?.lastSeen ?? null;
    this.revoked.set(stationId, info);
  }

  private newInfo(stationId: string | null, address: string | null, direction: 'in' | 'out') {
    return {
      stationId,
      address,
      direction,
      connected: false,
      lastSeen: null,
      applied: 0,
      behind: 0,
      refused: null,
    } satisfies PeerInfo as PeerInfo;
  }

  private sharePresence(): void {
    for (const l of this.links) if (l.info.connected) l.session?.sharePresence();
  }

  private async syncLink(link: Link): Promise<void> {
    link.session?.sharePresence();
    await link.session?.sync();
    link.info.lastSeen = new Date().toISOString();
    // A station restored from a backup records again once a peer has given it back its own ops.
    const status = link.session?.status;
    if (link.info.connected && status?.theirs && status.refused === null)
      this.core.caughtUpWith(status.theirs[this.core.stationId]);
  }

  private announceSoon(): void {
    this.newsWaiting = true;
    if (this.announcing) return;
    this.announcing = true;
    setImmediate(() => {
      void this.announce()
        .catch(() => undefined) // the database closed under it: the station is stopping
        .finally(() => (this.announcing = false));
    });
  }

  /** Tells every link what is new, until nothing new arrived while it did so. */
  private async announce(): Promise<void> {
    while (this.newsWaiting) {
      this.newsWaiting = false;
      // Small news goes as the ops themselves (no round trip); a large import as the vector, and
      // peers pull it in acknowledged pieces.
      const small =
        this.outboxBytes <= PUSH_BYTES &&
        this.outbox.length <= MAX_BATCH_OPS &&
        this.outboxBytes + this.outbox.length * OP_WIRE_BYTES <= MAX_WIRE_BYTES;
      const ops = small ? this.outbox : [];
      this.outbox = [];
      this.outboxBytes = 0;
      const vector = this.core.vector();
      for (const l of this.links) {
        if (!l.info.connected || !l.session) continue;
        if (ops.length > 0) l.session.push(ops, vector);
        else l.session.announce(vector);
      }
    }
  }
}
