import type { Ack } from './common';

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
};

/** Events of the sync domain. */
export type SyncEvents = {
  /** Links came or went, or the lag changed. */
  'sync.changed': (status: SyncStatus) => void;
};
