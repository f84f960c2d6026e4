import { z } from 'zod';

/**
 * peer:about — what each end of a /peer link says about its build right after connecting: its
 * app version and its op catalogue (the op type@v it interprets). Additive: a build from before
 * it neither sends nor listens for it (socket.io drops events nobody listens to), and its links
 * work as before; its peers show its version as unknown.
 */
export const PeerAboutSchema = z.object({
  app: z.string().min(1).max(40),
  /** The catalogue's fingerprint (electron/station/ops/op-catalogue.ts). */
  catalogue: z.string().min(1).max(64),
  /** Every op type@v the build interprets. */
  ops: z.array(z.string().max(140)).max(5_000),
});
/** What a peer said about its build. */
export type PeerAbout = z.infer<typeof PeerAboutSchema>;

/** The event's name. */
export const PEER_ABOUT_EVENT = 'peer:about';

/** A peer's build as the peers panel shows it (null: it said nothing, so it is older than this). */
export type PeerApp = {
  app: string;
  catalogue: string;
  /** Op type@v the peer reads and this build does not: its ops of those have no effect here. */
  newerOps: string[];
};

/** Stored ops a build cannot interpret, by type@v (a newer build's, DECISIONS.md 2). */
export type UnreadOpCounts = { total: number; byOp: Record<string, number> };

/** This station's own build, beside its peers' in the peers panel. */
export type OwnBuild = { app: string; catalogue: string; unread: UnreadOpCounts };
