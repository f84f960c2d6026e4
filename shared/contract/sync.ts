import { z } from 'zod';
import type { Ack } from './common';

/** A station's address as people type it: host:port (a name, IPv4, or [IPv6]). */
export const PeerAddressSchema = z
  .string()
  .trim()
  .max(300)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):\d{1,5}$/, 'give an address as host:port')
  .refine((a) => {
    const port = Number(a.slice(a.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65_535;
  }, 'the port must be 1 to 65535');

/** sync.addPeer: keep a link to a station by address (where discovery cannot find it). */
export const AddPeerSchema = z.object({ address: PeerAddressSchema }).strict();

/** One link to another station, as the peers panel shows it. */
export type PeerLink = {
  stationId: string | null;
  address: string | null;
  direction: 'in' | 'out';
  connected: boolean;
  lastSeen: string | null;
  /** Ops the peer holds that this station lacks (as of the peer's last word). */
  behind: number;
  /** Ops this station holds that the peer lacks. */
  ahead: number;
  refused: string | null;
};

/** Where this station stands with its peers. */
export type SyncStatus = {
  stationId: string;
  peers: PeerLink[];
  propagation: { samples: number; p50Ms: number | null; p99Ms: number | null };
};

/** Commands of the sync domain. */
export type SyncCommands = {
  'sync.status': (input: Record<string, never>, ack: Ack<SyncStatus>) => void;
  'sync.addPeer': (input: z.input<typeof AddPeerSchema>, ack: Ack<SyncStatus>) => void;
};

/** Events of the sync domain. */
export type SyncEvents = {
  /** Links came or went, or the lag changed. */
  'sync.changed': (status: SyncStatus) => void;
};
