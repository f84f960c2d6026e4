import { z } from 'zod';
import { VersionVectorSchema } from '../sync/version-vector';

/**
 * The /peer namespace: station to station. A connecting station proves who it is by signing
 * its handshake with its station key; both sides then offer the same three events, so one
 * connection syncs both ways: ask for the other's version vector, pull the next signed piece
 * of one origin's chain, and hear that the other has new ops.
 */
export const PeerHelloSchema = z.object({
  roomId: z.string().min(1).max(64),
  stationId: z.string().min(1).max(64),
  /** The connecting station's clock (ISO), signed: a peer more than 5 minutes off is refused. */
  at: z.iso.datetime({ offset: true }),
  sig: z.string().min(1).max(200),
  /** The station's own key rotations (ops), so a peer that has not synced them can follow its key. */
  rotations: z.array(z.unknown()).max(16).optional(),
});
/** A handshake. */
export type PeerHello = z.infer<typeof PeerHelloSchema>;

/** The text a handshake signs. */
export function peerHelloText(h: Omit<PeerHello, 'sig'>): string {
  return `holdline-peer\n${h.roomId}\n${h.stationId}\n${h.at}`;
}

/** Most ops one peer batch may carry. */
export const MAX_BATCH_OPS = 2_000;
/** Most payload bytes one peer batch may carry. */
export const MAX_BATCH_BYTES = 900 * 1024;
/**
 * Most bytes a shipped piece may take on the wire, ops whole: socket.io closes a link on a
 * message over 1 MB (maxHttpBufferSize), whichever end of the link answers the pull.
 */
export const MAX_WIRE_BYTES = 900 * 1024;

/** peer:pull — the next piece of one origin's chain after a seq. */
export const PeerPullSchema = z.object({
  origin: z.string().min(1).max(64),
  after: z.number().int().min(0),
  maxBytes: z
    .number()
    .int()
    .min(1)
    .max(512 * 1024),
});
/** A pull request. */
export type PeerPull = z.infer<typeof PeerPullSchema>;

/** peer:changed — the sender has new ops; its vector says up to where. */
export const PeerChangedSchema = z.object({ vector: VersionVectorSchema });

/**
 * peer:ops — the sender's own new ops, pushed as they commit (ending at a signed op), with its
 * vector. The ops are checked at the door like any pulled batch; a receiver that finds a gap
 * pulls instead.
 */
export const PeerPushSchema = z.object({
  vector: VersionVectorSchema,
  ops: z.array(z.unknown()).min(1),
});

/** The path of station-to-station socket.io, apart from the desks' own (/socket.io). */
export const PEER_IO_PATH = '/peer.io';

/** Clock difference past which two stations do not sync (DECISIONS.md 2). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * POST /api/join, over TLS: a new station asks a member to admit it. It proves it holds the
 * room's join code without sending it (electron/station/room/join-proof.ts).
 */
export const JoinRequestSchema = z.object({
  stationId: z.string().min(1).max(64),
  publicKey: z.string().min(1).max(1000),
  name: z.string().trim().min(1).max(120),
  /** The joiner's TLS certificate (PEM), pinned in its admission. */
  tlsCert: z.string().min(1).max(4000),
  /** Fresh per request: the member's answer proves over it, so no old answer can be replayed. */
  nonce: z.string().regex(/^[\w-]{16,64}$/),
  /** HMAC over the member's certificate, this station and the nonce, keyed by the code's hash. */
  proof: z.string().regex(/^[\w-]{43}$/),
});
/** A join request. */
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

/**
 * What an admitting member answers: the room and the stations it knows as members (itself
 * included) — the joiner's first trust, established by the join code, until it holds the room's
 * own admissions.
 */
export const JoinAnswerSchema = z.object({
  ok: z.literal(true),
  roomId: z.string().min(1).max(64),
  warRoom: z.string().min(1).max(120),
  members: z
    .array(
      z.object({
        stationId: z.string().min(1).max(64),
        publicKey: z.string().min(1).max(1000),
        tlsCert: z.string().max(4000).nullable(),
      }),
    )
    .min(1)
    .max(1_000),
  /** The member that answered (its certificate is the one the joiner saw). */
  admittedBy: z.string().min(1).max(64),
  /** The member's proof that it holds the code too, over this answer. */
  proof: z.string().regex(/^[\w-]{43}$/),
});
/** A join answer. */
export type JoinAnswer = z.infer<typeof JoinAnswerSchema>;
