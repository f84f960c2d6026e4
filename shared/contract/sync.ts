import { z } from 'zod';
import type { Ack } from './common';
import type { OwnBuild, PeerApp } from './peer-about';

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

/** sync.setLanHttps: whether browsers on the LAN must use HTTPS on this station. */
export const SetLanHttpsSchema = z.object({ on: z.boolean() }).strict();

/** How other desks reach this station, for the "add a desk" panel. */
export type StationAccess = {
  stationId: string;
  /** This machine's LAN addresses with the station's port (HOST:PORT). */
  addresses: string[];
  /** SHA-256 of the station's TLS certificate: what a browser's certificate details must show. */
  fingerprint: string;
  /** LAN browsers are moved to HTTPS (an admin's choice per station). */
  lanHttps: boolean;
};

/** A join code an admin just made: shown once, stored only as a hash. */
export type JoinCodeMade = { code: string; expiresAt: string; access: StationAccess };

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
  /** The peer's build (null or absent: it did not say, so it is older than this one). */
  app?: PeerApp | null;
};

/** Where this station stands with its peers. */
export type SyncStatus = {
  stationId: string;
  peers: PeerLink[];
  propagation: { samples: number; p50Ms: number | null; p99Ms: number | null };
  /** This station's build and its stored ops it cannot interpret. */
  own?: OwnBuild;
};

/** Commands of the sync domain. */
export type SyncCommands = {
  'sync.status': (input: Record<string, never>, ack: Ack<SyncStatus>) => void;
  'sync.addPeer': (input: z.input<typeof AddPeerSchema>, ack: Ack<SyncStatus>) => void;
  'sync.access': (input: Record<string, never>, ack: Ack<StationAccess>) => void;
  'sync.setLanHttps': (input: z.input<typeof SetLanHttpsSchema>, ack: Ack<StationAccess>) => void;
  'sync.makeJoinCode': (input: Record<string, never>, ack: Ack<JoinCodeMade>) => void;
};

/** Events of the sync domain. */
export type SyncEvents = {
  /** Links came or went, or the lag changed. */
  'sync.changed': (status: SyncStatus) => void;
};
