import { z } from 'zod';
import type { Ack } from './common';

const Reason = z.string().trim().max(500).optional();

/** station.revoke: an admin revokes another member station (a lost laptop). */
export const RevokeStationSchema = z
  .object({ stationId: z.string().min(1).max(64), reason: Reason })
  .strict();

/** operator.revoke: an admin revokes an account (someone who left): logged out everywhere. */
export const RevokeOperatorSchema = z
  .object({ operatorId: z.string().min(1).max(64), reason: Reason })
  .strict();

/** Who did something and when (ISO 8601). */
export type DoneBy = { at: string; by: string; byName: string | null };

/** One member station as the Devices settings show it. */
export type StationView = {
  id: string;
  name: string;
  /** This desk's own station. */
  self: boolean;
  /** SHA-256 of the station's current Ed25519 public key, first 16 hex digits (for comparing). */
  keyFingerprint: string;
  /** SHA-256 fingerprint of its current TLS certificate (what peers pin). */
  tlsFingerprint: string | null;
  admitted: DoneBy;
  /** When this station last heard from it over a peer link; null if never (or itself). */
  lastSeen: string | null;
  /** Its latest key rotation, if any, and how many there were. */
  rotated: (DoneBy & { count: number }) | null;
  /** Its revocation, if revoked: its ops after `point` (its chain's seq) have no effect. */
  revoked: (DoneBy & { point: number }) | null;
};

/** One account's sessions as the Sessions settings show them. */
export type OperatorSessionsView = {
  operatorId: string;
  username: string;
  displayName: string;
  role: string;
  disabled: boolean;
  /** Live sessions on this station (sessions are per station; a revocation ends them on all). */
  sessions: number;
  /** When the newest live session here began. */
  lastLogin: string | null;
  revoked: (DoneBy & { reason: string | null }) | null;
};

/** Devices and sessions commands on /desk (admins only). */
export type DevicesCommands = {
  'station.list': (input: Record<string, never>, ack: Ack<{ stations: StationView[] }>) => void;
  'station.revoke': (
    input: z.input<typeof RevokeStationSchema>,
    ack: Ack<{ station: StationView }>,
  ) => void;
  /** Rotates this station's own key and TLS certificate (its chain switches at the rotation op). */
  'station.rotateKey': (input: Record<string, never>, ack: Ack<{ station: StationView }>) => void;
  'session.list': (
    input: Record<string, never>,
    ack: Ack<{ operators: OperatorSessionsView[] }>,
  ) => void;
  'operator.revoke': (
    input: z.input<typeof RevokeOperatorSchema>,
    ack: Ack<{ operator: OperatorSessionsView; releasedClaims: number }>,
  ) => void;
};
